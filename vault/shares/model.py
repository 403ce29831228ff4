"""Share links as their owner and their recipient see them, and the rules they follow.

A link is `/s/<id>#<secret>`: the id is 128 random bits, the secret 256 random bits
that only the URL fragment carries. A link is *active* until it is revoked, expires,
reaches its maximum number of opens or is locked by wrong PINs; its status is computed
from the row at every request, so a change takes effect on the very next one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal

from vault.clock import as_utc
from vault.errors import Conflict, Forbidden, InvalidInput

MIN_HOURS = 1
MAX_HOURS = 90 * 24
DEFAULT_HOURS = 7 * 24
MAX_OPENS = 1000
MAX_DOCUMENTS = 20
MAX_PIN_FAILURES = 5
PIN = re.compile(r"^[0-9]{4,8}$")
KEPT_AFTER_END = timedelta(days=30)
ACCESS_TIME = timedelta(minutes=30)

Status = Literal["active", "expired", "revoked", "used_up", "locked"]


@dataclass(frozen=True)
class SharedDocument:
    id: str
    title: str


@dataclass(frozen=True)
class ShareLink:
    """A link as its owner sees it (the secret is never stored, so never here)."""

    id: str
    label: str
    language: str
    status: Status
    created_at: datetime
    expires_at: datetime
    max_opens: int | None
    opens: int
    last_opened_at: datetime | None
    has_pin: bool
    documents: list[SharedDocument] = field(default_factory=list)
    opened_at: list[datetime] = field(default_factory=list)


@dataclass(frozen=True)
class NewShare:
    """A link just made: `fragment` is the encoded secret, shown this once."""

    link: ShareLink
    fragment: str

    @property
    def path(self) -> str:
        return f"/s/{self.link.id}#{self.fragment}"


@dataclass(frozen=True)
class ShareRequest:
    document_ids: list[str]
    expires_in_hours: int = DEFAULT_HOURS
    max_opens: int | None = None
    pin: str | None = None
    label: str | None = None
    language: str | None = None


def status_of(row: Any, now: datetime) -> Status:
    """The link's status now; the order decides what a recipient is told first."""
    if row.revoked_at is not None:
        return "revoked"
    if now >= as_utc(row.expires_at):
        return "expired"
    if row.max_opens is not None and row.opens >= row.max_opens:
        return "used_up"
    if row.pin_failures >= MAX_PIN_FAILURES:
        return "locked"
    return "active"


def refuse_revival(status: str) -> None:
    """A revoked or expired link stays ended: a new expiry cannot bring it back (shares and deposits)."""
    if status in ("revoked", "expired"):
        raise Conflict("this link has ended; make a new one")


def check_hours(hours: int) -> timedelta:
    if not MIN_HOURS <= hours <= MAX_HOURS:
        raise InvalidInput(f"a link lasts from {MIN_HOURS} hour to {MAX_HOURS // 24} days")
    return timedelta(hours=hours)


def check_max_opens(max_opens: int | None) -> int | None:
    if max_opens is not None and not 1 <= max_opens <= MAX_OPENS:
        raise InvalidInput(f"the number of opens is between 1 and {MAX_OPENS}")
    return max_opens


def check_pin(pin: str | None) -> str | None:
    if pin in (None, ""):
        return None
    if not PIN.match(str(pin)):
        raise InvalidInput("a PIN is 4 to 8 digits")
    return pin


class LinkEnded(Conflict):
    """The link no longer opens anything."""

    code = "link_ended"


class LinkExpired(LinkEnded):
    """This link has expired."""

    code = "link_expired"


class LinkRevoked(LinkEnded):
    """The person who made this link has stopped it."""

    code = "link_revoked"


class LinkUsedUp(LinkEnded):
    """This link has been opened as many times as allowed."""

    code = "link_used_up"


class LinkLocked(LinkEnded):
    """Too many wrong PINs: this link is locked."""

    code = "link_locked"


class LinkDamaged(Forbidden):
    """The link is incomplete or damaged: the part after # is missing or wrong."""

    code = "link_damaged"


class PinRequired(Forbidden):
    """This link asks for a PIN."""

    code = "pin_required"


class WrongPin(Forbidden):
    """The PIN is wrong."""

    code = "wrong_pin"

    def __init__(self, tries_left: int) -> None:
        super().__init__(f"the PIN is wrong; {tries_left} tries left")
        self.tries_left = tries_left


ENDED: dict[Status, type[LinkEnded]] = {
    "expired": LinkExpired, "revoked": LinkRevoked, "used_up": LinkUsedUp, "locked": LinkLocked,
}
