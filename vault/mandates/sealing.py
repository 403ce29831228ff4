"""Keeping a caseworker's key slots equal to their mandate's scope.

`reconcile` runs in the person's session (it needs their keyring to open the document
keys); `follow` runs wherever a document key is at hand (an upload, the tagger, an
acceptance from the inbox) and needs no secret: it seals to public keys.
Documents still in the inbox are never in scope.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from keys import open_document_key, open_metadata, seal_document_key
from vault.clock import as_utc
from vault.documents import repository as document_rows
from vault.mandates import access, repository
from vault.mandates.model import Scope
from vault.sessions import Unlocked


def reconcile(conn: Connection, who: Unlocked, caseworker_id: str, scope: Scope | None) -> None:
    """Make the caseworker's slots on `who`'s documents exactly those `scope` covers (None: no slot)."""
    held = repository.held_slots(conn, who.account_id, caseworker_id)
    wanted = in_scope(conn, who, scope) if scope is not None and "view" in scope.permissions else {}
    repository.drop_slots(conn, caseworker_id, held - wanted.keys())
    missing = wanted.keys() - held
    if missing:
        public_key = repository.public_key(conn, caseworker_id)
        for document_id in sorted(missing):
            sealed = seal_document_key(wanted[document_id], public_key, document_id, caseworker_id)
            repository.add_slot(conn, document_id, caseworker_id, sealed)


def in_scope(conn: Connection, who: Unlocked, scope: Scope) -> dict[str, bytes]:
    """The document key of each of `who`'s documents (out of the inbox) that `scope` covers, by id."""
    found = {}
    for row in document_rows.readable(conn, who.account_id):
        if row.owner_id != who.account_id or row.inbox:
            continue
        dek = open_document_key(row.sealed_key, who.keyring, row.id, who.account_id)
        if scope.covers(row.id, open_metadata(dek, row.id, row.sealed_metadata).get("category", "other")):
            found[row.id] = dek
    return found


def follow(conn: Connection, owner_id: str, document_id: str, dek: bytes, category: str, now: datetime, inbox: bool = False) -> None:
    """After a document arrived or changed category: seal it to every caseworker whose active
    mandate now covers it, and delete the slots of those whose mandate no longer does."""
    for row in repository.active_of_person(conn, owner_id):
        if as_utc(row.expires_at) <= now:
            access.expire(conn, row, now)
            continue
        _follow_one(conn, row, document_id, dek, not inbox and access.scope_of(conn, row).covers(document_id, category))


def _follow_one(conn: Connection, row: Any, document_id: str, dek: bytes, wanted: bool) -> None:
    held = repository.has_slot(conn, document_id, row.caseworker_id)
    if wanted and not held:
        sealed = seal_document_key(dek, repository.public_key(conn, row.caseworker_id), document_id, row.caseworker_id)
        repository.add_slot(conn, document_id, row.caseworker_id, sealed)
    elif held and not wanted:
        repository.drop_slots(conn, row.caseworker_id, [document_id])
