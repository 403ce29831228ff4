"""Measuring plaintext on its way to the encryptor, in constant memory."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator

from vault.errors import InvalidInput, TooLarge


class Intake:
    """Counts, hashes and bounds the plaintext of one upload.

    Keeps up to `keep` bytes in memory for the tagger (never on disk); past that
    the copy is dropped and `kept` is None.
    """

    def __init__(self, limit: int, keep: int) -> None:
        self.limit = limit
        self.size = 0
        self._hash = hashlib.sha256()
        self._copy: bytearray | None = bytearray() if keep > 0 else None
        self._keep = keep

    def feed(self, chunks: Iterable[bytes]) -> Iterator[bytes]:
        for chunk in chunks:
            if not chunk:
                continue
            self.size += len(chunk)
            if self.size > self.limit:
                raise TooLarge(f"the file is larger than {self.limit // (1024 * 1024)} MiB")
            self._hash.update(chunk)
            self._remember(chunk)
            yield chunk
        if self.size == 0:
            raise InvalidInput("the file is empty")

    def _remember(self, chunk: bytes) -> None:
        if self._copy is None:
            return
        if len(self._copy) + len(chunk) > self._keep:
            self._copy = None
        else:
            self._copy += chunk

    @property
    def sha256(self) -> str:
        return self._hash.hexdigest()

    @property
    def kept(self) -> bytes | None:
        return bytes(self._copy) if self._copy is not None else None
