"""Append-only, hash-chained journal per person.

Each entry's hash is SHA-256 over the previous entry's hash and a canonical JSON
of the entry, so editing, deleting, inserting or reordering any entry breaks every
later hash. The account row keeps the journal's head (the number of entries and the
last hash), so cutting entries off the end breaks the chain too: it no longer ends
at the head. Entries hold ids and actions, never titles, filenames or secrets.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import Connection, Row, select, update

from vault.clock import as_utc
from vault.db.schema import accounts, journal

GENESIS = bytes(32)


@dataclass(frozen=True)
class Entry:
    seq: int
    at: datetime
    actor_id: str
    action: str
    document_id: str | None
    entry_hash: bytes


@dataclass(frozen=True)
class Break:
    """Where a journal stops being the one that was written; `recorded` is the number
    of entries its head holds.

    `truncated`: the chain is intact but stops early; entries `seq` to `recorded` are
    missing. `altered`: the entry at `seq` is not the one written (edited, removed,
    inserted, moved, or past the head), or the chain was rewritten and its last entry,
    `seq`, is not the head.
    """

    seq: int
    kind: Literal["altered", "truncated"]
    recorded: int


def chain_hash(prev: bytes, account_id: str, seq: int, at: datetime, actor_id: str, action: str, document_id: str | None) -> bytes:
    body = json.dumps(
        [account_id, seq, at.isoformat(timespec="microseconds"), actor_id, action, document_id],
        separators=(",", ":"),
    )
    return hashlib.sha256(prev + body.encode()).digest()


def record(conn: Connection, account_id: str, actor_id: str, action: str, at: datetime, document_id: str | None = None) -> None:
    """Append one entry after the head and move the head to it, inside the caller's transaction.

    The next entry follows the head, not the last row found: after a truncation it
    leaves a gap that `verify` reports instead of hiding the cut.
    """
    head = conn.execute(
        select(accounts.c.journal_length, accounts.c.journal_head).where(accounts.c.id == account_id).with_for_update()
    ).one()
    seq, prev = head.journal_length + 1, head.journal_head or GENESIS
    entry_hash = chain_hash(prev, account_id, seq, at, actor_id, action, document_id)
    conn.execute(
        journal.insert().values(
            account_id=account_id, seq=seq, at=at, actor_id=actor_id, action=action,
            document_id=document_id, prev_hash=prev, entry_hash=entry_hash,
        )
    )
    conn.execute(update(accounts).where(accounts.c.id == account_id).values(journal_length=seq, journal_head=entry_hash))


def entries(conn: Connection, account_id: str) -> list[Entry]:
    rows = conn.execute(select(journal).where(journal.c.account_id == account_id).order_by(journal.c.seq))
    return [Entry(r.seq, as_utc(r.at), r.actor_id, r.action, r.document_id, r.entry_hash) for r in rows]


def verify(conn: Connection, account_id: str) -> int | None:
    """Return the seq where the journal breaks (for a truncated one, the first missing
    seq), or None if the chain is intact and ends at the account's head."""
    found = find_break(conn, account_id)
    return found.seq if found else None


def find_break(conn: Connection, account_id: str) -> Break | None:
    """The first place the journal differs from the one written, or None if it is intact.

    Head and entries are read in one statement, so an entry recorded meanwhile is
    either in both or in neither.
    """
    query = (
        select(journal, accounts.c.journal_length, accounts.c.journal_head)
        .select_from(accounts.outerjoin(journal, journal.c.account_id == accounts.c.id))
        .where(accounts.c.id == account_id)
        .order_by(journal.c.seq)
    )
    length, last, recorded, head = 0, GENESIS, 0, None
    for row in conn.execute(query):
        recorded, head = row.journal_length, row.journal_head
        if row.seq is None:
            break
        if not _follows(row, account_id, length, last):
            return Break(length + 1, "altered", recorded)
        length, last = row.seq, row.entry_hash
    return _against_head(length, last, recorded, head)


def _follows(row: Row[Any], account_id: str, length: int, last: bytes) -> bool:
    recomputed = chain_hash(last, account_id, row.seq, as_utc(row.at), row.actor_id, row.action, row.document_id)
    return bool(row.seq == length + 1 and row.prev_hash == last and row.entry_hash == recomputed)


def _against_head(length: int, last: bytes, recorded: int, head: bytes | None) -> Break | None:
    """Whether an intact chain of `length` entries ending in `last` ends at the head."""
    if length < recorded:
        return Break(length + 1, "truncated", recorded)
    if length > recorded:
        return Break(recorded + 1, "altered", recorded)
    if length and last != head:
        return Break(length, "altered", recorded)
    return None
