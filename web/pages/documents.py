"""My documents: the list with its search and reminders, adding one (camera or file), and one
document's page with its preview and what the tagger found."""

from __future__ import annotations

from typing import Any

import anyio.to_thread
from fastapi import Depends, Request, Response

from vault import reminders
from vault.documents import service as documents
from vault.documents.model import Document
from vault.documents.names import CATEGORIES, PREVIEWABLE
from vault.documents.search import search
from vault.mandates import people
from vault.errors import UnsupportedMedia, VaultError
from vault.sessions import Unlocked
from web.api.documents import add_from_form
from web.auth import check_same_origin, expect_csrf_in_form, runtime
from web.errors import status_of
from web.pages import findings
from web.pages.area import page_router
from web.pages.filters import filtering, read_query, year_choices
from web.pages.guard import signed_in
from web.pages.pdf_pages import pdf_page
from web.pages.problems import message
from web.pages.render import render, see_other

router = page_router()
LIST_NOTICES = ("added", "deleted", "passphrase_changed", "recovered")
PAGE_NOTICES = ("renamed", "category_set", "corrected")


def preview_kind(document: Document) -> str | None:
    """How the page shows the document: an `image`, a `pdf` drawn page by page, or nothing."""
    if document.mime not in PREVIEWABLE:
        return None
    return "pdf" if document.mime == "application/pdf" else "image"


@router.get("/documents")
async def my_documents(
    request: Request, notice: str | None = None, q: str | None = None, category: str | None = None, year: str | None = None,
    who: Unlocked = Depends(signed_in),
) -> Response:
    """The person's home: permits to renew on top, then their documents, searched and filtered by the GET form."""
    rt = runtime(request)
    every = await anyio.to_thread.run_sync(documents.list_documents, rt, who)
    query = read_query(q, category, year)
    return render(
        request, "documents.html", documents=search(every, query), held=len(every), query=query, filtering=filtering(query),
        categories=CATEGORIES, years=year_choices(every, query), reminders=reminders.due(every, rt.clock().date()),
        notice=notice if notice in LIST_NOTICES else None,
    )


@router.get("/documents/new")
async def add_form(request: Request, who: Unlocked = Depends(signed_in)) -> Response:
    return render(request, "upload.html", categories=CATEGORIES, problem=None)


@router.post("/documents/new")
async def add(request: Request, person: str | None = None, who: Unlocked = Depends(signed_in)) -> Response:
    """The form without JavaScript: streamed with python-multipart, encrypted as it arrives.
    With `person`, a caseworker's addition to that person's inbox."""
    rt = runtime(request)
    try:
        check_same_origin(request)
        if not request.headers.get("content-type", "").startswith("multipart/form-data"):
            raise UnsupportedMedia("send the file as multipart/form-data")
        expect_csrf_in_form(request, who)
        await anyio.to_thread.run_sync(add_from_form, rt, who, request, documents.Upload(None, None), person)
    except VaultError as error:
        key, values = message(request, error, "upload")
        problem = {"field": "file", "key": key, "values": values}
        if person is not None:
            followed = await anyio.to_thread.run_sync(people.one, rt, who, person)
            return render(request, "person_add.html", status=status_of(error), followed=followed, categories=CATEGORIES, problem=problem)
        return render(request, "upload.html", status=status_of(error), categories=CATEGORIES, problem=problem)
    return see_other(f"/people/{person}?notice=added" if person else "/documents?notice=added")


@router.get("/documents/{document_id}")
async def document_page(
    document_id: str, request: Request, notice: str | None = None, page: int = 1, who: Unlocked = Depends(signed_in)
) -> Response:
    return await show(request, who, document_id, notice=notice if notice in PAGE_NOTICES else None, page=page)


async def show(request: Request, who: Unlocked, document_id: str, status: int = 200, **context: Any) -> Response:
    """The document's page; forms on it re-render through here with their problem and typed values."""
    rt = runtime(request)
    document = await anyio.to_thread.run_sync(documents.get, rt, who, document_id, True)
    context.setdefault("notice", None)
    context.setdefault("problem", None)
    context.setdefault("values", {"title": document.title})
    context.setdefault("tags_text", ", ".join(document.tags))
    typed = context.pop("typed", None)
    pdf = await pdf_page(request, who, document, max(context.pop("page", 1), 1))
    return render(
        request, "document.html", status=status, document=document, preview=preview_kind(document), pdf=pdf, categories=CATEGORIES,
        facts=findings.facts(document.fields), tags=[findings.tag_parts(tag) for tag in document.tags],
        entries=findings.entries(document.category, typed if typed is not None else document.fields),
        tag_problem=findings.tag_problem(document.tag_error), expires_on=reminders.expiry_of(document),
        reminders=reminders.due([document], rt.clock().date()), here=f"/documents/{document.id}", **context,
    )
