"""Share links, recipient side: the link's status, opening it, fetching ciphertexts.

Opening releases key material, so that is where an open is counted: the proof of the
secret and the PIN are checked, then one conditional UPDATE takes an open and, in the
same transaction, the link slots are read, the open is logged for the owner and a
short-lived access token for the ciphertexts is issued. N parallel openers of a
one-open link: exactly one gets the slots. The last allowed open also shreds the slots.
The server never sees the link secret: only the page in the recipient's browser
can open a slot, then the metadata and content (keys/, docs/FORMAT.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from keys import ciphertext_size
from vault import journal, throttle
from vault.clock import as_utc
from vault.errors import NotFound, VaultError
from vault.runtime import Runtime
from vault.shares import credentials, repository
from vault.shares.model import (
    ACCESS_TIME,
    ENDED,
    MAX_PIN_FAILURES,
    PIN,
    LinkDamaged,
    LinkLocked,
    LinkRevoked,
    LinkUsedUp,
    PinRequired,
    Status,
    WrongPin,
    status_of,
)

MISSING = "no such link"
CLIENT_FAILURES = 30


@dataclass(frozen=True)
class LinkState:
    id: str
    status: Status
    language: str
    needs_pin: bool
    expires_at: datetime
    documents: int
    remaining: int | None


@dataclass(frozen=True)
class Released:
    document_id: str
    link_slot: bytes
    sealed_metadata: bytes
    ciphertext_size: int


@dataclass(frozen=True)
class Opened:
    access_token: str
    access_until: datetime
    documents: list[Released]


@dataclass(frozen=True)
class Ciphertext:
    blob_key: str
    size: int


def state(rt: Runtime, share_id: str) -> LinkState:
    """What a recipient may know before opening: status, language, whether a PIN is asked."""
    with rt.engine.begin() as conn:
        row = repository.by_id(conn, share_id)
        if row is None:
            raise NotFound(MISSING)
        count = repository.slot_count(conn, share_id)
    status = status_of(row, rt.clock())
    if status == "active" and count == 0:
        status = "revoked"
    remaining = None if row.max_opens is None else max(0, row.max_opens - row.opens)
    return LinkState(row.id, status, row.language, row.pin_hash is not None, as_utc(row.expires_at), count, remaining)


def open_link(rt: Runtime, share_id: str, proof: str, pin: str | None, client: str) -> Opened:
    """Release the link slots, metadata and an access token, counting one open.

    Raises `NotFound`, a `LinkEnded` (expired, revoked, used up, locked), `LinkDamaged`
    (wrong proof: a damaged fragment), `PinRequired`, `WrongPin` or `RateLimited`.
    Failures are counted per link (PIN) and per client before the error is raised.
    """
    now = rt.clock()
    limits = {throttle.bucket("link-client", client): CLIENT_FAILURES}
    with rt.engine.begin() as conn:
        throttle.check(conn, limits, now)
        outcome = _attempt(rt, conn, share_id, proof, pin, now)
        if isinstance(outcome, (NotFound, LinkDamaged, WrongPin, LinkLocked)):
            throttle.fail(conn, limits, now)
    if isinstance(outcome, VaultError):
        raise outcome
    return outcome


def ciphertext(rt: Runtime, share_id: str, document_id: str, access_token: str) -> Ciphertext:
    """The blob of one shared document, for a holder of a valid access token of an unrevoked, unexpired link."""
    now = rt.clock()
    with rt.engine.begin() as conn:
        row = repository.by_id(conn, share_id)
        if row is None:
            raise NotFound(MISSING)
        status = status_of(row, now)
        if status in ("revoked", "expired"):
            raise ENDED[status]()
        found = repository.granted(conn, share_id, document_id, credentials.digest(access_token.encode("utf-8")), now)
    if found is None:
        raise NotFound("no such document in this link, or the access has expired; open the link again")
    return Ciphertext(found.blob_key, ciphertext_size(int(found.size)))


def _attempt(rt: Runtime, conn: Connection, share_id: str, proof: str, pin: str | None, now: datetime) -> Opened | VaultError:
    row = repository.by_id(conn, share_id)
    if row is None:
        return NotFound(MISSING)
    status = status_of(row, now)
    if status != "active":
        repository.shred(conn, share_id)
        return ENDED[status]()
    decoded = credentials.decode_32(proof)
    if decoded is None or not credentials.same_digest(row.proof_hash, decoded):
        return LinkDamaged()
    if row.pin_hash is not None:
        if not pin:
            return PinRequired()
        if not PIN.match(pin) or not credentials.pin_matches(rt.server_key, row.pin_salt, row.pin_hash, pin):
            return _wrong_pin(conn, row, now)
    return _release(conn, row, now)


def _why_not(conn: Connection, share_id: str, now: datetime, otherwise: VaultError) -> VaultError:
    """Why a link that looked active a moment ago gave nothing: a concurrent opener may have
    used it up (and shredded its slots) in between; `otherwise` when it is still active."""
    after = repository.by_id(conn, share_id)
    status = status_of(after, now) if after is not None else "revoked"
    return ENDED[status]() if status != "active" else otherwise


def _wrong_pin(conn: Connection, row: Any, now: datetime) -> VaultError:
    failures = repository.fail_pin(conn, row.id)
    if failures < MAX_PIN_FAILURES:
        return WrongPin(MAX_PIN_FAILURES - failures)
    if failures == MAX_PIN_FAILURES:
        repository.shred(conn, row.id)
        journal.record(conn, row.owner_id, row.id, "share.locked", now)
    return LinkLocked()


def _release(conn: Connection, row: Any, now: datetime) -> Opened | VaultError:
    released = repository.releasable(conn, row.id)
    if not released:
        return _why_not(conn, row.id, now, LinkRevoked())
    if not repository.count_open(conn, row.id, now):
        return _why_not(conn, row.id, now, LinkUsedUp())
    token, token_hash = credentials.new_access_token()
    until = min(now + ACCESS_TIME, as_utc(row.expires_at))
    repository.add_open(conn, row.id, now, token_hash, until)
    for document in released:
        journal.record(conn, row.owner_id, row.id, "share.opened", now, document.document_id)
    counted = repository.by_id(conn, row.id)
    if counted is not None and counted.max_opens is not None and counted.opens >= counted.max_opens:
        repository.shred(conn, row.id)
    return Opened(token, until, [
        Released(d.document_id, d.link_slot, d.sealed_metadata, ciphertext_size(int(d.size))) for d in released
    ])
