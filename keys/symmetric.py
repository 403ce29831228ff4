"""HKDF key derivation and the sealed box: AES-256-GCM with a random nonce and an algorithm id.

The sealed box is for keys used a few times (a KEK, a metadata key, a link key): with a
random 96-bit nonce, one key must stay far below 2**32 seals.
"""

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from keys._checks import require_size
from keys.errors import DecryptionError
from keys.format import GCM_NONCE_SIZE, KEY_SIZE, SEAL_AES_256_GCM, SEAL_OVERHEAD

MIN_SECRET_SIZE = 16


def derive_key(secret: bytes, info: str, salt: bytes | None = None) -> bytes:
    """HKDF-SHA256 of ``secret`` (at least 16 bytes) to a 32-byte key bound to ``info``.

    ``salt=None`` is the RFC 5869 default (32 zero bytes, same as an empty salt).
    """
    if not isinstance(secret, bytes) or len(secret) < MIN_SECRET_SIZE:
        raise ValueError(f"secret must be at least {MIN_SECRET_SIZE} bytes")
    hkdf = HKDF(algorithm=SHA256(), length=KEY_SIZE, salt=salt, info=info.encode("utf-8"))
    return hkdf.derive(secret)


def seal(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    """Encrypt ``plaintext`` bound to ``aad``: ``0x01 || nonce(12) || ciphertext || tag(16)``."""
    return _seal_from_parts(key, plaintext, aad, os.urandom(GCM_NONCE_SIZE))


def open_sealed(key: bytes, sealed: bytes, aad: bytes) -> bytes:
    """Return the plaintext of a sealed box; ``DecryptionError`` for any failure."""
    require_size("key", key, KEY_SIZE)
    if len(sealed) < SEAL_OVERHEAD or sealed[0] != SEAL_AES_256_GCM:
        raise DecryptionError()
    nonce = sealed[1 : 1 + GCM_NONCE_SIZE]
    try:
        return AESGCM(key).decrypt(nonce, sealed[1 + GCM_NONCE_SIZE :], aad)
    except InvalidTag:
        raise DecryptionError() from None


def _seal_from_parts(key: bytes, plaintext: bytes, aad: bytes, nonce: bytes) -> bytes:
    require_size("key", key, KEY_SIZE)
    require_size("nonce", nonce, GCM_NONCE_SIZE)
    return bytes([SEAL_AES_256_GCM]) + nonce + AESGCM(key).encrypt(nonce, plaintext, aad)
