"""PDF pages to text: the text layer when there is one, OCR of the rendered page otherwise.

PDFium is not thread-safe, so every call into it holds one process-wide lock
(PDFium's own state is process-wide too). Pages are counted before anything
is rendered, and a page is rendered at most at OCR resolution and never above
`max_image_pixels`, whatever its declared size.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pypdfium2 as pdfium
from PIL import Image

from vault.tagging.model import TaggingFailed, TaggingOptions

PDFIUM_LOCK = threading.Lock()
RENDER_DPI = 200
MAX_RENDER_SIDE = 2600
MIN_LAYER_CHARS = 40


@contextmanager
def open_pdf(data: bytes, options: TaggingOptions, every_page: bool = True) -> Iterator[pdfium.PdfDocument]:
    """The opened document; when `every_page` will be read, its page count is checked
    against `max_pdf_pages` (a preview renders one page, whatever the count).

    Raises TaggingFailed: encrypted_pdf, unreadable_pdf, too_many_pages.
    """
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        reason = "encrypted_pdf" if "password" in str(exc).lower() else "unreadable_pdf"
        raise TaggingFailed(reason, str(exc)) from exc
    try:
        pages = len(document)
        if pages == 0:
            raise TaggingFailed("unreadable_pdf", "no pages")
        if every_page and pages > options.max_pdf_pages:
            raise TaggingFailed("too_many_pages", f"{pages} pages > {options.max_pdf_pages}")
        yield document
    finally:
        document.close()


def text_layer(page: pdfium.PdfPage) -> str:
    """The page's embedded text, '' when it has none worth reading."""
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_bounded().replace("\r\n", "\n").replace("\r", "\n")
    finally:
        textpage.close()
    return text if sum(c.isalnum() for c in text) >= MIN_LAYER_CHARS else ""


def render(page: pdfium.PdfPage, options: TaggingOptions) -> Image.Image:
    """The page as a grayscale image, bounded in size."""
    width, height = page.get_size()
    if width <= 0 or height <= 0:
        raise TaggingFailed("unreadable_pdf", "empty page")
    scale = min(RENDER_DPI / 72, MAX_RENDER_SIDE / max(width, height))
    scale = min(scale, (options.max_image_pixels / (width * height)) ** 0.5)
    bitmap = page.render(scale=scale, grayscale=True)
    try:
        image: Image.Image = bitmap.to_pil().convert("L")
        return image
    finally:
        bitmap.close()


def pages(data: bytes, options: TaggingOptions) -> list[str | Image.Image]:
    """Each page as its text layer, or as an image that still needs OCR."""
    with PDFIUM_LOCK, open_pdf(data, options) as document:
        result: list[str | Image.Image] = []
        try:
            for index in range(len(document)):
                page = document[index]
                try:
                    result.append(text_layer(page) or render(page, options))
                finally:
                    page.close()
        except pdfium.PdfiumError as exc:
            raise TaggingFailed("unreadable_pdf", str(exc)) from exc
        return result
