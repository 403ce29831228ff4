"""DV1 streaming encryption: round trips, sizes, and failing closed."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from keys import (
    CHUNK_SIZE,
    HEADER_SIZE,
    TAG_SIZE,
    DecryptionError,
    ciphertext_size,
    decrypt_stream,
    encrypt_stream,
    new_document_key,
    plaintext_size,
)

DOC = "0123456789abcdef0123456789abcdef"
OTHER_DOC = "fedcba9876543210fedcba9876543210"
SIZES = [0, 1, 15, 16, 17, CHUNK_SIZE - 1, CHUNK_SIZE, CHUNK_SIZE + 1,
         2 * CHUNK_SIZE, 2 * CHUNK_SIZE + 5, 3 * CHUNK_SIZE - 1]


def _slices(data: bytes, size: int) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


def _encrypt(dek: bytes, plaintext: bytes, slice_size: int = CHUNK_SIZE) -> bytes:
    return b"".join(encrypt_stream(dek, DOC, _slices(plaintext, slice_size)))


@pytest.mark.parametrize("size", SIZES)
def test_round_trip_for_every_size_and_slicing(size: int) -> None:
    dek, plaintext = new_document_key(), os.urandom(size)
    for in_slice in (1000, 4096, CHUNK_SIZE, CHUNK_SIZE + 7, 10**7):
        blob = _encrypt(dek, plaintext, in_slice)
        assert len(blob) == ciphertext_size(size)
        for out_slice in (999, HEADER_SIZE, CHUNK_SIZE + TAG_SIZE, HEADER_SIZE + CHUNK_SIZE + TAG_SIZE, 10**7):
            assert b"".join(decrypt_stream(dek, DOC, _slices(blob, out_slice))) == plaintext


def test_one_byte_slices_round_trip() -> None:
    dek, plaintext = new_document_key(), os.urandom(CHUNK_SIZE + 100)
    blob = _encrypt(dek, plaintext, 1)
    assert b"".join(decrypt_stream(dek, DOC, _slices(blob, 1))) == plaintext


def test_empty_input_gives_header_and_one_empty_final_chunk() -> None:
    pieces = list(encrypt_stream(new_document_key(), DOC, []))
    assert [len(piece) for piece in pieces] == [HEADER_SIZE, TAG_SIZE]


def test_every_chunk_starts_at_a_computable_offset() -> None:
    pieces = list(encrypt_stream(new_document_key(), DOC, [os.urandom(2 * CHUNK_SIZE + 5)]))
    assert [len(piece) for piece in pieces] == [HEADER_SIZE, CHUNK_SIZE + TAG_SIZE, CHUNK_SIZE + TAG_SIZE, 5 + TAG_SIZE]


def test_each_encryption_uses_a_fresh_file_nonce() -> None:
    dek = new_document_key()
    assert _encrypt(dek, b"same") != _encrypt(dek, b"same")


def test_encryption_consumes_input_lazily_in_constant_memory() -> None:
    def endless() -> Iterator[bytes]:
        while True:
            yield bytes(10_000)

    stream = encrypt_stream(new_document_key(), DOC, endless())
    pieces = [next(stream) for _ in range(4)]
    assert [len(piece) for piece in pieces] == [HEADER_SIZE] + [CHUNK_SIZE + TAG_SIZE] * 3


def test_decryption_releases_chunks_before_reading_the_whole_blob() -> None:
    dek, plaintext = new_document_key(), os.urandom(3 * CHUNK_SIZE)
    blob = _encrypt(dek, plaintext)
    read = 0

    def source() -> Iterator[bytes]:
        nonlocal read
        for piece in _slices(blob, 1024):
            read += len(piece)
            yield piece

    first = next(decrypt_stream(dek, DOC, source()))
    assert first == plaintext[:CHUNK_SIZE]
    assert read < len(blob) - CHUNK_SIZE


@pytest.mark.parametrize("size", SIZES + [10 * CHUNK_SIZE + 3])
def test_plaintext_size_inverts_ciphertext_size(size: int) -> None:
    assert plaintext_size(ciphertext_size(size)) == size


@pytest.mark.parametrize(
    "blob_size",
    [0, HEADER_SIZE, HEADER_SIZE + TAG_SIZE - 1, HEADER_SIZE + CHUNK_SIZE + TAG_SIZE + 5,
     HEADER_SIZE + CHUNK_SIZE + TAG_SIZE + TAG_SIZE],
)
def test_plaintext_size_rejects_sizes_no_blob_can_have(blob_size: int) -> None:
    with pytest.raises(DecryptionError):
        plaintext_size(blob_size)


def test_wrong_key_fails_closed() -> None:
    blob = _encrypt(new_document_key(), b"titre de sejour")
    with pytest.raises(DecryptionError):
        list(decrypt_stream(new_document_key(), DOC, [blob]))


def test_wrong_document_id_fails_closed() -> None:
    dek = new_document_key()
    blob = _encrypt(dek, b"titre de sejour")
    with pytest.raises(DecryptionError):
        list(decrypt_stream(dek, OTHER_DOC, [blob]))


def test_truncated_stream_fails_closed_at_every_chunk_boundary() -> None:
    dek = new_document_key()
    blob = _encrypt(dek, os.urandom(3 * CHUNK_SIZE))
    for boundary in range(HEADER_SIZE, len(blob), CHUNK_SIZE + TAG_SIZE):
        with pytest.raises(DecryptionError):
            list(decrypt_stream(dek, DOC, [blob[:boundary]]))


def test_blobs_of_two_documents_cannot_be_spliced() -> None:
    dek = new_document_key()
    first, second = _encrypt(dek, os.urandom(2 * CHUNK_SIZE)), _encrypt(dek, os.urandom(2 * CHUNK_SIZE))
    spliced = first[: HEADER_SIZE + CHUNK_SIZE + TAG_SIZE] + second[HEADER_SIZE + CHUNK_SIZE + TAG_SIZE :]
    with pytest.raises(DecryptionError):
        list(decrypt_stream(dek, DOC, [spliced]))


@pytest.mark.parametrize("dek, doc", [(b"short", DOC), (bytes(32), "not-a-document-id"), (bytes(32), DOC.upper())])
def test_bad_arguments_are_refused_before_any_output(dek: bytes, doc: str) -> None:
    with pytest.raises(ValueError):
        encrypt_stream(dek, doc, [b"x"])
    with pytest.raises(ValueError):
        decrypt_stream(dek, doc, [b"x"])
