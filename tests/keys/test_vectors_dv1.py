"""dv1.json: saved DV1 blobs keep decrypting forever, and every tampered blob fails closed."""

from __future__ import annotations

from typing import Any

import pytest

from keys import HEADER_SIZE, DecryptionError, ciphertext_size, ciphertext_span, decrypt_range, decrypt_stream
from keys.format import INFO_HEADER, INFO_PAYLOAD
from keys.stream import _encrypt_stream_from_parts
from keys.symmetric import derive_key
from tests.keys.vectors import load, mutate, named, plaintext_of

DV1 = load("dv1.json")
POSITIVE = DV1["vectors"]
NEGATIVE = DV1["negative"]


def _slices(data: bytes, size: int) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


@pytest.mark.parametrize("vector", POSITIVE, ids=lambda v: v["name"])
def test_saved_blob_still_decrypts(vector: dict[str, Any]) -> None:
    blob = bytes.fromhex(vector["ciphertext"])
    dek, expected = bytes.fromhex(vector["dek"]), plaintext_of(vector)
    for size in (1, 4093, 65552, len(blob) or 1):
        assert b"".join(decrypt_stream(dek, vector["document_id"], _slices(blob, size))) == expected


@pytest.mark.parametrize("vector", POSITIVE, ids=lambda v: v["name"])
def test_encryptor_reproduces_saved_blob_from_injected_nonce(vector: dict[str, Any]) -> None:
    dek, nonce = bytes.fromhex(vector["dek"]), bytes.fromhex(vector["file_nonce"])
    blob = b"".join(_encrypt_stream_from_parts(dek, vector["document_id"], [plaintext_of(vector)], nonce))
    assert blob.hex() == vector["ciphertext"]
    assert len(blob) == ciphertext_size(vector["plaintext_size"])


@pytest.mark.parametrize("vector", POSITIVE, ids=lambda v: v["name"])
def test_intermediate_keys_match_saved_values(vector: dict[str, Any]) -> None:
    dek, nonce = bytes.fromhex(vector["dek"]), bytes.fromhex(vector["file_nonce"])
    assert derive_key(dek, INFO_HEADER).hex() == vector["header_key"]
    assert derive_key(dek, INFO_PAYLOAD, salt=nonce).hex() == vector["payload_key"]


@pytest.mark.parametrize("case", DV1["ranges"], ids=lambda c: f"{c['start']}-{c['end']}")
def test_saved_range_spans_decrypt_exactly_the_range(case: dict[str, Any]) -> None:
    vector = named(POSITIVE, case["vector"])
    blob, size = bytes.fromhex(vector["ciphertext"]), vector["plaintext_size"]
    cstart, cend = ciphertext_span(size, case["start"], case["end"])
    assert [cstart, cend] == case["span"]
    body = blob[HEADER_SIZE + cstart : HEADER_SIZE + cend]
    out = decrypt_range(bytes.fromhex(vector["dek"]), vector["document_id"], blob[:HEADER_SIZE], [body], size,
                        case["start"], case["end"])
    assert b"".join(out) == plaintext_of(vector)[case["start"] : case["end"]]


def test_negative_vectors_cover_the_required_attacks() -> None:
    names = {case["name"] for case in NEGATIVE}
    required = {"truncated-after-chunk-0", "truncated-after-chunk-1", "header-only", "swapped-chunks",
                "bit-flip-header-mac-first-byte", "bit-flip-chunk-0-tag", "trailing-byte", "final-flag-missing",
                "wrong-dek", "wrong-document-id", "empty-final-chunk-after-full-chunk", "chunk-after-final-chunk"}
    assert required <= names


@pytest.mark.parametrize("case", NEGATIVE, ids=lambda c: c["name"])
def test_tampered_blob_fails_closed_without_releasing_unverified_plaintext(case: dict[str, Any]) -> None:
    vector = named(POSITIVE, case["vector"])
    blob = mutate(bytes.fromhex(vector["ciphertext"]), case["mutations"])
    dek = bytes.fromhex(case.get("dek", vector["dek"]))
    authentic = plaintext_of(vector)
    for size in (1, 65552, len(blob) or 1):
        released = bytearray()
        with pytest.raises(DecryptionError):
            for piece in decrypt_stream(dek, case.get("document_id", vector["document_id"]), _slices(blob, size)):
                released += piece
        assert authentic.startswith(released)
        assert len(released) < len(authentic) or not authentic
