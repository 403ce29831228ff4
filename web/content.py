"""Serving document bytes safely: ranges, Content-Disposition (RFC 6266), sandboxing."""

from __future__ import annotations

import asyncio
import re
import threading
from collections.abc import AsyncIterator, Iterator
from urllib.parse import quote

from vault.documents.names import PREVIEWABLE
from vault.documents.service import RangeNotSatisfiable
from web.security import PREVIEW_CSP

RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def parse_range(header: str | None, size: int) -> tuple[int, int] | None:
    """A single `bytes=` range as [start, end) or None for the whole body."""
    if not header:
        return None
    match = RANGE.match(header.strip())
    if not match or match.groups() == ("", ""):
        raise RangeNotSatisfiable("only one byte range of the form bytes=start-end is supported")
    first, last = match.groups()
    if first == "":
        start, end = max(size - int(last), 0), size
    else:
        start = int(first)
        end = size if last == "" else min(int(last) + 1, size)
    if start >= end:
        raise RangeNotSatisfiable(f"the document has {size} bytes")
    return start, end


def ascii_fallback(filename: str) -> str:
    kept = "".join(c if c.isascii() and (c.isalnum() or c in " ._-()") else "_" for c in filename)
    return kept.strip() or "document"


def disposition(filename: str, inline: bool) -> str:
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_fallback(filename)}\"; filename*=UTF-8''{quote(filename, safe='')}"


def content_headers(filename: str, mime: str, want_inline: bool) -> tuple[str, dict[str, str]]:
    """Media type and headers; only images and PDFs are ever inline, always sandboxed."""
    inline = want_inline and mime in PREVIEWABLE
    served_type = mime if inline else "application/octet-stream"
    return served_type, {
        "content-disposition": disposition(filename, inline),
        "content-security-policy": PREVIEW_CSP,
        "x-content-type-options": "nosniff",
        "accept-ranges": "bytes",
        "cache-control": "private, no-store",
    }


class Prefetched:
    """Runs a blocking byte iterator in its own thread, up to `depth` pieces ahead of the
    async reader, so reading storage and decrypting overlap with sending, with no thread
    hop per piece on the sending side. Errors reach the reader; a reader that stops early
    (client gone) stops the thread; the thread starts with the reading, so a response never
    sent starts none. Build it inside the event loop that reads it."""

    _END = object()

    def __init__(self, chunks: Iterator[bytes | bytearray], depth: int = 8) -> None:
        self._loop = asyncio.get_running_loop()
        self._ready: asyncio.Queue[object] = asyncio.Queue()
        self._room = threading.Semaphore(depth)
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._produce, args=(chunks,), daemon=True)

    def _produce(self, chunks: Iterator[bytes | bytearray]) -> None:
        try:
            for chunk in chunks:
                if not self._offer(chunk):
                    return
            self._offer(self._END)
        except BaseException as error:  # handed to the reader, which re-raises it
            self._offer(error)

    def _offer(self, item: object) -> bool:
        while not self._room.acquire(timeout=0.5):
            if self._stopped.is_set():
                return False
        if self._stopped.is_set():
            return False
        try:
            self._loop.call_soon_threadsafe(self._ready.put_nowait, item)
        except RuntimeError:  # the loop is closed: nobody reads any more
            return False
        return True

    async def __aiter__(self) -> AsyncIterator[memoryview]:
        try:
            self._thread.start()
            while True:
                item = await self._ready.get()
                self._room.release()
                if item is self._END:
                    return
                if isinstance(item, BaseException):
                    raise item
                assert isinstance(item, bytes | bytearray)
                yield memoryview(item)
        finally:
            self._stopped.set()
