"""Deposit links as their owner and their uploader see them, and the rules they follow.

A deposit link is `/d/<id>#<token>`: whoever holds it (an employer, a school) may upload
up to `max_uploads` files before it expires. The token (32 random bytes) travels only
in the fragment; the row keeps SHA-256 of it. The uploader learns nothing about the vault.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from vault.clock import as_utc
from vault.errors import InvalidInput

DEFAULT_UPLOADS = 10
MAX_UPLOADS = 50
MAX_FILE_BYTES = 25 * 1024 * 1024

Status = Literal["active", "expired", "revoked", "used_up"]


@dataclass(frozen=True)
class DepositLink:
    """A deposit link as its owner sees it (the token is never stored, so never here)."""

    id: str
    label: str
    language: str
    status: Status
    created_at: datetime
    expires_at: datetime
    max_uploads: int
    uploads: int
    last_upload_at: datetime | None


@dataclass(frozen=True)
class NewDeposit:
    """A link just made: `fragment` is the encoded token, shown this once."""

    link: DepositLink
    fragment: str

    @property
    def path(self) -> str:
        return f"/d/{self.link.id}#{self.fragment}"


@dataclass(frozen=True)
class DepositRequest:
    expires_in_hours: int
    max_uploads: int = DEFAULT_UPLOADS
    label: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class DepositState:
    """What the uploader's page may know."""

    id: str
    status: Status
    language: str
    remaining: int
    expires_at: datetime
    max_bytes: int


def status_of(row: Any, now: datetime) -> Status:
    if row.revoked_at is not None:
        return "revoked"
    if now >= as_utc(row.expires_at):
        return "expired"
    if row.uploads >= row.max_uploads:
        return "used_up"
    return "active"


def check_max_uploads(max_uploads: int) -> int:
    if not 1 <= max_uploads <= MAX_UPLOADS:
        raise InvalidInput(f"a deposit link accepts 1 to {MAX_UPLOADS} files")
    return max_uploads
