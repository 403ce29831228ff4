"""The server key: mixed into every KEK and login verifier (DESIGN, key hierarchy).

Taken from `VAULT_SERVER_KEY` when set, else from `<data dir>/server.key`,
created with mode 0600 on first run. Losing it locks out passphrase logins;
recovery codes still work.
"""

from __future__ import annotations

import base64
import binascii
import os
import secrets
from pathlib import Path

from vault.errors import InvalidInput
from vault.settings import Settings

KEY_BYTES = 32


def new_server_key() -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(KEY_BYTES)).decode()


def parse_server_key(text: str) -> bytes:
    try:
        key = base64.urlsafe_b64decode(text.strip().encode())
    except (binascii.Error, ValueError) as error:
        raise InvalidInput("the server key is not valid base64") from error
    if len(key) != KEY_BYTES:
        raise InvalidInput(f"the server key must be {KEY_BYTES} bytes")
    return key


def load_server_key(settings: Settings) -> tuple[bytes, Path | None]:
    """Return the key and, when it was just created, the file it was written to."""
    if settings.server_key is not None:
        return parse_server_key(settings.server_key.get_secret_value()), None
    path = settings.data_dir / "server.key"
    if path.exists():
        return parse_server_key(path.read_text()), None
    settings.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(new_server_key() + "\n")
    return parse_server_key(path.read_text()), path
