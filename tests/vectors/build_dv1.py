"""dv1.json: known-answer DV1 blobs, range spans and tampered blobs that must fail."""

from __future__ import annotations

from typing import Any

from keys import CHUNK_SIZE, HEADER_SIZE, TAG_SIZE, ciphertext_span
from keys._dv1_chunks import ChunkCipher
from keys._dv1_header import build_header
from keys.format import FILE_NONCE_SIZE, INFO_HEADER, INFO_PAYLOAD
from keys.stream import _encrypt_stream_from_parts
from keys.symmetric import derive_key
from tests.vectors.material import document_id, material, pattern

Mutation = dict[str, Any]

SEALED = CHUNK_SIZE + TAG_SIZE
THREE = "two-chunks-plus-five"
TEXT = "Titre de séjour — OFPRA, décision du 3 mars 2025".encode()
SIZES = {"empty": 0, "one-byte": 1, "full-chunk": CHUNK_SIZE, "full-chunk-plus-one": CHUNK_SIZE + 1,
         THREE: 2 * CHUNK_SIZE + 5}
RANGES = [(0, 1), (4, 5), (0, 131077), (65535, 65537), (65536, 131072), (65536, 131073),
          (131071, 131077), (131072, 131077), (131076, 131077), (5, 131074)]
HEADER_FIELDS = {"magic": 0, "version": 4, "algorithm": 5, "chunk-size": 8, "document-id-length": 10,
                 "document-id": 11, "file-nonce": 43, "header-mac-first-byte": 59,
                 "header-mac-last-byte": HEADER_SIZE - 1}
BODY_PLACES = {"chunk-0-ciphertext": HEADER_SIZE + 100, "chunk-0-tag": HEADER_SIZE + CHUNK_SIZE + 3,
               "chunk-1-ciphertext": HEADER_SIZE + SEALED + 7, "final-chunk-ciphertext": HEADER_SIZE + 2 * SEALED,
               "final-tag-last-byte": HEADER_SIZE + 2 * SEALED + 5 + TAG_SIZE - 1}


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
        "negative": _truncations() + _reorderings() + _bit_flips() + _crafted() + _wrong_context(),
    }


def _inputs(name: str) -> tuple[bytes, str, bytes]:
    dek = material("dv1 dek|" + name, 32)
    return dek, document_id("dv1|" + name), material("dv1 nonce|" + name, FILE_NONCE_SIZE)


def _cipher(name: str) -> ChunkCipher:
    return build_header(*_inputs(name))[1]


def _positive(name: str, plaintext: bytes, rule: bool) -> dict[str, Any]:
    dek, doc, nonce = _inputs(name)
    body: dict[str, Any] = {"plaintext_rule": "mod251"} if rule else {"plaintext": plaintext.hex()}
    blob = b"".join(_encrypt_stream_from_parts(dek, doc, [plaintext], nonce))
    return {
        "name": name,
        "dek": dek.hex(),
        "document_id": doc,
        "file_nonce": nonce.hex(),
        "header_key": derive_key(dek, INFO_HEADER).hex(),
        "payload_key": derive_key(dek, INFO_PAYLOAD, salt=nonce).hex(),
        "plaintext_size": len(plaintext),
        **body,
        "ciphertext": blob.hex(),
    }


def _range(start: int, end: int) -> dict[str, Any]:
    span = list(ciphertext_span(SIZES[THREE], start, end))
    return {"vector": THREE, "start": start, "end": end, "span": span}


def _negative(name: str, vector: str, mutations: list[Mutation], description: str, **overrides: str) -> dict[str, Any]:
    return {"name": name, "vector": vector, "mutations": mutations, **overrides,
            "description": description, "expect": "DecryptionError"}


def truncate(length: int) -> Mutation:
    return {"op": "truncate", "length": length}


def append(data: bytes) -> Mutation:
    return {"op": "append", "hex": data.hex()}


