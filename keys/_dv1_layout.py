"""Where DV1 chunks lie: sizes and offsets computed from the plaintext size alone."""

from keys.errors import DecryptionError
from keys.format import DV1_CHUNK_SIZE, DV1_HEADER_SIZE, TAG_SIZE

SEALED_CHUNK_SIZE = DV1_CHUNK_SIZE + TAG_SIZE


def chunk_count(plaintext_size: int) -> int:
    """Number of chunks: at least one (an empty document has one empty chunk)."""
    _require_size(plaintext_size)
    return max(1, -(-plaintext_size // DV1_CHUNK_SIZE))


def body_size(plaintext_size: int) -> int:
    """Bytes after the header: the plaintext plus one tag per chunk."""
    return plaintext_size + TAG_SIZE * chunk_count(plaintext_size)


def ciphertext_size(plaintext_size: int) -> int:
    """Size of the whole blob (header included) for ``plaintext_size`` bytes of content."""
    return DV1_HEADER_SIZE + body_size(plaintext_size)


def plaintext_size(ciphertext_size: int) -> int:
    """Inverse of ``ciphertext_size``; ``DecryptionError`` when no plaintext size maps to it."""
    body = ciphertext_size - DV1_HEADER_SIZE
    if type(ciphertext_size) is not int or body < TAG_SIZE:
        raise DecryptionError()
    full, rest = divmod(body, SEALED_CHUNK_SIZE)
    if rest == 0:
        return full * DV1_CHUNK_SIZE
    if rest < TAG_SIZE or (rest == TAG_SIZE and full > 0):
        raise DecryptionError()
    return full * DV1_CHUNK_SIZE + rest - TAG_SIZE


def ciphertext_span(plaintext_size: int, start: int, end: int) -> tuple[int, int]:
    """Byte range ``[cstart, cend)`` after the header holding the chunks that cover plaintext ``[start, end)``.

    Requires ``0 <= start < end <= plaintext_size``; ``ValueError`` otherwise.
    """
    _require_size(plaintext_size)
    if not 0 <= start < end <= plaintext_size:
        raise ValueError("need 0 <= start < end <= plaintext_size")
    first, last = start // DV1_CHUNK_SIZE, (end - 1) // DV1_CHUNK_SIZE
    cend = min((last + 1) * SEALED_CHUNK_SIZE, body_size(plaintext_size))
    return first * SEALED_CHUNK_SIZE, cend


def _require_size(size: int) -> None:
    if type(size) is not int or size < 0:
        raise ValueError("a plaintext size is a non-negative integer")
