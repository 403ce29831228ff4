"""Blob keys and payloads for the storage specs."""

from __future__ import annotations

import random
import secrets
from collections.abc import Iterator

MiB = 1024 * 1024


def new_key(area: str = "documents") -> str:
    """A key shaped like the ones the vault writes: ``documents/<32 hex>``."""
    return f"{area}/{secrets.token_hex(16)}"


def payload(size: int, seed: int = 0) -> bytes:
    """Reproducible incompressible bytes."""
    return random.Random(seed).randbytes(size)


def chunked(data: bytes, size: int) -> Iterator[bytes]:
    """``data`` cut into pieces of ``size`` bytes (the last one shorter)."""
    for offset in range(0, len(data), size):
        yield data[offset : offset + size]


class UploadInterrupted(Exception):
    """Raised by ``failing_after`` where a real upload would lose its client."""


def failing_after(data: bytes, chunk_size: int) -> Iterator[bytes]:
    """Yield ``data`` in chunks, then fail instead of ending."""
    yield from chunked(data, chunk_size)
    raise UploadInterrupted("the client went away")
