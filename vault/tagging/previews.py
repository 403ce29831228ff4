"""A page of a PDF as a PNG image, for phones: mobile browsers show no PDF inside a page,
and a sandboxed frame shows none in Chromium either. Runs where the tagger runs (a worker
process), since PDFium parses hostile bytes here too."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pypdfium2 as pdfium

from vault.tagging.model import TaggingFailed, TaggingOptions
from vault.tagging.pdfs import PDFIUM_LOCK, open_pdf

PREVIEW_WIDTH = 1000


@dataclass(frozen=True)
class PagePreview:
    png: bytes
    number: int
    pages: int


def render_page(data: bytes, number: int, options: TaggingOptions) -> PagePreview:
    """Page `number` (from 1) at most PREVIEW_WIDTH pixels wide, never above `max_image_pixels`.

    Raises TaggingFailed: encrypted_pdf, unreadable_pdf, no_such_page.
    """
    with PDFIUM_LOCK, open_pdf(data, options, every_page=False) as document:
        pages = len(document)
        if not 1 <= number <= pages:
            raise TaggingFailed("no_such_page", f"page {number} of {pages}")
        try:
            page = document[number - 1]
            try:
                return PagePreview(_png(page, options), number, pages)
            finally:
                page.close()
        except pdfium.PdfiumError as exc:
            raise TaggingFailed("unreadable_pdf", str(exc)) from exc


def _png(page: pdfium.PdfPage, options: TaggingOptions) -> bytes:
    width, height = page.get_size()
    if width <= 0 or height <= 0:
        raise TaggingFailed("unreadable_pdf", "empty page")
    scale = min(PREVIEW_WIDTH / width, (options.max_image_pixels / (width * height)) ** 0.5)
    bitmap = page.render(scale=scale)
    try:
        out = io.BytesIO()
        bitmap.to_pil().convert("RGB").save(out, format="PNG", optimize=False)
        return out.getvalue()
    finally:
        bitmap.close()
