"""A person's keyring: the hybrid HPKE private key that opens their key slots, and the index key.

The keyring never leaves the process in clear: it is stored wrapped (sealed) under a KEK,
a recovery KEK or a session key, each wrap bound to the owner and to its purpose.
"""

import hashlib
import hmac
import os
from typing import Any, NoReturn

from cryptography.hazmat.primitives import hpke

from keys import _crockford
from keys._checks import length_prefixed, require_size
from keys._kem import HybridKeyPair, parse_public_key, split_private
from keys.errors import DecryptionError
from keys.format import (
    FINGERPRINT_DIGITS,
    FINGERPRINT_LABEL,
    GCM_NONCE_SIZE,
    KEM_MLKEM768_X25519,
    KEY_SIZE,
    KEYRING_SIZE,
    KEYRING_VERSION,
    MLKEM768_SEED_SIZE,
    WRAP_AAD_LABEL,
    WRAP_PURPOSES,
    WRAP_VERSION,
    WRAPPED_KEYRING_SIZE,
    X25519_KEY_SIZE,
)
from keys.symmetric import _seal_from_parts, open_sealed


class Keyring:
    """Hybrid ML-KEM-768 + X25519 private key and a 32-byte index key.

    Its ``repr`` shows only the public fingerprint; it refuses to be pickled.
    """

    __slots__ = ("_pair", "_index_key")

    def __init__(self, pair: HybridKeyPair, index_key: bytes) -> None:
        require_size("index key", index_key, KEY_SIZE)
        self._pair = pair
        self._index_key = index_key

    @classmethod
    def generate(cls) -> "Keyring":
        """A new keyring from fresh randomness."""
        return _keyring_from_parts(
            os.urandom(MLKEM768_SEED_SIZE), os.urandom(X25519_KEY_SIZE), os.urandom(KEY_SIZE)
        )

    @property
    def index_key(self) -> bytes:
        """32 secret bytes for keys that are not document keys (e.g. the sealed profile)."""
        return self._index_key

    @property
    def hpke_private_key(self) -> hpke.MLKEM768X25519PrivateKey:
        """The private key that opens HPKE key slots sealed to ``public_key_bytes()``."""
        return self._pair.hpke_private_key

    def public_key_bytes(self) -> bytes:
        """``0x01 || ML-KEM-768 public key (1184) || X25519 public key (32)``."""
        return self._pair.public_key_bytes

    def to_bytes(self) -> bytes:
        """``version 0x01 || kem 0x01 || ML-KEM seed (64) || X25519 private (32) || index key (32)``."""
        return bytes([KEYRING_VERSION, KEM_MLKEM768_X25519]) + self._pair.private_bytes() + self._index_key

    @classmethod
    def from_bytes(cls, data: bytes) -> "Keyring":
        """Inverse of ``to_bytes``; ``ValueError`` on a wrong length, version or algorithm."""
        if not isinstance(data, bytes) or len(data) != KEYRING_SIZE:
            raise ValueError("a serialized keyring has the wrong length")
        if data[0] != KEYRING_VERSION or data[1] != KEM_MLKEM768_X25519:
            raise ValueError("unknown keyring version or algorithm")
        mlkem_seed, x25519_private = split_private(data[2:])
        return _keyring_from_parts(mlkem_seed, x25519_private, data[-KEY_SIZE:])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Keyring):
            return NotImplemented
        return hmac.compare_digest(self.to_bytes(), other.to_bytes())

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Keyring(fingerprint={fingerprint(self.public_key_bytes())!r})"

    def __reduce_ex__(self, protocol: Any) -> NoReturn:
        raise TypeError("a Keyring cannot be pickled; wrap it with wrap_keyring")

    def __copy__(self) -> "Keyring":
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> "Keyring":
        return self


def fingerprint(public_key: bytes) -> str:
    """80 bits of SHA-256("vault/v1/fingerprint|" || public key) as 4 groups of 4 Crockford digits."""
    parse_public_key(public_key)
    digest = hashlib.sha256(FINGERPRINT_LABEL + public_key).digest()
    bits = 5 * FINGERPRINT_DIGITS
    number = int.from_bytes(digest, "big") >> (8 * len(digest) - bits)
    return _crockford.group(_crockford.encode(number, FINGERPRINT_DIGITS), 4)


def wrap_keyring(keyring: Keyring, wrapping_key: bytes, user_id: str, purpose: str, context: str = "") -> bytes:
    """Seal the keyring under ``wrapping_key``, bound to version, purpose, user id and context.

    ``purpose`` is "kek", "recovery" or "session"; ``context`` is e.g. the session id.
    """
    return _wrap_keyring_from_parts(keyring, wrapping_key, user_id, purpose, context, os.urandom(GCM_NONCE_SIZE))


def unwrap_keyring(wrapped: bytes, wrapping_key: bytes, user_id: str, purpose: str, context: str = "") -> Keyring:
    """Open a wrapped keyring; ``DecryptionError`` for any mismatch or damage."""
    aad = _wrap_aad(user_id, purpose, context)
    require_size("wrapping key", wrapping_key, KEY_SIZE)
    if len(wrapped) != WRAPPED_KEYRING_SIZE or wrapped[0] != WRAP_VERSION:
        raise DecryptionError()
    plaintext = open_sealed(wrapping_key, wrapped[1:], aad)
    try:
        return Keyring.from_bytes(plaintext)
    except ValueError:
        raise DecryptionError() from None


def _wrap_keyring_from_parts(
    keyring: Keyring, wrapping_key: bytes, user_id: str, purpose: str, context: str, nonce: bytes
) -> bytes:
    aad = _wrap_aad(user_id, purpose, context)
    return bytes([WRAP_VERSION]) + _seal_from_parts(wrapping_key, keyring.to_bytes(), aad, nonce)


def _wrap_aad(user_id: str, purpose: str, context: str) -> bytes:
    if purpose not in WRAP_PURPOSES:
        raise ValueError(f"purpose must be one of {sorted(WRAP_PURPOSES)}")
    fields = (part.encode("utf-8") for part in (purpose, user_id, context))
    return WRAP_AAD_LABEL + bytes([WRAP_VERSION]) + length_prefixed(*fields)


def _keyring_from_parts(mlkem_seed: bytes, x25519_private: bytes, index_key: bytes) -> Keyring:
    require_size("ML-KEM seed", mlkem_seed, MLKEM768_SEED_SIZE)
    require_size("X25519 private key", x25519_private, X25519_KEY_SIZE)
    return Keyring(HybridKeyPair(mlkem_seed, x25519_private), index_key)
