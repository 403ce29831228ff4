"""Deposit rows."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, delete, or_, select, true, update

from vault.db.schema import accounts, deposits
from vault.shares.model import KEPT_AFTER_END


def insert(conn: Connection, **values: Any) -> None:
    conn.execute(deposits.insert().values(**values))


def by_id(conn: Connection, deposit_id: str) -> Row[Any] | None:
    """The deposit with its owner's public key."""
    return conn.execute(
        select(deposits, accounts.c.public_key).join(accounts, accounts.c.id == deposits.c.owner_id).where(deposits.c.id == deposit_id)
    ).first()


def owned(conn: Connection, owner_id: str, deposit_id: str | None = None) -> list[Row[Any]]:
    query = select(deposits).where(deposits.c.owner_id == owner_id).order_by(deposits.c.created_at.desc())
    if deposit_id is not None:
        query = query.where(deposits.c.id == deposit_id)
    return list(conn.execute(query))


def reserve(conn: Connection, deposit_id: str, now: datetime) -> bool:
    """Take one upload if the link is still open: one conditional UPDATE, race-free on SQLite and PostgreSQL."""
    result = conn.execute(
        update(deposits)
        .where(
            deposits.c.id == deposit_id, deposits.c.revoked_at.is_(None), deposits.c.expires_at > now,
            deposits.c.uploads < deposits.c.max_uploads,
        )
        .values(uploads=deposits.c.uploads + 1, last_upload_at=now)
    )
    return result.rowcount == 1


def give_back(conn: Connection, deposit_id: str) -> None:
    """Return an upload whose file never arrived whole."""
    conn.execute(update(deposits).where(deposits.c.id == deposit_id, deposits.c.uploads > 0).values(uploads=deposits.c.uploads - 1))


def set_values(conn: Connection, deposit_id: str, **values: Any) -> None:
    conn.execute(update(deposits).where(deposits.c.id == deposit_id).values(**values))


def purge(conn: Connection, now: datetime, owner_id: str | None = None) -> int:
    """Delete links that ended over 30 days ago (the documents they brought stay)."""
    long_ago = or_(deposits.c.expires_at <= now - KEPT_AFTER_END, deposits.c.revoked_at <= now - KEPT_AFTER_END)
    mine = deposits.c.owner_id == owner_id if owner_id is not None else true()
    return int(conn.execute(delete(deposits).where(long_ago, mine)).rowcount or 0)
