"""Sealed metadata: JSON under a key derived from the DEK, bound to the document id, size padded."""

from __future__ import annotations

import math

import pytest

from keys import DecryptionError, new_document_key, open_metadata, seal_metadata

DOC = "0123456789abcdef0123456789abcdef"
OTHER_DOC = "fedcba9876543210fedcba9876543210"
METADATA = {
    "title": "قرار اللجوء — décision OFPRA",
    "type": "asylum_decision",
    "tags": ["ofpra"],
    "pages": 2,
}


def test_metadata_round_trips_with_any_script() -> None:
    dek = new_document_key()
    assert open_metadata(dek, DOC, seal_metadata(dek, DOC, METADATA)) == METADATA


def test_sealed_size_reveals_only_a_256_byte_bucket() -> None:
    dek = new_document_key()
    short = seal_metadata(dek, DOC, {"title": "a"})
    longer = seal_metadata(dek, DOC, {"title": "a" * 200})
    assert len(short) == len(longer) == 29 + 256
    assert len(seal_metadata(dek, DOC, {"title": "a" * 300})) == 29 + 512


def test_metadata_of_another_document_or_key_fails() -> None:
    dek = new_document_key()
    sealed = seal_metadata(dek, DOC, METADATA)
    with pytest.raises(DecryptionError):
        open_metadata(dek, OTHER_DOC, sealed)
    with pytest.raises(DecryptionError):
        open_metadata(new_document_key(), DOC, sealed)


def test_damaged_metadata_fails() -> None:
    dek = new_document_key()
    sealed = bytearray(seal_metadata(dek, DOC, METADATA))
    sealed[-1] ^= 1
    with pytest.raises(DecryptionError):
        open_metadata(dek, DOC, bytes(sealed))


def test_values_json_cannot_carry_are_refused() -> None:
    with pytest.raises(ValueError):
        seal_metadata(new_document_key(), DOC, {"score": math.nan})
    with pytest.raises(TypeError):
        seal_metadata(new_document_key(), DOC, {"raw": b"bytes"})
