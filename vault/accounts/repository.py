"""Account rows."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Row, select, update

from vault.db.schema import accounts


def by_handle(conn: Connection, handle: str) -> Row[Any] | None:
    return conn.execute(select(accounts).where(accounts.c.handle == handle)).first()


def by_id(conn: Connection, account_id: str) -> Row[Any] | None:
    return conn.execute(select(accounts).where(accounts.c.id == account_id)).first()


def insert(conn: Connection, **values: Any) -> None:
    conn.execute(accounts.insert().values(**values))


def set_credentials(conn: Connection, account_id: str, **values: Any) -> None:
    conn.execute(update(accounts).where(accounts.c.id == account_id).values(**values))
