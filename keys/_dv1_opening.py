"""Opening a DV1 body as it arrives, in as few copies as Python allows.

Every complete chunk of an incoming slice is decrypted straight from that slice into one
output buffer per slice; only a partial chunk (or the last one known, which may be the
final chunk) is carried over to the next slice.
"""

from keys._dv1_chunks import Buffer, ChunkCipher
from keys._dv1_layout import SEALED_CHUNK_SIZE
from keys._pending import Pending
from keys.errors import DecryptionError
from keys.format import DV1_CHUNK_SIZE, TAG_SIZE


class BodyOpener:
    """Feeds on the slices of a blob's body (after the header), in order; hands out plaintext."""

    __slots__ = ("_carry", "_cipher", "_index")

    def __init__(self, cipher: ChunkCipher) -> None:
        self._cipher, self._index, self._carry = cipher, 0, Pending()

    def feed(self, piece: Buffer) -> bytearray:
        """Plaintext of every chunk that `piece` completes and that more bytes are known to
        follow (so it cannot be the final one); empty when there is none yet."""
        view = memoryview(piece)
        sealed: list[Buffer] = []
        if len(self._carry):
            need = SEALED_CHUNK_SIZE - len(self._carry)
            if len(view) <= need:
                self._carry.add(view)
                return bytearray()
            self._carry.add(view[:need])
            sealed.append(self._carry.take(SEALED_CHUNK_SIZE))
            view = view[need:]
        if view:
            whole = (len(view) - 1) // SEALED_CHUNK_SIZE
            sealed.extend(view[i * SEALED_CHUNK_SIZE : (i + 1) * SEALED_CHUNK_SIZE] for i in range(whole))
            self._carry.add(view[whole * SEALED_CHUNK_SIZE :])
        return self._open(sealed)

    def finish(self) -> bytearray:
        """Plaintext of the final chunk; ``DecryptionError`` when the body was truncated,
        reordered, had trailing data or lacks its final chunk."""
        size = len(self._carry)
        if size < TAG_SIZE or (size == TAG_SIZE and self._index > 0):
            raise DecryptionError()
        plaintext = bytearray(size - TAG_SIZE)
        self._carry.consume(size, lambda last: self._cipher.open_into(self._index, True, last, plaintext))
        return plaintext

    def _open(self, sealed: list[Buffer]) -> bytearray:
        plaintext = bytearray(len(sealed) * DV1_CHUNK_SIZE)
        with memoryview(plaintext) as target:
            for n, chunk in enumerate(sealed):
                self._cipher.open_into(self._index, False, chunk, target[n * DV1_CHUNK_SIZE : (n + 1) * DV1_CHUNK_SIZE])
                self._index += 1
        return plaintext
