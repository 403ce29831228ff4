"""Creating organisations, inviting caseworkers, and a caseworker's sign-up through an invitation.

An invitation is a one-time link (`/join/<id>`) and a code handed over separately (the
recovery-code format: 128 bits with check digits). The row keeps SHA-256 of the code;
the invitation is spent in the sign-up's own transaction, so of N racing sign-ups
exactly one gets an account.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from keys import InvalidRecoveryCode, fingerprint, generate_recovery_code, parse_recovery_code
from vault import throttle
from vault.db.schema import caseworkers, invitations, organisations
from vault.accounts import service as accounts
from vault.clock import as_utc
from vault.documents.names import clean_text
from vault.errors import Conflict, InvalidInput, NotFound
from vault.organisations import repository
from vault.organisations.model import Caseworker, Invitation, Organisation
from vault.runtime import Runtime

INVALID = "this invitation is unknown, used or expired, or the code is wrong"
JOIN_FAILURES_PER_CLIENT = 10


def create_organisation(rt: Runtime, name: str) -> Organisation:
    """A new organisation; `Conflict` if the name is taken."""
    name = clean_text(name, 100)
    if not name:
        raise InvalidInput("an organisation needs a name")
    made = Organisation(secrets.token_hex(16), name, rt.clock())
    try:
        with rt.engine.begin() as conn:
            conn.execute(organisations.insert().values(id=made.id, name=made.name, created_at=made.created_at))
    except IntegrityError as error:
        raise Conflict("an organisation with this name exists") from error
    return made


def list_organisations(rt: Runtime) -> list[Organisation]:
    with rt.engine.begin() as conn:
        return [_organisation(row) for row in repository.all_organisations(conn)]


def invite(rt: Runtime, organisation: str, hours: int | None = None) -> Invitation:
    """A one-time invitation into the organisation named (or with the id) `organisation`."""
    now = rt.clock()
    lifetime = timedelta(hours=hours or rt.settings.invitation_hours)
    code, invitation_id = generate_recovery_code(), secrets.token_hex(16)
    with rt.engine.begin() as conn:
        found = repository.organisation(conn, organisation)
        if found is None:
            raise NotFound("no such organisation")
        conn.execute(invitations.insert().values(
            id=invitation_id, organisation_id=found.id, code_hash=_digest(parse_recovery_code(code)),
            created_at=now, expires_at=now + lifetime,
        ))
    return Invitation(invitation_id, _organisation(found), code, now + lifetime)


def join(
    rt: Runtime, invitation_id: str, code: str, handle: str, passphrase: str, name: str, client: str, language: str | None = None,
) -> accounts.NewAccount:
    """Create a caseworker account through an invitation.

    `NotFound` for an unknown, used or expired invitation or a wrong code (one answer),
    `RateLimited` after repeated failures from one client, `InvalidInput`/`Conflict` as sign-up.
    """
    name = clean_text(name, 100)
    if not name:
        raise InvalidInput("give the name the people you follow will see")
    now, failures = rt.clock(), throttle.bucket("join-client", client)
    with rt.engine.begin() as conn:
        throttle.check(conn, {failures: JOIN_FAILURES_PER_CLIENT}, now)
        row = repository.invitation(conn, invitation_id)
        if not _valid(row, code, now):
            throttle.fail(conn, [failures], now)
            row = None
    if row is None:
        raise NotFound(INVALID)
    organisation_id = row.organisation_id

    def spend(conn: Connection, account_id: str) -> None:
        if not repository.spend_invitation(conn, invitation_id, rt.clock()):
            raise NotFound(INVALID)
        conn.execute(caseworkers.insert().values(account_id=account_id, organisation_id=organisation_id, name=name, joined_at=rt.clock()))

    return accounts.sign_up(rt, handle, passphrase, name, language, kind="caseworker", joined=spend)


def invitation_open(rt: Runtime, invitation_id: str) -> bool:
    """Whether the invitation can still be used (the join page says so before asking anything)."""
    with rt.engine.begin() as conn:
        row = repository.invitation(conn, invitation_id)
    return row is not None and row.used_at is None and as_utc(row.expires_at) > rt.clock()


def caseworker(conn: Connection, account_id: str) -> Caseworker | None:
    row = repository.caseworker(conn, account_id)
    return identity(row) if row is not None else None


def find_caseworker(rt: Runtime, handle: str) -> Caseworker:
    """The caseworker with this handle; `NotFound` for anyone else (a person's handle included)."""
    with rt.engine.begin() as conn:
        row = repository.caseworker_by_handle(conn, handle.strip().lower())
    if row is None:
        raise NotFound("no caseworker has this handle")
    return identity(row)


def identity(row: Any) -> Caseworker:
    return Caseworker(row.id, row.handle, row.name, row.organisation, fingerprint(row.public_key))


def _valid(row: Any, code: str, now: datetime) -> bool:
    try:
        presented = _digest(parse_recovery_code(code))
    except InvalidRecoveryCode:
        return False
    if row is None:
        return False
    return hmac.compare_digest(row.code_hash, presented) and row.used_at is None and as_utc(row.expires_at) > now


def _digest(code: bytes) -> bytes:
    return hashlib.sha256(code).digest()


def _organisation(row: Any) -> Organisation:
    return Organisation(row.id, row.name, as_utc(row.created_at))
