"""Documents: upload, list, read, rename, categorise, delete.

Write order makes crashes safe: the blob is stored first, then the row and its
key slots in one transaction; a blob whose row never came is an orphan the
sweeper removes. Another person's document answers exactly like a missing one.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from keys import (
    HEADER_SIZE,
    ciphertext_span,
    decrypt_range,
    decrypt_stream,
    encrypt_stream,
    new_document_key,
    open_document_key,
    open_metadata,
    seal_keyring_slot,
    seal_metadata,
)
from vault import journal
from vault.documents import names, repository
from vault.documents.intake import Intake
from vault.documents.model import Document
from vault.errors import InvalidInput, NotFound, Unavailable
from vault.runtime import Runtime
from vault.sessions import Unlocked

MISSING = "no such document"


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
    chunks: Iterator[bytes]


def add(rt: Runtime, who: Unlocked, upload: Upload, chunks: Iterable[bytes]) -> Document:
    """Encrypt `chunks` into a new document of `who`."""
    filename = names.clean_filename(upload.filename)
    mime = names.clean_media_type(upload.mime)
    category = names.check_category(upload.category)
    title = names.clean_title(upload.title) if upload.title else names.title_from(filename)
    document_id, blob_key, dek = secrets.token_hex(16), "documents/" + secrets.token_hex(16), new_document_key()
    taggable = rt.tagger is not None and rt.tagger.accepts(mime)
    intake = Intake(rt.settings.max_upload_bytes, rt.settings.ocr_max_bytes if taggable else 0)
    rt.blobs.put(blob_key, encrypt_stream(dek, document_id, intake.feed(chunks)))
    kept = intake.kept
    meta: dict[str, Any] = {
        "title": title, "filename": filename, "mime": mime, "size": intake.size, "sha256": intake.sha256,
        "category": category or "other", "category_source": "user" if category else "none",
        "added_by": who.account_id,
    }
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
    except BaseException:
        rt.blobs.delete(blob_key)
        raise
    if kept is not None and rt.tagger is not None:
        try:
            rt.tagger.submit(document_id, dek, kept, mime)
        except Unavailable:
            pass  # stays `tagging`: tagged again at the owner's next login
    return _document(rt, who, document_id)[0]


def list_documents(rt: Runtime, who: Unlocked) -> list[Document]:
    """The person's documents, newest first; documents still in the inbox (vault.documents.inbox) are not among them."""
    with rt.engine.begin() as conn:
        rows = repository.readable(conn, who.account_id)
    return [_decrypt(row, who)[0] for row in rows if not row.inbox]


def get(rt: Runtime, who: Unlocked, document_id: str) -> Document:
    document, _, _ = _document(rt, who, document_id)
    with rt.engine.begin() as conn:
        journal.record(conn, who.account_id, who.account_id, "document.viewed", rt.clock(), document_id)
    return document


def read(
    rt: Runtime, who: Unlocked, document_id: str, pick: Callable[[int], tuple[int, int] | None] = lambda _: None, quietly: bool = False
) -> Content:
    """Plaintext of the document, or of the [start, end) range `pick(size)` chooses; decrypted as it streams.
    A read from the start is journaled as a download unless `quietly` (the service's own reads)."""
    document, dek, row = _document(rt, who, document_id)
    start, end = _bounds(pick(document.size), document.size)
    if start == 0 and not quietly:
        with rt.engine.begin() as conn:
            journal.record(conn, who.account_id, who.account_id, "document.downloaded", rt.clock(), document_id)
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
    return _document(rt, who, document_id)[0]


def delete(rt: Runtime, who: Unlocked, document_id: str) -> None:
    """Delete slots and row, then the blob (crypto-shredding: no key remains)."""
    _, _, row = _document(rt, who, document_id)
    with rt.engine.begin() as conn:
        repository.remove(conn, document_id)
        journal.record(conn, who.account_id, who.account_id, "document.deleted", rt.clock(), document_id)
    rt.blobs.delete(row.blob_key)


def _document(rt: Runtime, who: Unlocked, document_id: str) -> tuple[Document, bytes, Any]:
    with rt.engine.begin() as conn:
        rows = repository.readable(conn, who.account_id, document_id)
    if not rows or rows[0].owner_id != who.account_id:
        raise NotFound(MISSING)
    document, dek = _decrypt(rows[0], who)
    return document, dek, rows[0]


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
