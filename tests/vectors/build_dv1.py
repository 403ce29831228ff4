"""dv1.json: known-answer DV1 blobs, range spans and tampered blobs that must fail."""

from __future__ import annotations

from typing import Any

from keys import CHUNK_SIZE, HEADER_SIZE, TAG_SIZE, ciphertext_span
from keys._dv1_header import build_header
from keys.format import FILE_NONCE_SIZE, INFO_HEADER, INFO_PAYLOAD
from keys.stream import _encrypt_stream_from_parts
from keys.symmetric import derive_key
from tests.vectors.material import document_id, material, pattern

SEALED = CHUNK_SIZE + TAG_SIZE
TEXT = "Titre de séjour — OFPRA, décision du 3 mars 2025".encode()
SIZES = {"empty": 0, "one-byte": 1, "full-chunk": CHUNK_SIZE, "full-chunk-plus-one": CHUNK_SIZE + 1,
         "two-chunks-plus-five": 2 * CHUNK_SIZE + 5}
RANGES = [(0, 1), (4, 5), (0, 131077), (65535, 65537), (65536, 131072), (65536, 131073),
          (131071, 131077), (131072, 131077), (131076, 131077), (5, 131074)]


def build() -> dict[str, Any]:
    vectors = [_positive(name, pattern(size), rule=True) for name, size in SIZES.items()]
    vectors.append(_positive("text", TEXT, rule=False))
    return {
        "format": "DV1",
        "schema": 1,
        "constants": {"header_size": HEADER_SIZE, "chunk_size": CHUNK_SIZE, "tag_size": TAG_SIZE},
        "plaintext_rule": "for plaintext_rule 'mod251', byte i of the plaintext is i mod 251",
        "vectors": vectors,
        "ranges": [_range(start, end) for start, end in RANGES],
        "negative": _negatives(),
    }


def _inputs(name: str) -> tuple[bytes, str, bytes]:
    return material("dv1 dek|" + name, 32), document_id("dv1|" + name), material("dv1 nonce|" + name, FILE_NONCE_SIZE)


def encrypt(name: str, plaintext: bytes) -> bytes:
    dek, doc, nonce = _inputs(name)
    return b"".join(_encrypt_stream_from_parts(dek, doc, [plaintext], nonce))


def _positive(name: str, plaintext: bytes, rule: bool) -> dict[str, Any]:
    dek, doc, nonce = _inputs(name)
    body: dict[str, Any] = {"plaintext_rule": "mod251"} if rule else {"plaintext": plaintext.hex()}
    return {
        "name": name,
        "dek": dek.hex(),
        "document_id": doc,
        "file_nonce": nonce.hex(),
        "header_key": derive_key(dek, INFO_HEADER).hex(),
        "payload_key": derive_key(dek, INFO_PAYLOAD, salt=nonce).hex(),
        "plaintext_size": len(plaintext),
        **body,
        "ciphertext": encrypt(name, plaintext).hex(),
    }


def _range(start: int, end: int) -> dict[str, Any]:
    size = SIZES["two-chunks-plus-five"]
    return {"vector": "two-chunks-plus-five", "start": start, "end": end, "span": list(ciphertext_span(size, start, end))}


def _negatives() -> list[dict[str, Any]]:
    return _truncations() + _reorderings() + _bit_flips() + _crafted() + _wrong_context()


def _negative(name: str, vector: str, mutations: list[dict[str, Any]], description: str, **overrides: str) -> dict[str, Any]:
    return {"name": name, "vector": vector, "mutations": mutations, **overrides,
            "description": description, "expect": "DecryptionError"}


def _truncations() -> list[dict[str, Any]]:
    three = "two-chunks-plus-five"
    cases = [
        _negative("empty-input", "one-byte", [{"op": "truncate", "length": 0}], "no bytes at all"),
        _negative("truncated-header", "one-byte", [{"op": "truncate", "length": 50}], "cut inside the header"),
        _negative("header-only", three, [{"op": "truncate", "length": HEADER_SIZE}], "cut after the header"),
    ]
    for boundary in (1, 2):
        cases.append(_negative(f"truncated-after-chunk-{boundary - 1}", three,
                               [{"op": "truncate", "length": HEADER_SIZE + boundary * SEALED}],
                               f"cut at a chunk boundary: the final chunk is missing and chunk {boundary - 1} is not final"))
    cases.append(_negative("truncated-after-full-chunk", "full-chunk-plus-one",
                           [{"op": "truncate", "length": HEADER_SIZE + SEALED}], "the one-byte final chunk is missing"))
    cases.append(_negative("truncated-inside-final-chunk", three, [{"op": "delete", "offset": HEADER_SIZE + 2 * SEALED + 3, "length": 1}],
                           "one byte missing from the final chunk"))
    cases.append(_negative("truncated-tag", "empty", [{"op": "truncate", "length": HEADER_SIZE + TAG_SIZE - 1}],
                           "the empty final chunk lost a byte of its tag"))
    return cases


