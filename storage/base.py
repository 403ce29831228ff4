"""The ``BlobStore`` protocol: what the domain needs from a place to keep ciphertext.

Blobs are opaque byte strings (DV1 ciphertext) addressed by keys that follow
``storage.keys``. Every implementation passes the contract suite in
``tests/storage``; the rules below are what that suite checks.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

READ_CHUNK_SIZE = 1024 * 1024
"""``get`` yields pieces of at most this many bytes."""


@dataclass(frozen=True)
class BlobInfo:
    """One stored blob, as listed by ``BlobStore.list``; ``modified`` is UTC-aware."""

    key: str
    size: int
    modified: datetime


class BlobStore(Protocol):
    """A flat namespace of immutable-once-written blobs.

    Every method raises ``InvalidBlobKey`` for a key that breaks the key rules,
    ``StorageUnavailable`` when the backend cannot be used, and never a
    backend-specific exception.
    """

    def put(self, key: str, chunks: Iterable[bytes]) -> int:
        """Store the concatenated ``chunks`` under ``key``; return the byte count.

        Streams in constant memory. Atomic: readers see the old blob (or none)
        until the new one is complete. If anything fails, the iterable raising
        included, nothing new becomes visible, partial uploads are removed, and
        the exception propagates unchanged (storage failures as
        ``StorageError``).
        """
        ...

    def get(self, key: str, start: int = 0, end: int | None = None) -> Iterator[bytes]:
        """Return an iterator over bytes ``[start, end)`` of the blob.

        ``end`` is exclusive; ``None`` means the end of the blob. The range is
        clipped like a Python slice: a range past the end yields no bytes.
        ``BlobNotFound`` is raised by the call itself, before any byte is
        yielded. Pieces are at most ``READ_CHUNK_SIZE`` bytes.

        Raises:
            ValueError: ``start`` is negative or ``end`` is below ``start``.
            BlobNotFound: nothing is stored under ``key``.
        """
        ...

    def size(self, key: str) -> int:
        """Return the blob's length in bytes; raise ``BlobNotFound`` if missing."""
        ...

    def exists(self, key: str) -> bool:
        """Tell whether a blob is stored under ``key``."""
        ...

    def delete(self, key: str) -> None:
        """Remove the blob; deleting a missing blob is not an error."""
        ...

    def list(self, prefix: str = "") -> Iterator[BlobInfo]:
        """Yield every blob whose key starts with ``prefix``, in no set order.

        Only valid keys are listed; a backend's temporary files never are.
        Errors surface while iterating.
        """
        ...

    def check(self) -> None:
        """Verify the store can be read and written now.

        Raises:
            StorageUnavailable: with a message saying what is wrong (unreachable,
                missing bucket or directory, refused credentials or permission).
        """
        ...


def validate_range(start: int, end: int | None) -> None:
    """Reject a byte range no slice could mean.

    Raises:
        ValueError: ``start`` is negative or ``end`` is below ``start``.
    """
    if start < 0:
        raise ValueError(f"range start must not be negative, got {start}")
    if end is not None and end < start:
        raise ValueError(f"range end {end} is before start {start}")
