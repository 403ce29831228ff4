"""Deposit links, uploader side: what the page may show, and receiving one file.

A file is streamed straight into the DV1 encryptor under a fresh document key, which is
sealed to the owner's *public* key (keys.seal_document_key): no secret of the owner is
needed, and the uploader can read nothing back. The document lands in the owner's
inbox. An upload is reserved with one conditional UPDATE before the body is read
(N parallel uploads to a one-file link: one succeeds) and given back if it fails.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from keys import encrypt_stream, new_document_key, seal_document_key, seal_metadata
from vault import journal, throttle
from vault.clock import as_utc
from vault.deposits import media, repository
from vault.deposits.model import MAX_FILE_BYTES, DepositState, status_of
from vault.documents import names
from vault.documents import repository as document_rows
from vault.documents.intake import Intake
from vault.errors import NotFound, VaultError
from vault.runtime import Runtime
from vault.shares import credentials
from vault.shares.model import ENDED, LinkUsedUp

MISSING = "no such deposit link"
CLIENT_FAILURES = 30
CLIENT_UPLOADS = 60


@dataclass(frozen=True)
class Parcel:
    filename: str | None
    mime: str | None


@dataclass(frozen=True)
class Receipt:
    """All the uploader learns: the file arrived, and how many more the link takes."""

    remaining: int


def state(rt: Runtime, deposit_id: str) -> DepositState:
    with rt.engine.begin() as conn:
        row = repository.by_id(conn, deposit_id)
    if row is None:
        raise NotFound(MISSING)
    return DepositState(
        row.id, status_of(row, rt.clock()), row.language, max(0, row.max_uploads - row.uploads),
        as_utc(row.expires_at), max_bytes(rt),
    )


def max_bytes(rt: Runtime) -> int:
    return min(MAX_FILE_BYTES, rt.settings.max_upload_bytes)


def receive(rt: Runtime, deposit_id: str, token: str, parcel: Parcel, chunks: Iterable[bytes], client: str) -> Receipt:
    """Store one file in the owner's inbox.

    Raises `NotFound` (unknown link or wrong token: the same answer), a `LinkEnded`,
    `UnsupportedMedia`, `TooLarge`, `InvalidInput` (empty file) or `RateLimited`.
    """
    now = rt.clock()
    failures, sent = throttle.bucket("deposit-client", client), throttle.bucket("deposit-sent", client)
    with rt.engine.begin() as conn:
        throttle.check(conn, {failures: CLIENT_FAILURES, sent: CLIENT_UPLOADS}, now)
        outcome = _reserve(conn, deposit_id, token, parcel, now)
        throttle.fail(conn, [failures if isinstance(outcome, NotFound) else sent], now)
    if isinstance(outcome, VaultError):
        raise outcome
    row, mime = outcome
    try:
        _store(rt, row, Parcel(parcel.filename, mime), chunks, now)
    except BaseException:
        with rt.engine.begin() as conn:
            repository.give_back(conn, deposit_id)
        raise
    return Receipt(max(0, row.max_uploads - row.uploads - 1))


def _reserve(conn: Connection, deposit_id: str, token: str, parcel: Parcel, now: datetime) -> tuple[Any, str] | VaultError:
    row = repository.by_id(conn, deposit_id)
    decoded = credentials.decode_32(token)
    if row is None or decoded is None or not credentials.same_digest(row.token_hash, decoded):
        return NotFound(MISSING)
    status = status_of(row, now)
    if status != "active":
        return ENDED[status]()
    try:
        mime = media.accepted_type(parcel.mime)
    except VaultError as refused:
        return refused
    if not repository.reserve(conn, deposit_id, now):
        return ENDED.get(status_of(repository.by_id(conn, deposit_id), now), LinkUsedUp)()
    return row, mime


def _store(rt: Runtime, row: Any, parcel: Parcel, chunks: Iterable[bytes], now: datetime) -> str:
    filename = names.clean_filename(parcel.filename)
    mime = parcel.mime or "application/octet-stream"
    document_id, blob_key, dek = secrets.token_hex(16), "documents/" + secrets.token_hex(16), new_document_key()
    intake = Intake(max_bytes(rt), 0)
    rt.blobs.put(blob_key, encrypt_stream(dek, document_id, intake.feed(media.matching(mime, chunks))))
    meta = {
        "title": names.title_from(filename), "filename": filename, "mime": mime, "size": intake.size,
        "sha256": intake.sha256, "category": "other", "category_source": "none", "added_by": row.id,
    }
    try:
        with rt.engine.begin() as conn:
            document_rows.insert(
                conn, {row.owner_id: seal_document_key(dek, row.public_key, document_id, row.owner_id)},
                id=document_id, owner_id=row.owner_id, blob_key=blob_key, size=intake.size, inbox=True,
                sealed_metadata=seal_metadata(dek, document_id, meta), tag_state="untagged", created_at=now, updated_at=now,
            )
            journal.record(conn, row.owner_id, row.id, "deposit.received", now, document_id)
    except BaseException:
        rt.blobs.delete(blob_key)
        raise
    return document_id
