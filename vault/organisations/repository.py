"""Organisation, invitation and caseworker rows."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, Select, select, update

from vault.db.schema import accounts, caseworkers, invitations, organisations


def organisation(conn: Connection, key: str) -> Row[Any] | None:
    """The organisation whose id or name is `key`."""
    return conn.execute(select(organisations).where((organisations.c.id == key) | (organisations.c.name == key))).first()


def all_organisations(conn: Connection) -> list[Row[Any]]:
    return list(conn.execute(select(organisations).order_by(organisations.c.name)))


def invitation(conn: Connection, invitation_id: str) -> Row[Any] | None:
    return conn.execute(select(invitations).where(invitations.c.id == invitation_id)).first()


def spend_invitation(conn: Connection, invitation_id: str, now: datetime) -> bool:
    """Mark the invitation used, if it still can be; one winner among racing sign-ups."""
    result = conn.execute(
        update(invitations)
        .where(invitations.c.id == invitation_id, invitations.c.used_at.is_(None), invitations.c.expires_at > now)
        .values(used_at=now)
    )
    return result.rowcount == 1


def caseworker_query() -> Select[Any]:
    return (
        select(accounts.c.id, accounts.c.handle, accounts.c.public_key, caseworkers.c.name, organisations.c.name.label("organisation"))
        .join(caseworkers, caseworkers.c.account_id == accounts.c.id)
        .join(organisations, organisations.c.id == caseworkers.c.organisation_id)
    )


def caseworker(conn: Connection, account_id: str) -> Row[Any] | None:
    return conn.execute(caseworker_query().where(accounts.c.id == account_id)).first()


def caseworker_by_handle(conn: Connection, handle: str) -> Row[Any] | None:
    return conn.execute(caseworker_query().where(accounts.c.handle == handle)).first()


def caseworkers_by_id(conn: Connection, account_ids: set[str]) -> list[Row[Any]]:
    if not account_ids:
        return []
    return list(conn.execute(caseworker_query().where(accounts.c.id.in_(account_ids))))
