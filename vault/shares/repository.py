"""Share rows, their documents (with the link slots) and their opens."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, and_, delete, func, or_, select, true, update

from vault.db.schema import documents, share_documents, share_opens, shares
from vault.shares.model import KEPT_AFTER_END, MAX_PIN_FAILURES


def insert(conn: Connection, slots: list[tuple[str, bytes]], **values: Any) -> None:
    """The share row and one row per document, in the given order."""
    conn.execute(shares.insert().values(**values))
    conn.execute(share_documents.insert(), [
        {"share_id": values["id"], "document_id": document_id, "position": position, "link_slot": slot}
        for position, (document_id, slot) in enumerate(slots)
    ])


def by_id(conn: Connection, share_id: str) -> Row[Any] | None:
    return conn.execute(select(shares).where(shares.c.id == share_id)).first()


def owned(conn: Connection, owner_id: str, share_id: str | None = None) -> list[Row[Any]]:
    """The owner's shares, newest first (only `share_id` when given)."""
    query = select(shares).where(shares.c.owner_id == owner_id).order_by(shares.c.created_at.desc())
    if share_id is not None:
        query = query.where(shares.c.id == share_id)
    return list(conn.execute(query))


def members(conn: Connection, share_ids: Iterable[str]) -> dict[str, list[str]]:
    """Document ids of each share, in the order they were shared."""
    rows = conn.execute(
        select(share_documents.c.share_id, share_documents.c.document_id)
        .where(share_documents.c.share_id.in_(list(share_ids)))
        .order_by(share_documents.c.share_id, share_documents.c.position)
    )
    found: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        found[row.share_id].append(row.document_id)
    return found


def open_times(conn: Connection, share_ids: Iterable[str]) -> dict[str, list[datetime]]:
    rows = conn.execute(
        select(share_opens.c.share_id, share_opens.c.at)
        .where(share_opens.c.share_id.in_(list(share_ids)))
        .order_by(share_opens.c.at.desc())
    )
    found: dict[str, list[datetime]] = defaultdict(list)
    for row in rows:
        found[row.share_id].append(row.at)
    return found


def releasable(conn: Connection, share_id: str) -> list[Row[Any]]:
    """The documents whose link slot still exists, with what the recipient's page needs."""
    return list(conn.execute(
        select(share_documents.c.document_id, share_documents.c.link_slot, documents.c.sealed_metadata, documents.c.size)
        .join(documents, documents.c.id == share_documents.c.document_id)
        .where(share_documents.c.share_id == share_id, share_documents.c.link_slot.is_not(None))
        .order_by(share_documents.c.position)
    ))


def count_open(conn: Connection, share_id: str, now: datetime) -> bool:
    """Take one open if the link is still active: one conditional UPDATE, so concurrent
    openers (SQLite: serialised; PostgreSQL: the row lock and re-check) never exceed the limit."""
    result = conn.execute(
        update(shares)
        .where(
            shares.c.id == share_id, shares.c.revoked_at.is_(None), shares.c.expires_at > now,
            shares.c.pin_failures < MAX_PIN_FAILURES,
            or_(shares.c.max_opens.is_(None), shares.c.opens < shares.c.max_opens),
        )
        .values(opens=shares.c.opens + 1, last_opened_at=now)
    )
    return result.rowcount == 1


def add_open(conn: Connection, share_id: str, at: datetime, access_hash: bytes, access_until: datetime) -> None:
    conn.execute(share_opens.insert().values(share_id=share_id, at=at, access_hash=access_hash, access_until=access_until))


def fail_pin(conn: Connection, share_id: str) -> int:
    """Count one wrong PIN; return the failures so far."""
    conn.execute(update(shares).where(shares.c.id == share_id).values(pin_failures=shares.c.pin_failures + 1))
    return int(conn.execute(select(shares.c.pin_failures).where(shares.c.id == share_id)).scalar_one())


def shred(conn: Connection, share_id: str) -> None:
    """Delete the link slots (the documents stay listed for the owner)."""
    conn.execute(update(share_documents).where(share_documents.c.share_id == share_id).values(link_slot=None))


def set_values(conn: Connection, share_id: str, **values: Any) -> None:
    conn.execute(update(shares).where(shares.c.id == share_id).values(**values))


def granted(conn: Connection, share_id: str, document_id: str, access_hash: bytes, now: datetime) -> Any:
    """The blob of `document_id` if an unexpired access token of this share is `access_hash`."""
    return conn.execute(
        select(documents.c.blob_key, documents.c.size)
        .join(share_documents, share_documents.c.document_id == documents.c.id)
        .join(share_opens, share_opens.c.share_id == share_documents.c.share_id)
        .where(
            share_documents.c.share_id == share_id, share_documents.c.document_id == document_id,
            share_opens.c.access_hash == access_hash, share_opens.c.access_until > now,
        )
    ).first()


def purge(conn: Connection, now: datetime, owner_id: str | None = None) -> int:
    """Shred the slots of every link that has ended; delete links ended long ago. Return how many were deleted."""
    ended = or_(
        shares.c.revoked_at.is_not(None), shares.c.expires_at <= now, shares.c.pin_failures >= MAX_PIN_FAILURES,
        and_(shares.c.max_opens.is_not(None), shares.c.opens >= shares.c.max_opens),
    )
    long_ago = or_(shares.c.expires_at <= now - KEPT_AFTER_END, shares.c.revoked_at <= now - KEPT_AFTER_END)
    mine = shares.c.owner_id == owner_id if owner_id is not None else true()
    conn.execute(
        update(share_documents)
        .where(share_documents.c.link_slot.is_not(None), share_documents.c.share_id.in_(select(shares.c.id).where(ended, mine)))
        .values(link_slot=None)
    )
    old = select(shares.c.id).where(long_ago, mine)
    conn.execute(delete(share_opens).where(share_opens.c.share_id.in_(old)))
    conn.execute(delete(share_documents).where(share_documents.c.share_id.in_(old)))
    return int(conn.execute(delete(shares).where(shares.c.id.in_(old))).rowcount or 0)


def slot_count(conn: Connection, share_id: str) -> int:
    return int(conn.execute(
        select(func.count()).select_from(share_documents)
        .where(share_documents.c.share_id == share_id, share_documents.c.link_slot.is_not(None))
    ).scalar_one())
