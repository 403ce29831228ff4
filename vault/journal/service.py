"""Append-only, hash-chained journal per person.

Each entry's hash is SHA-256 over the previous entry's hash and a canonical JSON
of the entry, so editing, deleting or reordering any entry breaks every later
hash. Entries hold ids and actions, never titles, filenames or secrets.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, select

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


def chain_hash(prev: bytes, account_id: str, seq: int, at: datetime, actor_id: str, action: str, document_id: str | None) -> bytes:
    body = json.dumps(
        [account_id, seq, at.isoformat(timespec="microseconds"), actor_id, action, document_id],
        separators=(",", ":"),
    )
    return hashlib.sha256(prev + body.encode()).digest()


def record(conn: Connection, account_id: str, actor_id: str, action: str, at: datetime, document_id: str | None = None) -> None:
    """Append one entry inside the caller's transaction."""
    conn.execute(select(accounts.c.id).where(accounts.c.id == account_id).with_for_update())
    last = conn.execute(
        select(journal.c.seq, journal.c.entry_hash)
        .where(journal.c.account_id == account_id)
        .order_by(journal.c.seq.desc())
        .limit(1)
    ).first()
    seq, prev = (last.seq + 1, last.entry_hash) if last else (1, GENESIS)
    conn.execute(
        journal.insert().values(
            account_id=account_id,
            seq=seq,
            at=at,
            actor_id=actor_id,
            action=action,
            document_id=document_id,
            prev_hash=prev,
            entry_hash=chain_hash(prev, account_id, seq, at, actor_id, action, document_id),
        )
    )


def entries(conn: Connection, account_id: str) -> list[Entry]:
    rows = conn.execute(select(journal).where(journal.c.account_id == account_id).order_by(journal.c.seq))
    return [Entry(r.seq, as_utc(r.at), r.actor_id, r.action, r.document_id, r.entry_hash) for r in rows]


def verify(conn: Connection, account_id: str) -> int | None:
    """Return the seq of the first entry that breaks the chain, or None if intact."""
    prev, expected_seq = GENESIS, 1
    for row in conn.execute(select(journal).where(journal.c.account_id == account_id).order_by(journal.c.seq)):
        recomputed = chain_hash(prev, account_id, row.seq, as_utc(row.at), row.actor_id, row.action, row.document_id)
        if row.seq != expected_seq or row.prev_hash != prev or row.entry_hash != recomputed:
            return int(row.seq)
        prev, expected_seq = row.entry_hash, expected_seq + 1
    return None
