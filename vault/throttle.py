"""Attempt limits (login, recovery) kept in the database, so every worker sees them.

Buckets are hashed so that handles and addresses are not stored as such.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import Connection, delete, func, select

from vault.db.schema import attempts
from vault.errors import RateLimited

WINDOW = timedelta(minutes=15)
SHARED_CLIENT_FACTOR = 5  # an office's many people share one address


def bucket(kind: str, key: str) -> str:
    return kind + ":" + hashlib.sha256(key.encode()).hexdigest()[:40]


def check(conn: Connection, limits: dict[str, int], now: datetime) -> None:
    """Raise RateLimited if any bucket holds its limit of failures within the window."""
    conn.execute(delete(attempts).where(attempts.c.at < now - WINDOW))
    for name, limit in limits.items():
        count = conn.execute(
            select(func.count()).select_from(attempts).where(attempts.c.bucket == name)
        ).scalar_one()
        if count >= limit:
            raise RateLimited("too many attempts; wait 15 minutes and try again", retry_after=int(WINDOW.total_seconds()))


def fail(conn: Connection, buckets: Iterable[str], now: datetime) -> None:
    conn.execute(attempts.insert(), [{"bucket": name, "at": now} for name in buckets])


def limits(kind: str, handle: str, client: str, per_handle: int) -> dict[str, int]:
    return {bucket(kind, handle): per_handle, bucket(kind + "-client", client): per_handle * SHARED_CLIENT_FACTOR}


def clear(conn: Connection, name: str) -> None:
    conn.execute(delete(attempts).where(attempts.c.bucket == name))
