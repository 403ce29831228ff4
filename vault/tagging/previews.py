"""A page of a PDF as a PNG image, for phones: mobile browsers show no PDF inside a page,
and a sandboxed frame shows none in Chromium either. Runs where the tagger runs (a worker
process), since PDFium parses hostile bytes here too."""

from __future__ import annotations

import io
import resource
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pypdfium2 as pdfium

from vault.tagging.model import TaggingFailed, TaggingOptions
from vault.tagging.pdfs import PDFIUM_LOCK, open_pdf

PREVIEW_WIDTH = 1000
PREVIEW_MAX_HEIGHT = 4000


@dataclass(frozen=True)
class PagePreview:
    png: bytes
    number: int
    pages: int


def render_page(data: bytes, number: int, options: TaggingOptions) -> PagePreview:
    """Page `number` (from 1) at most PREVIEW_WIDTH pixels wide and PREVIEW_MAX_HEIGHT high.

    Raises TaggingFailed: encrypted_pdf, unreadable_pdf, no_such_page. Meant for a worker
    process: it ends the process if drawing takes more than `timeout_seconds` of CPU.
    """
    with cpu_limit(options.timeout_seconds), PDFIUM_LOCK, open_pdf(data, options, every_page=False) as document:
        pages = len(document)
        if not 1 <= number <= pages:
            raise TaggingFailed("no_such_page", f"page {number} of {pages}")
        try:
            page = document[number - 1]
            try:
                return PagePreview(_png(page), number, pages)
            finally:
                page.close()
        except pdfium.PdfiumError as exc:
            raise TaggingFailed("unreadable_pdf", str(exc)) from exc


def _png(page: pdfium.PdfPage) -> bytes:
    width, height = page.get_size()
    if width <= 0 or height <= 0:
        raise TaggingFailed("unreadable_pdf", "empty page")
    scale = min(PREVIEW_WIDTH / width, PREVIEW_MAX_HEIGHT / height)
    if width * scale < 1 or height * scale < 1:
        raise TaggingFailed("unreadable_pdf", f"a page of {width:.0f} x {height:.0f} points cannot be drawn")
    bitmap = page.render(scale=scale)
    try:
        out = io.BytesIO()
        bitmap.to_pil().convert("RGB").save(out, format="PNG", optimize=False)
        return out.getvalue()
    finally:
        bitmap.close()


@contextmanager
def cpu_limit(seconds: int) -> Iterator[None]:
    """End this process (SIGXCPU's default action; workers write no core file, see
    vault.tagging.pool) if the work inside uses more than `seconds` of CPU: a PDF built to
    make PDFium spin cannot hold a worker for ever. The pool sees the worker die and
    starts a fresh one."""
    used = resource.getrusage(resource.RUSAGE_SELF)
    soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    limit = int(used.ru_utime + used.ru_stime) + seconds + 1
    signal.signal(signal.SIGXCPU, signal.SIG_DFL)
    resource.setrlimit(resource.RLIMIT_CPU, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
