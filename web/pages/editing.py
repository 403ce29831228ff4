"""Changing one document: rename it, set its category by hand, correct what the tagger read,
delete it after a confirmation page."""

from __future__ import annotations

import anyio.to_thread
from fastapi import Depends, Request, Response

from vault.documents import service as documents
from vault.errors import InvalidInput
from vault.sessions import Unlocked
from web.auth import runtime
from web.pages import corrections
from web.pages.area import page_router
from web.pages.documents import show
from web.pages.guard import posted_form, signed_in
from web.pages.render import render, see_other

router = page_router()


@router.post("/documents/{document_id}/rename")
async def rename(document_id: str, request: Request, who: Unlocked = Depends(signed_in)) -> Response:
    fields = await posted_form(request, who)
    title = fields.get("title", "")
    try:
        await anyio.to_thread.run_sync(documents.update, runtime(request), who, document_id, documents.Change(title=title))
    except InvalidInput:
        problem = {"field": "title", "key": "error.title_empty", "values": {}}
        return await show(request, who, document_id, status=422, problem=problem, values={"title": title})
    return see_other(f"/documents/{document_id}?notice=renamed")


@router.post("/documents/{document_id}/category")
async def set_category(document_id: str, request: Request, who: Unlocked = Depends(signed_in)) -> Response:
    fields = await posted_form(request, who)
    await anyio.to_thread.run_sync(documents.update, runtime(request), who, document_id, documents.Change(category=fields.get("category", "")))
    return see_other(f"/documents/{document_id}?notice=category_set")


@router.post("/documents/{document_id}/details")
async def correct(document_id: str, request: Request, who: Unlocked = Depends(signed_in)) -> Response:
    """Store the person's fields and tags in place of the tagger's (the tagger never overwrites them after)."""
    fields = await posted_form(request, who)
    try:
        change = corrections.change_from(fields)
        await anyio.to_thread.run_sync(documents.update, runtime(request), who, document_id, change)
    except (corrections.Unclear, InvalidInput) as error:
        problem = error.problem if isinstance(error, corrections.Unclear) else {"field": "", "key": "error.invalid_input", "values": {}}
        return await show(request, who, document_id, status=422, problem=problem,
                          typed=corrections.typed_fields(fields), tags_text=fields.get("tags", ""))
    return see_other(f"/documents/{document_id}?notice=corrected")


@router.get("/documents/{document_id}/delete")
async def confirm_delete(document_id: str, request: Request, who: Unlocked = Depends(signed_in)) -> Response:
    """Ask first: deleting cannot be undone (no key remains)."""
    document = await anyio.to_thread.run_sync(documents.get, runtime(request), who, document_id, True)
    return render(request, "delete.html", document=document)


@router.post("/documents/{document_id}/delete")
async def delete(document_id: str, request: Request, who: Unlocked = Depends(signed_in)) -> Response:
    await posted_form(request, who)
    await anyio.to_thread.run_sync(documents.delete, runtime(request), who, document_id)
    return see_other("/documents?notice=deleted")
