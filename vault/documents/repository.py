"""Document rows and key slots."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Row, delete, select, update

from vault.db.schema import documents, key_slots, share_documents


def readable(conn: Connection, principal_id: str, document_id: str | None = None) -> list[Row[Any]]:
    """Documents `principal_id` holds a key slot for, with that slot."""
    query = (
        select(documents, key_slots.c.sealed_key)
        .join(key_slots, key_slots.c.document_id == documents.c.id)
        .where(key_slots.c.principal_id == principal_id)
        .order_by(documents.c.created_at.desc())
    )
    if document_id is not None:
        query = query.where(documents.c.id == document_id)
    return list(conn.execute(query))


def insert(conn: Connection, slots: dict[str, bytes], **values: Any) -> None:
    conn.execute(documents.insert().values(**values))
    conn.execute(
        key_slots.insert(),
        [{"document_id": values["id"], "principal_id": p, "sealed_key": s} for p, s in slots.items()],
    )


def set_metadata(conn: Connection, document_id: str, **values: Any) -> None:
    conn.execute(update(documents).where(documents.c.id == document_id).values(**values))


def leave_inbox(conn: Connection, document_id: str, **values: Any) -> bool:
    """Move a document out of the inbox (with `values`); False if it was not there."""
    result = conn.execute(update(documents).where(documents.c.id == document_id, documents.c.inbox.is_(True)).values(inbox=False, **values))
    return result.rowcount == 1


def remove(conn: Connection, document_id: str) -> None:
    """Delete the document's row and every key slot of it, share-link slots included (crypto-shredding)."""
    conn.execute(delete(share_documents).where(share_documents.c.document_id == document_id))
    conn.execute(delete(key_slots).where(key_slots.c.document_id == document_id))
    conn.execute(delete(documents).where(documents.c.id == document_id))


def blob_keys(conn: Connection) -> set[str]:
    return set(conn.execute(select(documents.c.blob_key)).scalars())
