"""DV1: a document's content as one blob, encrypted in 64 KiB chunks (age-style STREAM).

``encrypt_stream`` and ``decrypt_stream`` run in constant memory over iterables of any
slice size. A chunk's plaintext is released only after its tag verified, but truncation
is only provable at the end: a consumer must treat what it received as void unless the
iterator finished without ``DecryptionError`` (an HTTP response is then aborted, not
completed). Layout and rules: ``keys.format`` and docs/FORMAT.md.
"""

import os
from collections.abc import Iterable, Iterator
from functools import partial

from keys._checks import require_document_id, require_size
from keys._dv1_chunks import ChunkCipher
from keys._dv1_header import build_header, read_header
from keys._dv1_opening import BodyOpener
from keys._dv1_layout import (
    chunk_count,
    ciphertext_size,
    ciphertext_span,
    plaintext_size,
)
from keys._pending import Pending
from keys.errors import DecryptionError
from keys.format import DV1_CHUNK_SIZE, DV1_HEADER_SIZE, FILE_NONCE_SIZE, KEY_SIZE
from keys.format import TAG_SIZE as _TAG_SIZE

CHUNK_SIZE = DV1_CHUNK_SIZE
HEADER_SIZE = DV1_HEADER_SIZE
TAG_SIZE = _TAG_SIZE

__all__ = [
    "CHUNK_SIZE",
    "HEADER_SIZE",
    "TAG_SIZE",
    "ciphertext_size",
    "ciphertext_span",
    "decrypt_range",
    "decrypt_stream",
    "encrypt_stream",
    "plaintext_size",
]


def encrypt_stream(dek: bytes, document_id: str, plaintext: Iterable[bytes]) -> Iterator[bytes]:
    """Yield the header, then the sealed chunks of ``plaintext`` (slices of any size).

    Arguments are checked at once (``ValueError``); empty input gives the header and one
    empty final chunk.
    """
    return _encrypt_stream_from_parts(dek, document_id, plaintext, os.urandom(FILE_NONCE_SIZE))


def decrypt_stream(dek: bytes, document_id: str, ciphertext: Iterable[bytes]) -> Iterator[bytearray]:
    """Yield the plaintext of a DV1 blob given in slices of any size.

    The header MAC is verified before any chunk. ``DecryptionError`` on a wrong key or
    document id, a damaged header or chunk, truncation, reordering, a missing final
    chunk or trailing data.
    """
    require_size("document key", dek, KEY_SIZE)
    require_document_id(document_id)
    return _opened_stream(dek, document_id, iter(ciphertext))


def decrypt_range(
    dek: bytes,
    document_id: str,
    header: bytes,
    ciphertext: Iterable[bytes],
    plaintext_size: int,
    start: int,
    end: int,
) -> Iterator[bytes]:
    """Yield exactly ``plaintext[start:end]`` from the chunks covering it.

    ``header`` is the blob's first ``HEADER_SIZE`` bytes, verified at once
    (``DecryptionError``); ``ciphertext`` is the blob's bytes
    ``HEADER_SIZE + ciphertext_span(plaintext_size, start, end)``, in slices of any size.
    """
    ciphertext_span(plaintext_size, start, end)
    cipher = read_header(dek, document_id, header)
    return _opened_range(cipher, ciphertext, plaintext_size, start, end)


def _encrypt_stream_from_parts(
    dek: bytes, document_id: str, plaintext: Iterable[bytes], file_nonce: bytes
) -> Iterator[bytes]:
    header, cipher = build_header(dek, document_id, file_nonce)
    return _sealed_stream(header, cipher, plaintext)


def _sealed_stream(header: bytes, cipher: ChunkCipher, plaintext: Iterable[bytes]) -> Iterator[bytes]:
    yield header
    pending, index = Pending(), 0
    for piece in plaintext:
        pending.add(piece)
        while len(pending) > CHUNK_SIZE:
            yield pending.consume(CHUNK_SIZE, partial(cipher.seal, index, False))
            index += 1
    yield pending.consume(len(pending), partial(cipher.seal, index, True))


def _opened_stream(dek: bytes, document_id: str, slices: Iterator[bytes]) -> Iterator[bytearray]:
    pending = Pending()
    for piece in slices:
        pending.add(piece)
        if len(pending) >= HEADER_SIZE:
            break
    if len(pending) < HEADER_SIZE:
        raise DecryptionError()
    opener = BodyOpener(read_header(dek, document_id, pending.take(HEADER_SIZE)))
    for piece in _chain(pending.take(len(pending)), slices):
        plaintext = opener.feed(piece)
        if plaintext:
            yield plaintext
    last = opener.finish()
    if last:
        yield last


def _chain(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    if first:
        yield first
    yield from rest


def _opened_range(
    cipher: ChunkCipher, slices: Iterable[bytes], size: int, start: int, end: int
) -> Iterator[bytes]:
    index, last_index = start // CHUNK_SIZE, (end - 1) // CHUNK_SIZE
    final_index = chunk_count(size) - 1
    pending = Pending()
    for piece in slices:
        pending.add(piece)
        while index <= last_index and len(pending) >= _sealed_size(size, index):
            opened = pending.consume(_sealed_size(size, index), partial(cipher.open, index, index == final_index))
            offset = index * CHUNK_SIZE
            yield opened[max(start - offset, 0) : end - offset]
            index += 1
        if index > last_index and len(pending):
            raise DecryptionError()
    if index <= last_index:
        raise DecryptionError()


def _sealed_size(plaintext_size: int, index: int) -> int:
    return min(CHUNK_SIZE, plaintext_size - index * CHUNK_SIZE) + TAG_SIZE
