"""Deposit links, owner side: make, list, change, revoke, purge. Another person's
link answers exactly like a missing one."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from vault import journal
from vault.accounts.policy import check_language
from vault.clock import as_utc
from vault.deposits import repository
from vault.deposits.model import DepositLink, DepositRequest, NewDeposit, check_max_uploads, status_of
from vault.errors import InvalidInput, NotFound
from vault.runtime import Runtime
from vault.sessions import Unlocked
from vault.shares import credentials, labels
from vault.shares.model import check_hours, refuse_revival

MISSING = "no such deposit link"
KIND = "deposit"


def create(rt: Runtime, who: Unlocked, request: DepositRequest) -> NewDeposit:
    lifetime, max_uploads = check_hours(request.expires_in_hours), check_max_uploads(request.max_uploads)
    language = check_language(request.language, who.language)
    deposit_id, token = credentials.new_link_id(), credentials.new_secret()
    now = rt.clock()
    with rt.engine.begin() as conn:
        repository.insert(
            conn, id=deposit_id, owner_id=who.account_id, language=language,
            sealed_label=labels.seal_label(who.keyring, KIND, deposit_id, request.label),
            token_hash=credentials.digest(token), max_uploads=max_uploads, created_at=now, expires_at=now + lifetime,
        )
        journal.record(conn, who.account_id, who.account_id, "deposit.created", now)
    return NewDeposit(get(rt, who, deposit_id), credentials.encode(token))


def list_links(rt: Runtime, who: Unlocked) -> list[DepositLink]:
    """The owner's deposit links, newest first (links ended long ago are deleted first)."""
    purge_expired(rt, who.account_id)
    with rt.engine.begin() as conn:
        rows = repository.owned(conn, who.account_id)
    return [_link(who, row, rt) for row in rows]


def get(rt: Runtime, who: Unlocked, deposit_id: str) -> DepositLink:
    with rt.engine.begin() as conn:
        return _link(who, _owned_row(conn, who, deposit_id), rt)


def change(
    rt: Runtime, who: Unlocked, deposit_id: str, expires_in_hours: int | None = None,
    max_uploads: int | None = None, label: str | None = None,
) -> DepositLink:
    """New expiry (from now), number of files or label. An ended link cannot be revived."""
    values: dict[str, Any] = {}
    now = rt.clock()
    if expires_in_hours is not None:
        values["expires_at"] = now + check_hours(expires_in_hours)
    if max_uploads is not None:
        values["max_uploads"] = check_max_uploads(max_uploads)
    if label is not None:
        values["sealed_label"] = labels.seal_label(who.keyring, KIND, deposit_id, label)
    if not values:
        raise InvalidInput("nothing to change: give expires_in_hours, max_uploads or a label")
    with rt.engine.begin() as conn:
        row = _owned_row(conn, who, deposit_id)
        if expires_in_hours is not None:
            refuse_revival(status_of(row, now))
        repository.set_values(conn, deposit_id, **values)
        journal.record(conn, who.account_id, who.account_id, "deposit.changed", now)
    return get(rt, who, deposit_id)


def revoke(rt: Runtime, who: Unlocked, deposit_id: str) -> None:
    """Stop the link now; what it already brought stays in the inbox."""
    now = rt.clock()
    with rt.engine.begin() as conn:
        row = _owned_row(conn, who, deposit_id)
        if row.revoked_at is None:
            repository.set_values(conn, deposit_id, revoked_at=now)
            journal.record(conn, who.account_id, who.account_id, "deposit.revoked", now)


def labels_of(rt: Runtime, who: Unlocked) -> dict[str, str]:
    """Each of the owner's deposit links' label, by id (to say where an inbox document came from)."""
    with rt.engine.begin() as conn:
        rows = repository.owned(conn, who.account_id)
    return {row.id: labels.open_label(who.keyring, KIND, row.id, row.sealed_label) for row in rows}


def purge_expired(rt: Runtime, owner_id: str | None = None) -> int:
    with rt.engine.begin() as conn:
        return repository.purge(conn, rt.clock(), owner_id)


def _owned_row(conn: Connection, who: Unlocked, deposit_id: str) -> Any:
    rows = repository.owned(conn, who.account_id, deposit_id)
    if not rows:
        raise NotFound(MISSING)
    return rows[0]


def _link(who: Unlocked, row: Any, rt: Runtime) -> DepositLink:
    return DepositLink(
        id=row.id, label=labels.open_label(who.keyring, KIND, row.id, row.sealed_label), language=row.language,
        status=status_of(row, rt.clock()), created_at=as_utc(row.created_at), expires_at=as_utc(row.expires_at),
        max_uploads=row.max_uploads, uploads=row.uploads,
        last_upload_at=as_utc(row.last_upload_at) if row.last_upload_at else None,
    )
