"""Documents: upload, list, read, rename, categorise, delete.

Write order makes crashes safe: the blob is stored first, then the row and its
key slots in one transaction; a blob whose row never came is an orphan the
sweeper removes. Another person's document answers exactly like a missing one.

A caseworker lists, reads and adds a person's documents through the same functions,
within an active mandate (vault.mandates): they read with their own key slot, and
what they add is sealed to the person's public key and lands in the person's inbox.
Every such access is journaled in the person's journal. Only the owner changes or
deletes a document.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Connection

from keys import (
    HEADER_SIZE,
    ciphertext_span,
    decrypt_range,
    decrypt_stream,
    encrypt_stream,
    new_document_key,
    open_document_key,
    open_metadata,
    seal_document_key,
    seal_keyring_slot,
    seal_metadata,
)
from vault import journal
from vault.documents import names, repository
from vault.documents.intake import Intake
from vault.documents.model import Document
from vault.errors import Forbidden, InvalidInput, NotFound, Unavailable
from vault.mandates import access, sealing
from vault.mandates import repository as mandate_rows
from vault.runtime import Runtime
from vault.sessions import Unlocked

MISSING = "no such document"
NO_PERSON = "no such person"


@dataclass(frozen=True)
class Upload:
    filename: str | None
    mime: str | None
    title: str | None = None
    category: str | None = None


@dataclass(frozen=True)
class Content:
    document: Document
    start: int
    end: int
    chunks: Iterator[bytes | bytearray]


def add(rt: Runtime, who: Unlocked, upload: Upload, chunks: Iterable[bytes], person_id: str | None = None) -> Document:
    """Encrypt `chunks` into a new document of `who`, or, for a caseworker naming `person_id`,
    into that person's inbox (`NotFound` without an active mandate, `Forbidden` without `add`)."""
    if person_id is not None and person_id != who.account_id:
        return _add_for(rt, who, person_id, upload, chunks)
    filename, mime, category, title = _described(upload)
    document_id, blob_key, dek = secrets.token_hex(16), "documents/" + secrets.token_hex(16), new_document_key()
    taggable = rt.tagger is not None and rt.tagger.accepts(mime)
    intake = Intake(rt.settings.max_upload_bytes, rt.settings.ocr_max_bytes if taggable else 0)
    rt.blobs.put(blob_key, encrypt_stream(dek, document_id, intake.feed(chunks)))
    kept = intake.kept
    meta = _metadata(title, filename, mime, intake, category, who.account_id)
    tag_state = "tagging" if kept is not None else "untagged"
    if taggable and kept is None:
        meta["tag_error"] = "too large to read"
        tag_state = "failed"
    now = rt.clock()
    try:
        with rt.engine.begin() as conn:
            repository.insert(
                conn, {who.account_id: seal_keyring_slot(dek, who.keyring, document_id, who.account_id)},
                id=document_id, owner_id=who.account_id, blob_key=blob_key, size=intake.size,
                sealed_metadata=seal_metadata(dek, document_id, meta), tag_state=tag_state,
                created_at=now, updated_at=now,
            )
            journal.record(conn, who.account_id, who.account_id, "document.added", now, document_id)
            sealing.follow(conn, who.account_id, document_id, dek, meta["category"], now)
    except BaseException:
        rt.blobs.delete(blob_key)
        raise
    if kept is not None and rt.tagger is not None:
        try:
            rt.tagger.submit(document_id, dek, kept, mime)
        except Unavailable:
            pass  # stays `tagging`: tagged again at the owner's next login
    return _document(rt, who, document_id)[0]


def list_documents(rt: Runtime, who: Unlocked, person_id: str | None = None) -> list[Document]:
    """The person's documents, newest first; documents still in the inbox (vault.documents.inbox) are not among them.
    A caseworker naming `person_id` gets that person's documents in the scope of their active mandate (journaled)."""
    owner = person_id or who.account_id
    with rt.engine.begin() as conn:
        if owner != who.account_id:
            _require_mandate(conn, rt, who, owner, "view")
            journal.record(conn, owner, who.account_id, "documents.listed", rt.clock())
        rows = repository.readable(conn, who.account_id)
    return [_decrypt(row, who)[0] for row in rows if not row.inbox and row.owner_id == owner]


