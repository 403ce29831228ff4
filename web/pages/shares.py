"""My share links: make one (documents, duration, opens, PIN, label, language), see it once
with its QR code, list them with their status and access log, change a duration, stop one."""

from __future__ import annotations

from typing import Any

import anyio.to_thread
from fastapi import Depends, Query, Request, Response

from vault.documents import service as documents
from vault.errors import VaultError
from vault.sessions import Unlocked
from vault.shares import NewShare, ShareRequest
from vault.shares import service as shares
from web.auth import runtime
from web.errors import status_of
from web.pages.area import page_router
from web.pages.guard import signed_in
from web.pages.link_forms import DEFAULT_DURATION, DURATIONS, full_url, posted_fields, qr_data_uri, text, whole_number
from web.pages.problems import message
from web.pages.render import kit_of, language_of, render, see_other

router = page_router()
NOTICES = ("link_revoked", "link_changed")
OPEN_COUNTS = (1, 2, 3, 5, 10)


@router.get("/shares")
async def my_links(request: Request, notice: str | None = None, who: Unlocked = Depends(signed_in)) -> Response:
    """Every link with its status, opens and access log; ended links have no key left."""
    shared = await anyio.to_thread.run_sync(shares.list_links, runtime(request), who)
    return render(request, "shares.html", shared=shared, durations=DURATIONS, notice=notice if notice in NOTICES else None)


@router.get("/shares/new")
async def new_link(request: Request, document: list[str] = Query(default=[]), who: Unlocked = Depends(signed_in)) -> Response:
    """The form, with the documents named in `?document=` already ticked."""
    values = {"documents": set(document), "expires_in_hours": DEFAULT_DURATION, "max_opens": "", "pin": "", "label": "", "language": language_of(request, who)}
    return await _form(request, who, values, None)


@router.post("/shares/new")
async def create(request: Request, who: Unlocked = Depends(signed_in)) -> Response:
    """Make the link and show it this once: the page is the only place its secret ever appears."""
    form = await posted_fields(request, who)
    values: dict[str, Any] = {
        "documents": set(v for v in form.getlist("document") if isinstance(v, str)), "max_opens": text(form, "max_opens"),
        "pin": text(form, "pin"), "label": text(form, "label"), "language": text(form, "language"),
        "expires_in_hours": text(form, "expires_in_hours"),
    }
    try:
        made = await anyio.to_thread.run_sync(shares.create, runtime(request), who, _request(form, values))
    except VaultError as error:
        key, details = message(request, error, "share")
        problem = {"field": "pin" if error.code == "invalid_input" and values["pin"] else "", "key": key, "values": details}
        return await _form(request, who, values, problem, status=status_of(error))
    return _made(request, made)


@router.post("/shares/{share_id}/revoke")
async def revoke(share_id: str, request: Request, who: Unlocked = Depends(signed_in)) -> Response:
    await posted_fields(request, who)
    await anyio.to_thread.run_sync(shares.revoke, runtime(request), who, share_id)
    return see_other("/shares?notice=link_revoked")


@router.post("/shares/{share_id}/expiry")
async def change_expiry(share_id: str, request: Request, who: Unlocked = Depends(signed_in)) -> Response:
    form = await posted_fields(request, who)
    hours = whole_number(text(form, "expires_in_hours"), DEFAULT_DURATION)
    try:
        await anyio.to_thread.run_sync(lambda: shares.change(runtime(request), who, share_id, expires_in_hours=hours))
    except VaultError as error:
        key, details = message(request, error, "link")
        return render(request, "problem.html", status=status_of(error), problem=key, problem_values=details, here="/shares")
    return see_other("/shares?notice=link_changed")


def _request(form: Any, values: dict[str, Any]) -> ShareRequest:
    return ShareRequest(
        document_ids=[v for v in form.getlist("document") if isinstance(v, str)],
        expires_in_hours=whole_number(values["expires_in_hours"], DEFAULT_DURATION) or DEFAULT_DURATION,
        max_opens=whole_number(values["max_opens"], None), pin=values["pin"] or None, label=values["label"],
        language=values["language"] or None,
    )


async def _form(request: Request, who: Unlocked, values: dict[str, Any], problem: dict[str, Any] | None, status: int = 200) -> Response:
    every = await anyio.to_thread.run_sync(documents.list_documents, runtime(request), who)
    return render(
        request, "share_new.html", status=status, documents=every, values=values, problem=problem, durations=DURATIONS,
        open_counts=OPEN_COUNTS, here="/shares/new",
    )


def _made(request: Request, made: NewShare) -> Response:
    url = full_url(request, made.path)
    kit, lang = kit_of(request), language_of(request, getattr(request.state, "who", None))
    summary = [kit.locales.text(lang, "share.summary_documents", n=len(made.link.documents))]
    if made.link.max_opens:
        summary.append(kit.locales.text(lang, "share.summary_opens", n=made.link.max_opens))
    if made.link.has_pin:
        summary.append(kit.locales.text(lang, "share.summary_pin"))
    return render(
        request, "link_created.html", title="share.created_title", lead=None, current="shares", back="/shares",
        url=url, qr=qr_data_uri(url), summary=summary, here="/shares",
    )
