"""Tagging documents off the request path.

The upload hands the plaintext (kept in memory, never on disk) and the document
key to the pool; when the tagger is done, the result is merged into the
encrypted metadata. A category the person chose always wins over the tagger.
If the process dies first, the document stays `tagging` and is tagged again
the next time its owner's keys are unlocked (`retag_pending`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, select

from keys import open_metadata, seal_metadata
from vault.clock import utcnow
from vault.db.schema import documents
from vault.documents import repository
from vault.errors import Unavailable
from vault.mandates import sealing
from vault.tagging import TaggingFailed, TaggingOptions, TaggingPool, TagResult, is_taggable
from vault.tagging.previews import PagePreview

log = logging.getLogger("vault.tagging")


class Tagger:
    def __init__(self, engine: Engine, options: TaggingOptions, workers: int) -> None:
        self._engine = engine
        self._pool = TaggingPool(options, workers=workers)
        self._drawing = threading.BoundedSemaphore(workers)
        self._in_flight: set[str] = set()
        self._lock = threading.Lock()

    def accepts(self, mime: str) -> bool:
        return is_taggable(mime)

    def submit(self, document_id: str, dek: bytes, data: bytes, mime: str) -> Future[TagResult] | None:
        """Queue a document; None if it is already queued."""
        with self._lock:
            if document_id in self._in_flight:
                return None
            self._in_flight.add(document_id)
        try:
            future = self._pool.submit(data, mime)
        except BaseException:
            self._forget(document_id)
            raise
        future.add_done_callback(lambda done: self._store(document_id, dek, done))
        return future

    def preview(self, data: bytes, number: int) -> Future[PagePreview]:
        """Render page `number` of a PDF in a worker process (see vault.tagging.previews)."""
        return self._pool.preview(data, number)

    @contextmanager
    def drawing(self) -> Iterator[None]:
        """One of the few preview places (as many as workers), taken before a PDF is decrypted:
        previews never pile plaintext up in memory nor crowd tagging out of the queue."""
        if not self._drawing.acquire(blocking=False):
            raise Unavailable("other pages are being drawn; try again in a moment")
        try:
            yield
        finally:
            self._drawing.release()

    def in_flight(self, document_id: str) -> bool:
        with self._lock:
            return document_id in self._in_flight

    def _forget(self, document_id: str) -> None:
        with self._lock:
            self._in_flight.discard(document_id)

    def close(self) -> None:
        self._pool.close()

    def _store(self, document_id: str, dek: bytes, done: Future[TagResult]) -> None:
        try:
            self._merge(document_id, dek, done)
        finally:
            self._forget(document_id)

    def _merge(self, document_id: str, dek: bytes, done: Future[TagResult]) -> None:
        try:
            result, error = done.result(), None
        except TaggingFailed as failure:
            result, error = None, failure.reason
        except Exception as failure:  # the document must never be lost to a tagger bug
            log.warning("tagging crashed: %s", type(failure).__name__)
            result, error = None, "the document could not be read"
        with self._engine.begin() as conn:
            row = conn.execute(select(documents).where(documents.c.id == document_id).with_for_update()).first()
            if row is None:
                return
            meta = merge(open_metadata(dek, document_id, row.sealed_metadata), result, error)
            now = utcnow()
            repository.set_metadata(
                conn, document_id, sealed_metadata=seal_metadata(dek, document_id, meta),
                tag_state="failed" if error else "tagged", updated_at=now,
            )
            sealing.follow(conn, row.owner_id, document_id, dek, meta.get("category", "other"), now, inbox=row.inbox)


def merge(meta: dict[str, Any], result: TagResult | None, error: str | None) -> dict[str, Any]:
    if result is None:
        meta["tag_error"] = error
        return meta
    if meta.get("category_source") != "user":
        meta["category"], meta["category_source"] = result.type, "tagger"
    if meta.get("fields_source") != "user":
        meta["fields"] = result.fields
    meta["tags"] = sorted(set(meta.get("tags", [])) | set(result.tags))
    meta.update(ocr_text=result.text, cues=result.cues, languages=result.languages, tag_error=None)
    return meta
