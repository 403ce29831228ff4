"""One DV1 chunk: AES-256-GCM under the payload key, nonce = 11-byte counter || last-chunk flag."""

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from keys.errors import DecryptionError
from keys.format import CHUNK_COUNTER_SIZE, LAST_CHUNK_FLAG, NOT_LAST_CHUNK_FLAG

Buffer = bytes | bytearray | memoryview


class ChunkCipher:
    """Seals and opens the chunks of one blob; holds one ``AESGCM`` object for all of them."""

    __slots__ = ("_aead",)

    def __init__(self, payload_key: bytes) -> None:
        self._aead = AESGCM(payload_key)

    def seal(self, index: int, last: bool, plaintext: Buffer) -> bytes:
        """``ciphertext || tag`` of chunk ``index``."""
        return self._aead.encrypt(_nonce(index, last), plaintext, None)

    def open(self, index: int, last: bool, sealed: Buffer) -> bytes:
        """Plaintext of chunk ``index``, released only once its tag verified; else ``DecryptionError``."""
        try:
            return self._aead.decrypt(_nonce(index, last), sealed, None)
        except InvalidTag:
            raise DecryptionError() from None

    def open_into(self, index: int, last: bool, sealed: Buffer, plaintext: Buffer) -> None:
        """Write the plaintext of chunk ``index`` into ``plaintext`` (exactly its size);
        ``DecryptionError`` if the tag does not verify, and then ``plaintext`` holds nothing usable."""
        try:
            self._aead.decrypt_into(_nonce(index, last), sealed, None, plaintext)
        except InvalidTag:
            raise DecryptionError() from None


def _nonce(index: int, last: bool) -> bytes:
    flag = LAST_CHUNK_FLAG if last else NOT_LAST_CHUNK_FLAG
    return index.to_bytes(CHUNK_COUNTER_SIZE, "big") + bytes((flag,))
