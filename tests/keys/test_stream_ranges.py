"""Range reads: any plaintext byte range from only the chunks that cover it."""

from __future__ import annotations

import os
from functools import cache

import pytest

from keys import (
    CHUNK_SIZE,
    HEADER_SIZE,
    TAG_SIZE,
    DecryptionError,
    ciphertext_span,
    decrypt_range,
    encrypt_stream,
)

DOC = "0123456789abcdef0123456789abcdef"
DEK = bytes(range(32))
SIZES = [1, CHUNK_SIZE, CHUNK_SIZE + 1, 2 * CHUNK_SIZE + 5, 3 * CHUNK_SIZE]


@cache
def _blob(size: int) -> tuple[bytes, bytes]:
    plaintext = os.urandom(size)
    return plaintext, b"".join(encrypt_stream(DEK, DOC, [plaintext]))


def _points(size: int) -> list[int]:
    near = {0, 1, size - 1, size}
    for boundary in range(CHUNK_SIZE, size, CHUNK_SIZE):
        near |= {boundary - 1, boundary, boundary + 1}
    return sorted(point for point in near if 0 <= point <= size)


def _read(size: int, start: int, end: int, slice_size: int = 10**7) -> bytes:
    _, blob = _blob(size)
    cstart, cend = ciphertext_span(size, start, end)
    body = blob[HEADER_SIZE + cstart : HEADER_SIZE + cend]
    pieces = [body[i : i + slice_size] for i in range(0, len(body), slice_size)]
    return b"".join(decrypt_range(DEK, DOC, blob[:HEADER_SIZE], pieces, size, start, end))


@pytest.mark.parametrize("size", SIZES)
def test_every_range_between_chunk_boundaries_reads_exactly_its_bytes(size: int) -> None:
    plaintext, _ = _blob(size)
    points = _points(size)
    for start in points:
        for end in points:
            if start < end:
                assert _read(size, start, end) == plaintext[start:end], (start, end)


def test_range_reads_accept_arbitrary_slicing() -> None:
    size = 2 * CHUNK_SIZE + 5
    plaintext, _ = _blob(size)
    for slice_size in (1, 1000, CHUNK_SIZE + TAG_SIZE - 1):
        assert _read(size, 100, size - 2, slice_size) == plaintext[100 : size - 2]


def test_span_covers_only_the_needed_chunks() -> None:
    sealed = CHUNK_SIZE + TAG_SIZE
    assert ciphertext_span(3 * CHUNK_SIZE, 0, 1) == (0, sealed)
    assert ciphertext_span(3 * CHUNK_SIZE, CHUNK_SIZE, CHUNK_SIZE + 1) == (sealed, 2 * sealed)
    assert ciphertext_span(3 * CHUNK_SIZE, CHUNK_SIZE - 1, CHUNK_SIZE + 1) == (0, 2 * sealed)
    last_chunk = (2 * sealed, 2 * sealed + 5 + TAG_SIZE)
    assert ciphertext_span(2 * CHUNK_SIZE + 5, 2 * CHUNK_SIZE, 2 * CHUNK_SIZE + 5) == last_chunk


@pytest.mark.parametrize("start, end", [(-1, 5), (5, 5), (6, 5), (0, CHUNK_SIZE + 2)])
def test_impossible_ranges_are_refused(start: int, end: int) -> None:
    with pytest.raises(ValueError):
        ciphertext_span(CHUNK_SIZE + 1, start, end)


def test_range_with_tampered_header_fails_before_any_output() -> None:
    size = CHUNK_SIZE + 1
    _, blob = _blob(size)
    header = bytearray(blob[:HEADER_SIZE])
    header[50] ^= 1
    with pytest.raises(DecryptionError):
        decrypt_range(DEK, DOC, bytes(header), [blob[HEADER_SIZE:]], size, 0, size)


def test_range_with_missing_or_extra_bytes_fails_closed() -> None:
    size = 2 * CHUNK_SIZE + 5
    _, blob = _blob(size)
    cstart, cend = ciphertext_span(size, 0, CHUNK_SIZE + 1)
    body = blob[HEADER_SIZE + cstart : HEADER_SIZE + cend]
    for damaged in (body[:-1], body + b"\x00", body[CHUNK_SIZE + TAG_SIZE :]):
        with pytest.raises(DecryptionError):
            b"".join(decrypt_range(DEK, DOC, blob[:HEADER_SIZE], [damaged], size, 0, CHUNK_SIZE + 1))


def test_range_of_the_wrong_chunk_fails_closed() -> None:
    size = 3 * CHUNK_SIZE
    _, blob = _blob(size)
    first_chunk = blob[HEADER_SIZE : HEADER_SIZE + CHUNK_SIZE + TAG_SIZE]
    with pytest.raises(DecryptionError):
        b"".join(decrypt_range(DEK, DOC, blob[:HEADER_SIZE], [first_chunk], size, CHUNK_SIZE, CHUNK_SIZE + 1))


def test_range_with_a_wrong_plaintext_size_fails_on_the_final_flag() -> None:
    size = CHUNK_SIZE + 1
    _, blob = _blob(size)
    first_chunk = blob[HEADER_SIZE : HEADER_SIZE + CHUNK_SIZE + TAG_SIZE]
    with pytest.raises(DecryptionError):
        b"".join(decrypt_range(DEK, DOC, blob[:HEADER_SIZE], [first_chunk], CHUNK_SIZE, 0, 10))