def flip(offset: int) -> Mutation:
    return {"op": "xor", "offset": offset, "mask": 1}


def _truncations() -> list[dict[str, Any]]:
    cases = [
        _negative("empty-input", "one-byte", [truncate(0)], "no bytes at all"),
        _negative("truncated-header", "one-byte", [truncate(50)], "cut inside the header"),
        _negative("header-only", THREE, [truncate(HEADER_SIZE)], "cut after the header"),
    ]
    cases += [
        _negative(f"truncated-after-chunk-{index}", THREE, [truncate(HEADER_SIZE + (index + 1) * SEALED)],
                  f"cut at a chunk boundary: the final chunk is missing and chunk {index} is not final")
        for index in (0, 1)
    ]
    return cases + [
        _negative("truncated-after-full-chunk", "full-chunk-plus-one", [truncate(HEADER_SIZE + SEALED)],
                  "the one-byte final chunk is missing"),
        _negative("truncated-inside-final-chunk", THREE,
                  [{"op": "delete", "offset": HEADER_SIZE + 2 * SEALED + 3, "length": 1}],
                  "one byte missing from the final chunk"),
        _negative("truncated-tag", "empty", [truncate(HEADER_SIZE + TAG_SIZE - 1)],
                  "the empty final chunk lost a byte of its tag"),
    ]


def _reorderings() -> list[dict[str, Any]]:
    return [
        _negative("swapped-chunks", THREE,
                  [{"op": "swap", "a": HEADER_SIZE, "b": HEADER_SIZE + SEALED, "length": SEALED}],
                  "chunks 0 and 1 exchanged"),
        _negative("dropped-middle-chunk", THREE, [{"op": "delete", "offset": HEADER_SIZE + SEALED, "length": SEALED}],
                  "chunk 1 removed, chunk 2 moves up"),
        _negative("duplicated-chunk", THREE, [{"op": "duplicate", "offset": HEADER_SIZE, "length": SEALED}],
                  "chunk 0 repeated after itself"),
    ]


def _bit_flips() -> list[dict[str, Any]]:
    places = {**HEADER_FIELDS, **BODY_PLACES}
    return [_negative(f"bit-flip-{place}", THREE, [flip(offset)], f"one bit flipped in the {place.replace('-', ' ')}")
            for place, offset in places.items()]


def _crafted() -> list[dict[str, Any]]:
    dek, doc, _ = _inputs("one-byte")
    other_header, _ = build_header(dek, doc, material("dv1 other nonce", FILE_NONCE_SIZE))
    return [
        _negative("final-flag-missing", "one-byte",
                  [truncate(HEADER_SIZE), append(_cipher("one-byte").seal(0, False, b"\x00"))],
                  "the only chunk is sealed as not final"),
        _negative("empty-final-chunk-after-full-chunk", "full-chunk-plus-one",
                  [truncate(HEADER_SIZE + SEALED), append(_cipher("full-chunk-plus-one").seal(1, True, b""))],
                  "an empty final chunk is only valid for an empty document"),
        _negative("chunk-after-final-chunk", "full-chunk", [append(_cipher("full-chunk").seal(1, True, b"\x00"))],
                  "a valid-looking chunk appended after the final chunk"),
        _negative("header-from-another-blob", "one-byte", [{"op": "replace", "offset": 0, "hex": other_header.hex()}],
                  "a genuine header of the same document and key, with another file nonce"),
        _negative("trailing-byte", "one-byte", [append(b"\x00")], "one byte after the final chunk"),
        _negative("trailing-block", "full-chunk", [append(bytes(TAG_SIZE))],
                  "a tag-sized block after a full final chunk"),
    ]


def _wrong_context() -> list[dict[str, Any]]:
    return [
        _negative("wrong-dek", "one-byte", [], "another document key", dek=material("dv1 wrong dek", 32).hex()),
        _negative("wrong-document-id", "one-byte", [], "another document id", document_id=document_id("dv1|other")),
    ]
