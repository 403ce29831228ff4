"""Whether a caseworker may act for a person right now; expiry is enforced here, on every request.

A mandate whose time is up is marked `expired` and the caseworker's key slots on the
person's documents are deleted in the same transaction as the refusal, so no request
after the boundary (`now >= expires_at`) reads anything.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from vault import journal
from vault.clock import as_utc
from vault.mandates import repository
from vault.mandates.model import Scope, split


def scope_of(conn: Connection, row: Any) -> Scope:
    """The granted scope of a mandate row (its named documents included)."""
    return Scope(split(row.categories), split(row.permissions), row.days, repository.named_documents(conn, row.id))


def asked_of(row: Any) -> Scope | None:
    """The scope waiting for the person's answer, if any."""
    if row.asked_at is None:
        return None
    return Scope(split(row.asked_categories), split(row.asked_permissions), row.asked_days)


def active(conn: Connection, caseworker_id: str, person_id: str, now: datetime) -> Any | None:
    """The caseworker's active mandate from the person, or None (after expiring it if its time is up)."""
    row = repository.live_between(conn, person_id, caseworker_id)
    if row is None or row.status != "active":
        return None
    if as_utc(row.expires_at) <= now:
        expire(conn, row, now)
        return None
    return row


def expire(conn: Connection, row: Any, now: datetime) -> None:
    """End a mandate whose time is up and delete the caseworker's slots."""
    if repository.set_status(conn, row.id, ("active",), status="expired", ended_at=now, asked_at=None):
        repository.drop_all_slots(conn, row.person_id, row.caseworker_id)
        journal.record(conn, row.person_id, row.caseworker_id, "mandate.expired", now, row.id)


def purge_lapsed(conn: Connection, now: datetime, account_id: str | None = None) -> int:
    """Expire every mandate whose time is up (of one account if given); how many."""
    rows = repository.lapsed(conn, now, account_id)
    for row in rows:
        expire(conn, row, now)
    return len(rows)
