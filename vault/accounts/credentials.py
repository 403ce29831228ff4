"""From a passphrase to what the database stores, and back (DESIGN, key hierarchy)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from keys import (
    Argon2Params,
    Keyring,
    derive_auth_key,
    derive_kek,
    derive_master_key,
    login_verifier,
    new_salt,
    unwrap_keyring,
    verify_login,
    wrap_keyring,
)
from vault.settings import Settings


def params_from(settings: Settings) -> Argon2Params:
    return Argon2Params(settings.argon2_memory_kib, settings.argon2_iterations, settings.argon2_lanes)


@dataclass(frozen=True)
class PassphraseMaterial:
    """What the accounts table keeps for one passphrase: salt, params, verifier, wrapped keyring."""

    salt: bytes
    argon2_params: str
    verifier: bytes
    keyring_kek: bytes

    def columns(self) -> dict[str, Any]:
        return {
            "salt": self.salt,
            "argon2_params": self.argon2_params,
            "verifier": self.verifier,
            "keyring_kek": self.keyring_kek,
        }


def protect(passphrase: str, keyring: Keyring, account_id: str, server_key: bytes, params: Argon2Params) -> PassphraseMaterial:
    salt = new_salt()
    master = derive_master_key(passphrase, salt, params)
    return PassphraseMaterial(
        salt=salt,
        argon2_params=json.dumps(params.to_dict()),
        verifier=login_verifier(server_key, derive_auth_key(master)),
        keyring_kek=wrap_keyring(keyring, derive_kek(master, server_key, account_id), account_id, "kek"),
    )


def unlock(passphrase: str, row: Any, server_key: bytes) -> Keyring | None:
    """The keyring if `passphrase` is right for this account row, else None."""
    params = Argon2Params.from_dict(json.loads(row.argon2_params))
    master = derive_master_key(passphrase, row.salt, params)
    if not verify_login(server_key, derive_auth_key(master), row.verifier):
        return None
    return unwrap_keyring(row.keyring_kek, derive_kek(master, server_key, row.id), row.id, "kek")


def burn_time(passphrase: str, params: Argon2Params) -> None:
    """Spend the cost of a real check, so an unknown handle answers in the same time."""
    derive_master_key(passphrase, bytes(16), params)
