"""Mandate rows, the documents a mandate names, and the caseworker's key slots on a person's documents."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, delete, select, update

from vault.db.schema import accounts, documents, key_slots, mandate_documents, mandates
from vault.mandates.model import LIVE


def insert(conn: Connection, **values: Any) -> None:
    conn.execute(mandates.insert().values(**values))


def by_id(conn: Connection, mandate_id: str) -> Row[Any] | None:
    return conn.execute(_with_person().where(mandates.c.id == mandate_id)).first()


def live_between(conn: Connection, person_id: str, caseworker_id: str) -> Row[Any] | None:
    """The requested or active mandate of this pair (there is at most one)."""
    return conn.execute(
        _with_person().where(mandates.c.person_id == person_id, mandates.c.caseworker_id == caseworker_id, mandates.c.status.in_(LIVE))
    ).first()


def involving(conn: Connection, account_id: str) -> list[Row[Any]]:
    """Mandates where the account is the person or the caseworker, newest first."""
    query = _with_person().where((mandates.c.person_id == account_id) | (mandates.c.caseworker_id == account_id))
    return list(conn.execute(query.order_by(mandates.c.created_at.desc())))


def active_of_person(conn: Connection, person_id: str) -> list[Row[Any]]:
    return list(conn.execute(_with_person().where(mandates.c.person_id == person_id, mandates.c.status == "active")))


def lapsed(conn: Connection, now: datetime, account_id: str | None = None) -> list[Row[Any]]:
    """Active mandates whose time is up (of one account, person or caseworker, if given)."""
    query = _with_person().where(mandates.c.status == "active", mandates.c.expires_at <= now)
    if account_id is not None:
        query = query.where((mandates.c.person_id == account_id) | (mandates.c.caseworker_id == account_id))
    return list(conn.execute(query))


def set_values(conn: Connection, mandate_id: str, **values: Any) -> None:
    conn.execute(update(mandates).where(mandates.c.id == mandate_id).values(**values))


def set_status(conn: Connection, mandate_id: str, expected: Iterable[str], **values: Any) -> bool:
    """Change a mandate only if its status is still one of `expected` (one winner in a race)."""
    result = conn.execute(update(mandates).where(mandates.c.id == mandate_id, mandates.c.status.in_(tuple(expected))).values(**values))
    return result.rowcount == 1


def named_documents(conn: Connection, mandate_id: str) -> frozenset[str]:
    rows = conn.execute(select(mandate_documents.c.document_id).where(mandate_documents.c.mandate_id == mandate_id))
    return frozenset(rows.scalars())


def name_documents(conn: Connection, mandate_id: str, document_ids: Iterable[str]) -> None:
    conn.execute(delete(mandate_documents).where(mandate_documents.c.mandate_id == mandate_id))
    rows = [{"mandate_id": mandate_id, "document_id": d} for d in sorted(set(document_ids))]
    if rows:
        conn.execute(mandate_documents.insert(), rows)


def held_slots(conn: Connection, person_id: str, caseworker_id: str) -> set[str]:
    """Ids of the person's documents the caseworker holds a key slot for."""
    query = (
        select(key_slots.c.document_id).join(documents, documents.c.id == key_slots.c.document_id)
        .where(documents.c.owner_id == person_id, key_slots.c.principal_id == caseworker_id)
    )
    return set(conn.execute(query).scalars())


def has_slot(conn: Connection, document_id: str, caseworker_id: str) -> bool:
    query = select(key_slots.c.document_id).where(key_slots.c.document_id == document_id, key_slots.c.principal_id == caseworker_id)
    return conn.execute(query).first() is not None


def add_slot(conn: Connection, document_id: str, caseworker_id: str, sealed_key: bytes) -> None:
    conn.execute(key_slots.insert().values(document_id=document_id, principal_id=caseworker_id, sealed_key=sealed_key))


def drop_slots(conn: Connection, caseworker_id: str, document_ids: Iterable[str]) -> None:
    ids = list(document_ids)
    if ids:
        conn.execute(delete(key_slots).where(key_slots.c.principal_id == caseworker_id, key_slots.c.document_id.in_(ids)))


def drop_all_slots(conn: Connection, person_id: str, caseworker_id: str) -> None:
    """Delete every key slot the caseworker holds on the person's documents."""
    drop_slots(conn, caseworker_id, held_slots(conn, person_id, caseworker_id))


def public_key(conn: Connection, account_id: str) -> bytes:
    key: bytes = conn.execute(select(accounts.c.public_key).where(accounts.c.id == account_id)).scalar_one()
    return key


def _with_person() -> Any:
    return select(mandates, accounts.c.handle.label("person_handle")).join(accounts, accounts.c.id == mandates.c.person_id)
