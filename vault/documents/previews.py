"""Page previews of PDFs: decrypted in memory, rendered to PNG by the tagger's worker processes.

Only documents up to `VAULT_OCR_MAX_BYTES` are rendered (the whole PDF is held in memory
while a page is drawn); larger ones are downloaded. A page is journaled as a view of the
document, not as a download.
"""

from __future__ import annotations

from concurrent.futures import TimeoutError as WorkerTimeout

from vault.documents import service
from vault.documents.model import Document
from vault.errors import InvalidInput, NotFound, TooLarge, Unavailable, UnsupportedMedia
from vault.runtime import Runtime
from vault.sessions import Unlocked
from vault.tagging import TaggingFailed
from vault.tagging.previews import PagePreview

PDF = "application/pdf"


class Unpreviewable(InvalidInput):
    """This PDF cannot be drawn (damaged, protected by a password, or not a PDF at all)."""

    code = "unpreviewable"


def page(rt: Runtime, who: Unlocked, document_id: str, number: int) -> PagePreview:
    """Page `number` (from 1) of a PDF the principal may read, as a PNG with the page count;
    journaled as a view.

    NotFound (no such document or page), UnsupportedMedia (not a PDF), TooLarge (download it
    instead), Unpreviewable (a PDF PDFium cannot draw), Unavailable (no worker processes).
    """
    return render(rt, who, service.get(rt, who, document_id), number)


def render(rt: Runtime, who: Unlocked, document: Document, number: int) -> PagePreview:
    """`page` for a document the caller already fetched (and journaled)."""
    if document.mime != PDF:
        raise UnsupportedMedia("only PDFs have page previews")
    if document.size > rt.settings.ocr_max_bytes:
        raise TooLarge("this PDF is too large for a preview: download it")
    if rt.tagger is None:
        raise Unavailable("page previews are not available on this server")
    with rt.tagger.drawing():
        content = service.read(rt, who, document.id, quietly=True)
        rendering = rt.tagger.preview(b"".join(content.chunks), number)
        try:
            return rendering.result(timeout=rt.settings.ocr_timeout_seconds)
        except WorkerTimeout as error:
            rendering.cancel()
            raise Unavailable("drawing this page took too long") from error
        except TaggingFailed as error:
            if error.reason == "no_such_page":
                raise NotFound("this PDF has no such page") from error
            raise Unpreviewable() from error