def get(rt: Runtime, who: Unlocked, document_id: str, own: bool = False) -> Document:
    """One document the reader may read: their own, or one in the scope of a caseworker's active mandate
    (not with `own`: the owner's pages, which offer changes)."""
    document, _, row = _document(rt, who, document_id, reading=not own)
    with rt.engine.begin() as conn:
        journal.record(conn, row.owner_id, who.account_id, "document.viewed", rt.clock(), document_id)
    return document


def read(
    rt: Runtime, who: Unlocked, document_id: str, pick: Callable[[int], tuple[int, int] | None] = lambda _: None, quietly: bool = False
) -> Content:
    """Plaintext of the document, or of the [start, end) range `pick(size)` chooses; decrypted as it streams.
    Journaled as a download unless `quietly` (the service's own reads): the owner's reads from the start,
    and every read by someone else (a caseworker's ranges too, so none escapes the person's journal)."""
    document, dek, row = _document(rt, who, document_id, reading=True)
    start, end = _bounds(pick(document.size), document.size)
    if not quietly and (start == 0 or who.account_id != row.owner_id):
        with rt.engine.begin() as conn:
            journal.record(conn, row.owner_id, who.account_id, "document.downloaded", rt.clock(), document_id)
    chunks: Iterator[bytes | bytearray]
    if (start, end) == (0, document.size):
        chunks = decrypt_stream(dek, document_id, rt.blobs.get(row.blob_key))
    else:
        header = b"".join(rt.blobs.get(row.blob_key, 0, HEADER_SIZE))
        cstart, cend = ciphertext_span(document.size, start, end)
        body = rt.blobs.get(row.blob_key, HEADER_SIZE + cstart, HEADER_SIZE + cend)
        chunks = decrypt_range(dek, document_id, header, body, document.size, start, end)
    return Content(document, start, end, chunks)


@dataclass(frozen=True)
class Change:
    title: str | None = None
    category: str | None = None
    fields: dict[str, str] | None = None
    tags: list[str] | None = None


def update(rt: Runtime, who: Unlocked, document_id: str, change: Change) -> Document:
    """Apply the person's corrections; they win over the tagger's guesses."""
    document, dek, row = _document(rt, who, document_id)
    meta = open_metadata(dek, document_id, row.sealed_metadata)
    actions = []
    if change.title is not None:
        meta["title"] = names.clean_title(change.title)
        actions.append("document.renamed")
    if change.category is not None:
        meta["category"], meta["category_source"] = names.check_category(change.category), "user"
        actions.append("document.recategorised")
    if change.fields is not None or change.tags is not None:
        meta.update(names.check_corrections(change.fields, change.tags))
        actions.append("document.corrected")
    if not actions:
        raise InvalidInput("nothing to change: give a title, a category, fields or tags")
    now = rt.clock()
    with rt.engine.begin() as conn:
        repository.set_metadata(conn, document_id, sealed_metadata=seal_metadata(dek, document_id, meta), updated_at=now)
        for action in actions:
            journal.record(conn, who.account_id, who.account_id, action, now, document_id)
        if change.category is not None:
            sealing.follow(conn, who.account_id, document_id, dek, meta["category"], now, inbox=row.inbox)
    return _document(rt, who, document_id)[0]


def delete(rt: Runtime, who: Unlocked, document_id: str) -> None:
    """Delete slots and row, then the blob (crypto-shredding: no key remains)."""
    _, _, row = _document(rt, who, document_id)
    with rt.engine.begin() as conn:
        repository.remove(conn, document_id)
        journal.record(conn, who.account_id, who.account_id, "document.deleted", rt.clock(), document_id)
    rt.blobs.delete(row.blob_key)


def _document(rt: Runtime, who: Unlocked, document_id: str, reading: bool = False) -> tuple[Document, bytes, Any]:
    """The document, its key and row, for its owner; with `reading`, also for a caseworker
    whose active mandate covers it (checked, and expired, on every call)."""
    with rt.engine.begin() as conn:
        rows = repository.readable(conn, who.account_id, document_id)
        theirs = bool(rows) and rows[0].owner_id != who.account_id
        if theirs and (not reading or rows[0].inbox or access.active(conn, who.account_id, rows[0].owner_id, rt.clock()) is None):
            rows = []
    if not rows:
        raise NotFound(MISSING)
    document, dek = _decrypt(rows[0], who)
    return document, dek, rows[0]


