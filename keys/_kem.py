"""The hybrid ML-KEM-768 + X25519 key pair and its public-key encoding."""

from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric import mlkem, x25519

from keys.format import (
    KEM_MLKEM768_X25519,
    MLKEM768_PUBLIC_KEY_SIZE,
    MLKEM768_SEED_SIZE,
    PUBLIC_KEY_SIZE,
    X25519_KEY_SIZE,
)

HYBRID_SUITE = hpke.Suite(hpke.KEM.MLKEM768_X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)


class HybridKeyPair:
    """An ML-KEM-768 key (from its 64-byte seed) and an X25519 key, used together as one HPKE key."""

    __slots__ = ("_mlkem", "_x25519", "hpke_private_key", "public_key_bytes")

    def __init__(self, mlkem_seed: bytes, x25519_private: bytes) -> None:
        self._mlkem = mlkem.MLKEM768PrivateKey.from_seed_bytes(mlkem_seed)
        self._x25519 = x25519.X25519PrivateKey.from_private_bytes(x25519_private)
        self.hpke_private_key = hpke.MLKEM768X25519PrivateKey(self._mlkem, self._x25519)
        self.public_key_bytes = (
            bytes([KEM_MLKEM768_X25519])
            + self._mlkem.public_key().public_bytes_raw()
            + self._x25519.public_key().public_bytes_raw()
        )

    def private_bytes(self) -> bytes:
        """``mlkem seed (64) || x25519 private (32)``."""
        return self._mlkem.private_bytes_raw() + self._x25519.private_bytes_raw()


def split_private(data: bytes) -> tuple[bytes, bytes]:
    """Cut ``HybridKeyPair.private_bytes`` back into its ML-KEM seed and X25519 key."""
    return data[:MLKEM768_SEED_SIZE], data[MLKEM768_SEED_SIZE : MLKEM768_SEED_SIZE + X25519_KEY_SIZE]


def parse_public_key(public_key: bytes) -> hpke.MLKEM768X25519PublicKey:
    """Decode ``kem id || ML-KEM-768 key || X25519 key``; ``ValueError`` if malformed."""
    if not isinstance(public_key, bytes) or len(public_key) != PUBLIC_KEY_SIZE:
        raise ValueError(f"public key must be {PUBLIC_KEY_SIZE} bytes")
    if public_key[0] != KEM_MLKEM768_X25519:
        raise ValueError("unknown public key algorithm")
    split = 1 + MLKEM768_PUBLIC_KEY_SIZE
    mlkem_key = mlkem.MLKEM768PublicKey.from_public_bytes(public_key[1:split])
    x25519_key = x25519.X25519PublicKey.from_public_bytes(public_key[split:])
    return hpke.MLKEM768X25519PublicKey(mlkem_key, x25519_key)
