"""From a passphrase to the master key M, the login verifier and the KEK.

::

    passphrase --NFC, UTF-8, Argon2id(salt, params)--> M (32 bytes)
    auth     = HKDF(M, info="vault/v1/auth")
    verifier = HMAC-SHA256(server_key, auth)            stored by the server
    KEK      = HKDF(M, salt=server_key, info="vault/v1/kek|" + user_id)

The passphrase is normalised to Unicode NFC so the same words typed on two keyboards
(a precomposed or a combining accent) give the same key.
"""

import hmac
import os
import unicodedata
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import hmac as crypto_hmac

from keys._checks import require_size
from keys.format import INFO_AUTH, INFO_KEK_PREFIX, KEY_SIZE, SALT_SIZE
from keys.symmetric import derive_key

ARGON2_VERSION = 19
MAX_MEMORY_KIB = 4 * 1024 * 1024
MAX_ITERATIONS = 100
MAX_LANES = 64


@dataclass(frozen=True)
class Argon2Params:
    """Argon2id cost parameters (default: RFC 9106 second recommendation, 64 MiB, t=3, p=4).

    Bounded on both sides so parameters read back from storage cannot be degenerate
    or exhaust the machine.
    """

    memory_kib: int = 65536
    iterations: int = 3
    lanes: int = 4

    def __post_init__(self) -> None:
        values = (self.memory_kib, self.iterations, self.lanes)
        if any(type(value) is not int for value in values):
            raise ValueError("Argon2 parameters must be integers")
        if not 1 <= self.lanes <= MAX_LANES or not 1 <= self.iterations <= MAX_ITERATIONS:
            raise ValueError("Argon2 lanes or iterations out of range")
        if not 8 * self.lanes <= self.memory_kib <= MAX_MEMORY_KIB:
            raise ValueError("Argon2 memory out of range")

    def to_dict(self) -> dict[str, int]:
        """``{"memory_kib": ..., "iterations": ..., "lanes": ...}``."""
        return asdict(self)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Argon2Params":
        """Inverse of ``to_dict``; ``ValueError`` on missing, extra or out-of-range fields."""
        if set(d) != {"memory_kib", "iterations", "lanes"}:
            raise ValueError("Argon2 parameters need exactly memory_kib, iterations, lanes")
        return cls(memory_kib=d["memory_kib"], iterations=d["iterations"], lanes=d["lanes"])


def new_salt() -> bytes:
    """16 random bytes for ``derive_master_key``."""
    return os.urandom(SALT_SIZE)


def derive_master_key(passphrase: str, salt: bytes, params: Argon2Params) -> bytes:
    """Argon2id (version 0x13) of the NFC-normalised UTF-8 passphrase: 32 raw bytes."""
    require_size("salt", salt, SALT_SIZE)
    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    return hash_secret_raw(
        secret,
        salt,
        time_cost=params.iterations,
        memory_cost=params.memory_kib,
        parallelism=params.lanes,
        hash_len=KEY_SIZE,
        type=Type.ID,
        version=ARGON2_VERSION,
    )


def derive_auth_key(master: bytes) -> bytes:
    """The login proof derived from M; it reveals nothing about the KEK."""
    require_size("master key", master, KEY_SIZE)
    return derive_key(master, INFO_AUTH)


def login_verifier(server_key: bytes, auth_key: bytes) -> bytes:
    """HMAC-SHA256(server_key, auth_key): what the server stores to check a login."""
    _require_server_key(server_key)
    require_size("auth key", auth_key, KEY_SIZE)
    mac = crypto_hmac.HMAC(server_key, hashes.SHA256())
    mac.update(auth_key)
    return mac.finalize()


def verify_login(server_key: bytes, auth_key: bytes, verifier: bytes) -> bool:
    """Whether ``auth_key`` matches the stored ``verifier`` (constant-time comparison)."""
    return hmac.compare_digest(login_verifier(server_key, auth_key), verifier)


def derive_kek(master: bytes, server_key: bytes, user_id: str) -> bytes:
    """The key-encryption key for the passphrase-wrapped keyring: needs M and the server key."""
    require_size("master key", master, KEY_SIZE)
    _require_server_key(server_key)
    return derive_key(master, INFO_KEK_PREFIX + user_id, salt=server_key)


def _require_server_key(server_key: bytes) -> None:
    if not isinstance(server_key, bytes) or len(server_key) < KEY_SIZE:
        raise ValueError(f"server key must be at least {KEY_SIZE} bytes")
