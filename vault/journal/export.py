"""A person's journal as they read it and take it away: who did what, when, in CSV or JSON.

Each exported entry carries its hash; with the account id and the rule in
vault.journal.service (SHA-256 over the previous hash and the canonical entry), anyone
can check the chain outside the service. CSV cells that a spreadsheet would run as a
formula are prefixed with a quote.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from vault.db.schema import accounts, caseworkers, organisations
from vault.journal.service import Entry, entries

FIELDS = ("seq", "at", "actor_id", "actor", "action", "object_id", "entry_hash")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Line:
    seq: int
    at: datetime
    actor_id: str
    actor: str
    action: str
    object_id: str | None
    entry_hash: str

    def as_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "at": self.at.isoformat(), "actor_id": self.actor_id, "actor": self.actor, "action": self.action,
                "object_id": self.object_id, "entry_hash": self.entry_hash}


def lines(conn: Connection, account_id: str) -> list[Line]:
    """The account's journal, oldest first, each actor named: "self", a caseworker's
    "name (organisation)", or the handle of another account."""
    found = entries(conn, account_id)
    names = actor_names(conn, {e.actor_id for e in found} - {account_id})
    return [_line(e, "self" if e.actor_id == account_id else names.get(e.actor_id, e.actor_id)) for e in found]


def actor_names(conn: Connection, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    query = (
        select(accounts.c.id, accounts.c.handle, caseworkers.c.name, organisations.c.name.label("organisation"))
        .outerjoin(caseworkers, caseworkers.c.account_id == accounts.c.id)
        .outerjoin(organisations, organisations.c.id == caseworkers.c.organisation_id)
        .where(accounts.c.id.in_(ids))
    )
    return {row.id: f"{row.name} ({row.organisation})" if row.name else row.handle for row in conn.execute(query)}


def to_json(account_id: str, found: list[Line]) -> str:
    return json.dumps({"account_id": account_id, "entries": [line.as_dict() for line in found]}, ensure_ascii=False, indent=1)


def to_csv(found: list[Line]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for line in found:
        writer.writerow({key: _cell(value) for key, value in line.as_dict().items()})
    return out.getvalue()


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _line(entry: Entry, actor: str) -> Line:
    return Line(entry.seq, entry.at, entry.actor_id, actor, entry.action, entry.document_id, entry.entry_hash.hex())
