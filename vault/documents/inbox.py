"""The inbox: documents someone else put in a person's vault (through a deposit link)
wait there, out of the document list, until the person accepts or deletes them.

They were sealed to the person's public key by whoever sent them, so the person's
keyring opens them as any other document (they can be looked at before deciding).
Tagging needs the plaintext, hence the person's keys: it starts on acceptance.
"""

from __future__ import annotations

from keys import open_metadata, seal_metadata
from vault import journal
from vault.documents import repository
from vault.documents.model import Document
from vault.documents.service import MISSING, _decrypt, _document, delete, read
from vault.errors import NotFound, Unavailable
from vault.mandates import sealing
from vault.runtime import Runtime
from vault.sessions import Unlocked


def list_inbox(rt: Runtime, who: Unlocked) -> list[Document]:
    """Documents waiting in the person's inbox, newest first."""
    with rt.engine.begin() as conn:
        rows = repository.readable(conn, who.account_id)
    return [_decrypt(row, who)[0] for row in rows if row.inbox and row.owner_id == who.account_id]


def accept(rt: Runtime, who: Unlocked, document_id: str) -> Document:
    """Move the document to the person's documents and start tagging it."""
    document, dek, row = _document(rt, who, document_id)
    if not row.inbox:
        raise NotFound(MISSING)
    taggable = rt.tagger is not None and rt.tagger.accepts(document.mime)
    readable = taggable and document.size <= rt.settings.ocr_max_bytes
    plaintext = b"".join(read(rt, who, document_id, quietly=True).chunks) if readable else None
    values: dict[str, object] = {"updated_at": rt.clock()}
    if readable:
        values["tag_state"] = "tagging"
    elif taggable:
        meta = {**open_metadata(dek, document_id, row.sealed_metadata), "tag_error": "too large to read"}
        values.update(tag_state="failed", sealed_metadata=seal_metadata(dek, document_id, meta))
    with rt.engine.begin() as conn:
        if not repository.leave_inbox(conn, document_id, **values):
            raise NotFound(MISSING)
        journal.record(conn, who.account_id, who.account_id, "document.accepted", rt.clock(), document_id)
        sealing.follow(conn, who.account_id, document_id, dek, document.category, rt.clock())
    if plaintext is not None and rt.tagger is not None:
        try:
            rt.tagger.submit(document_id, dek, plaintext, document.mime)
        except Unavailable:
            pass  # stays `tagging`: tagged again at the owner's next login
    return _document(rt, who, document_id)[0]


def discard(rt: Runtime, who: Unlocked, document_id: str) -> None:
    """Delete a document that is still in the inbox (its keys and blob)."""
    _, _, row = _document(rt, who, document_id)
    if not row.inbox:
        raise NotFound(MISSING)
    delete(rt, who, document_id)
