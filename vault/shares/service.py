"""Share links, owner side: make, list, change, revoke, purge.

Making a link needs the owner's unlocked keyring: each document key is opened and
sealed again under the link secret (keys.seal_link_slot); the secret itself is
returned once and never stored. Revoking deletes the link slots at once. Another
person's link answers exactly like a missing one.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from keys import open_document_key, seal_link_slot
from vault import journal
from vault.accounts.policy import check_language
from vault.clock import as_utc
from vault.documents import repository as document_rows
from vault.documents import service as documents
from vault.errors import InvalidInput, NotFound
from vault.runtime import Runtime
from vault.sessions import Unlocked
from vault.shares import credentials, labels, repository
from vault.shares.model import (
    MAX_DOCUMENTS,
    NewShare,
    ShareLink,
    ShareRequest,
    SharedDocument,
    check_hours,
    check_max_opens,
    check_pin,
    refuse_revival,
    status_of,
)

MISSING = "no such link"
KIND = "share"


def create(rt: Runtime, who: Unlocked, request: ShareRequest) -> NewShare:
    """A new link to `request.document_ids` (the owner's own documents, not the inbox)."""
    document_ids = _check_documents(request.document_ids)
    lifetime, max_opens = check_hours(request.expires_in_hours), check_max_opens(request.max_opens)
    pin, language = check_pin(request.pin), check_language(request.language, who.language)
    share_id, secret = credentials.new_link_id(), credentials.new_secret()
    salt = credentials.new_salt() if pin else None
    now = rt.clock()
    with rt.engine.begin() as conn:
        slots = [(d, seal_link_slot(dek, secret, share_id)) for d, dek in _document_keys(conn, who, document_ids)]
        repository.insert(
            conn, slots, id=share_id, owner_id=who.account_id, language=language,
            sealed_label=labels.seal_label(who.keyring, KIND, share_id, request.label),
            proof_hash=credentials.digest(credentials.proof_of(secret, share_id)),
            pin_salt=salt, pin_hash=credentials.hash_pin(rt.server_key, salt, pin) if pin and salt else None,
            max_opens=max_opens, created_at=now, expires_at=now + lifetime,
        )
        for document_id in document_ids:
            journal.record(conn, who.account_id, who.account_id, "share.created", now, document_id)
    return NewShare(get(rt, who, share_id), credentials.encode(secret))


def list_links(rt: Runtime, who: Unlocked) -> list[ShareLink]:
    """The owner's links, newest first; ended links lose their slots, old ones are deleted."""
    purge_expired(rt, who.account_id)
    with rt.engine.begin() as conn:
        rows = repository.owned(conn, who.account_id)
    return _links(rt, who, rows)


def get(rt: Runtime, who: Unlocked, share_id: str) -> ShareLink:
    with rt.engine.begin() as conn:
        rows = repository.owned(conn, who.account_id, share_id)
    if not rows:
        raise NotFound(MISSING)
    return _links(rt, who, rows)[0]


def change(rt: Runtime, who: Unlocked, share_id: str, expires_in_hours: int | None = None, label: str | None = None) -> ShareLink:
    """Set a new expiry (counted from now) or label. An ended link cannot be revived."""
    if expires_in_hours is None and label is None:
        raise InvalidInput("nothing to change: give expires_in_hours or a label")
    now = rt.clock()
    values: dict[str, Any] = {}
    if expires_in_hours is not None:
        values["expires_at"] = now + check_hours(expires_in_hours)
    if label is not None:
        values["sealed_label"] = labels.seal_label(who.keyring, KIND, share_id, label)
    with rt.engine.begin() as conn:
        row = _owned_row(conn, who, share_id)
        if expires_in_hours is not None:
            refuse_revival(status_of(row, now))
        repository.set_values(conn, share_id, **values)
        journal.record(conn, who.account_id, who.account_id, "share.changed", now)
    return get(rt, who, share_id)


def revoke(rt: Runtime, who: Unlocked, share_id: str) -> None:
    """Stop the link now: its slots are deleted in the same transaction. Revoking twice is harmless."""
    now = rt.clock()
    with rt.engine.begin() as conn:
        row = _owned_row(conn, who, share_id)
        if row.revoked_at is not None:
            return
        shared = repository.members(conn, [share_id]).get(share_id, [])
        repository.set_values(conn, share_id, revoked_at=now)
        repository.shred(conn, share_id)
        for document_id in shared:
            journal.record(conn, who.account_id, who.account_id, "share.revoked", now, document_id)


def purge_expired(rt: Runtime, owner_id: str | None = None) -> int:
    """Shred the slots of ended links and delete links that ended over 30 days ago (everyone's, or one owner's)."""
    with rt.engine.begin() as conn:
        return repository.purge(conn, rt.clock(), owner_id)


def _check_documents(document_ids: list[str]) -> list[str]:
    unique = list(dict.fromkeys(document_ids))
    if not 1 <= len(unique) <= MAX_DOCUMENTS:
        raise InvalidInput(f"share 1 to {MAX_DOCUMENTS} documents")
    return unique


def _document_keys(conn: Connection, who: Unlocked, document_ids: list[str]) -> list[tuple[str, bytes]]:
    keys = []
    for document_id in document_ids:
        rows = document_rows.readable(conn, who.account_id, document_id)
        if not rows or rows[0].owner_id != who.account_id or rows[0].inbox:
            raise NotFound(documents.MISSING)
        keys.append((document_id, open_document_key(rows[0].sealed_key, who.keyring, document_id, who.account_id)))
    return keys


def _owned_row(conn: Connection, who: Unlocked, share_id: str) -> Any:
    rows = repository.owned(conn, who.account_id, share_id)
    if not rows:
        raise NotFound(MISSING)
    return rows[0]


def _links(rt: Runtime, who: Unlocked, rows: list[Any]) -> list[ShareLink]:
    ids = [row.id for row in rows]
    with rt.engine.begin() as conn:
        shared, opened = repository.members(conn, ids), repository.open_times(conn, ids)
    titles = {d.id: d.title for d in documents.list_documents(rt, who)} if rows else {}
    now = rt.clock()
    return [_link(who, row, now, shared.get(row.id, []), opened.get(row.id, []), titles) for row in rows]


def _link(who: Unlocked, row: Any, now: datetime, shared: list[str], opened: list[datetime], titles: dict[str, str]) -> ShareLink:
    return ShareLink(
        id=row.id, label=labels.open_label(who.keyring, KIND, row.id, row.sealed_label), language=row.language,
        status=status_of(row, now), created_at=as_utc(row.created_at), expires_at=as_utc(row.expires_at),
        max_opens=row.max_opens, opens=row.opens, has_pin=row.pin_hash is not None,
        last_opened_at=as_utc(row.last_opened_at) if row.last_opened_at else None,
        documents=[SharedDocument(d, titles.get(d, "")) for d in shared], opened_at=[as_utc(at) for at in opened],
    )