def _reorderings() -> list[dict[str, Any]]:
    three = "two-chunks-plus-five"
    return [
        _negative("swapped-chunks", three, [{"op": "swap", "a": HEADER_SIZE, "b": HEADER_SIZE + SEALED, "length": SEALED}],
                  "chunks 0 and 1 exchanged"),
        _negative("dropped-middle-chunk", three, [{"op": "delete", "offset": HEADER_SIZE + SEALED, "length": SEALED}],
                  "chunk 1 removed, chunk 2 moves up"),
        _negative("duplicated-chunk", three, [{"op": "duplicate", "offset": HEADER_SIZE, "length": SEALED}],
                  "chunk 0 repeated after itself"),
    ]


def _bit_flips() -> list[dict[str, Any]]:
    places = {"magic": 0, "version": 4, "algorithm": 5, "chunk-size": 8, "document-id-length": 10, "document-id": 11,
              "file-nonce": 43, "header-mac-first-byte": 59, "header-mac-last-byte": HEADER_SIZE - 1,
              "chunk-0-ciphertext": HEADER_SIZE + 100, "chunk-0-tag": HEADER_SIZE + CHUNK_SIZE + 3,
              "chunk-1-ciphertext": HEADER_SIZE + SEALED + 7, "final-chunk-ciphertext": HEADER_SIZE + 2 * SEALED,
              "final-tag-last-byte": HEADER_SIZE + 2 * SEALED + 5 + TAG_SIZE - 1}
    return [_negative(f"bit-flip-{place}", "two-chunks-plus-five", [{"op": "xor", "offset": offset, "mask": 1}],
                      f"one bit flipped in the {place.replace('-', ' ')}") for place, offset in places.items()]


def _crafted() -> list[dict[str, Any]]:
    one_byte_header, cipher = build_header(*_inputs("one-byte"))
    _, two_cipher = build_header(*_inputs("full-chunk-plus-one"))
    _, full_cipher = build_header(*_inputs("full-chunk"))
    other_header, _ = build_header(*_inputs("one-byte")[:2], material("dv1 other nonce", FILE_NONCE_SIZE))
    return [
        _negative("final-flag-missing", "one-byte", [{"op": "truncate", "length": HEADER_SIZE},
                                                    {"op": "append", "hex": cipher.seal(0, False, b"\x00").hex()}],
                  "the only chunk is sealed as not final"),
        _negative("empty-final-chunk-after-full-chunk", "full-chunk-plus-one",
                  [{"op": "truncate", "length": HEADER_SIZE + SEALED}, {"op": "append", "hex": two_cipher.seal(1, True, b"").hex()}],
                  "an empty final chunk is only valid for an empty document"),
        _negative("chunk-after-final-chunk", "full-chunk", [{"op": "append", "hex": full_cipher.seal(1, True, b"\x00").hex()}],
                  "a valid-looking chunk appended after the final chunk"),
        _negative("header-from-another-blob", "one-byte", [{"op": "replace", "offset": 0, "hex": other_header.hex()}],
                  "a genuine header of the same document and key, with another file nonce"),
        _negative("trailing-byte", "one-byte", [{"op": "append", "hex": "00"}], "one byte after the final chunk"),
        _negative("trailing-block", "full-chunk", [{"op": "append", "hex": "00" * TAG_SIZE}],
                  "a tag-sized block after a full final chunk"),
    ]


def _wrong_context() -> list[dict[str, Any]]:
    return [
        _negative("wrong-dek", "one-byte", [], "another document key", dek=material("dv1 wrong dek", 32).hex()),
        _negative("wrong-document-id", "one-byte", [], "another document id", document_id=document_id("dv1|other")),
    ]