def _add_for(rt: Runtime, who: Unlocked, person_id: str, upload: Upload, chunks: Iterable[bytes]) -> Document:
    """A caseworker's addition: sealed to the person's public key, into their inbox; the caseworker keeps no key."""
    with rt.engine.begin() as conn:
        public_key = _require_mandate(conn, rt, who, person_id, "add")
    filename, mime, category, title = _described(upload)
    document_id, blob_key, dek = secrets.token_hex(16), "documents/" + secrets.token_hex(16), new_document_key()
    intake = Intake(rt.settings.max_upload_bytes, 0)
    rt.blobs.put(blob_key, encrypt_stream(dek, document_id, intake.feed(chunks)))
    meta = _metadata(title, filename, mime, intake, category, who.account_id)
    now = rt.clock()
    values = {"id": document_id, "owner_id": person_id, "blob_key": blob_key, "size": intake.size, "inbox": True,
              "tag_state": "untagged", "created_at": now, "updated_at": now}
    try:
        with rt.engine.begin() as conn:
            _require_mandate(conn, rt, who, person_id, "add")
            repository.insert(conn, {person_id: seal_document_key(dek, public_key, document_id, person_id)},
                              sealed_metadata=seal_metadata(dek, document_id, meta), **values)
            journal.record(conn, person_id, who.account_id, "document.added", now, document_id)
    except BaseException:
        rt.blobs.delete(blob_key)
        raise
    return Document.from_parts(SimpleNamespace(**values), meta)


def _require_mandate(conn: Connection, rt: Runtime, who: Unlocked, person_id: str, permission: str) -> bytes:
    """The person's public key if `who` holds an active mandate from them with `permission`."""
    row = access.active(conn, who.account_id, person_id, rt.clock())
    if row is None:
        raise NotFound(NO_PERSON)
    if permission not in access.scope_of(conn, row).permissions:
        raise Forbidden(f"your mandate from this person does not include `{permission}`")
    return mandate_rows.public_key(conn, person_id)


def _described(upload: Upload) -> tuple[str, str, str | None, str]:
    filename = names.clean_filename(upload.filename)
    title = names.clean_title(upload.title) if upload.title else names.title_from(filename)
    return filename, names.clean_media_type(upload.mime), names.check_category(upload.category), title


def _metadata(title: str, filename: str, mime: str, intake: Intake, category: str | None, added_by: str) -> dict[str, Any]:
    return {
        "title": title, "filename": filename, "mime": mime, "size": intake.size, "sha256": intake.sha256,
        "category": category or "other", "category_source": "user" if category else "none", "added_by": added_by,
    }


def _decrypt(row: Any, who: Unlocked) -> tuple[Document, bytes]:
    dek = open_document_key(row.sealed_key, who.keyring, row.id, who.account_id)
    return Document.from_parts(row, open_metadata(dek, row.id, row.sealed_metadata)), dek


def _bounds(byte_range: tuple[int, int] | None, size: int) -> tuple[int, int]:
    if byte_range is None:
        return 0, size
    start, end = byte_range[0], min(byte_range[1], size)
    if start < 0 or start >= end:
        raise RangeNotSatisfiable(f"the document has {size} bytes")
    return start, end


class RangeNotSatisfiable(InvalidInput):
    """The requested byte range lies outside the document."""

    code = "range_not_satisfiable"


def retag_pending(rt: Runtime, who: Unlocked) -> int:
    """Queue again the documents whose tagging a restart interrupted; return how many."""
    if rt.tagger is None:
        return 0
    with rt.engine.begin() as conn:
        rows = [r for r in repository.readable(conn, who.account_id) if r.tag_state == "tagging" and r.owner_id == who.account_id]
    queued = 0
    for row in rows:
        if rt.tagger.in_flight(row.id):
            continue
        content = read(rt, who, row.id, quietly=True)
        rt.tagger.submit(row.id, _decrypt(row, who)[1], b"".join(content.chunks), content.document.mime)
        queued += 1
    return queued
