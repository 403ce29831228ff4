"""A PDF shown on a page as one drawn page at a time (`?page=n`), with links to the others:
what a phone can display, with no PDF viewer and no script."""

from __future__ import annotations

import base64
from dataclasses import dataclass

import anyio.to_thread
from fastapi import Request

from vault.documents import previews
from vault.documents.model import Document
from vault.errors import NotFound, VaultError
from vault.sessions import Unlocked
from web.auth import runtime
from web.pages.problems import message


@dataclass(frozen=True)
class PdfPage:
    number: int
    pages: int
    image: str | None = None
    problem: str | None = None


async def pdf_page(request: Request, who: Unlocked, document: Document, number: int) -> PdfPage | None:
    """Page `number` of `document` as a `data:` image, or why it cannot be shown; None if not a PDF."""
    if document.mime != previews.PDF:
        return None
    try:
        drawn = await anyio.to_thread.run_sync(previews.render, runtime(request), who, document, number)
    except NotFound:
        return await pdf_page(request, who, document, 1) if number != 1 else PdfPage(1, 0, problem="error.unpreviewable")
    except VaultError as error:
        return PdfPage(number, 0, problem=message(request, error, "preview")[0])
    return PdfPage(drawn.number, drawn.pages, "data:image/png;base64," + base64.b64encode(drawn.png).decode("ascii"))
