"""Receiving documents: make a deposit link (shown once, with its QR code), list and stop them."""

from __future__ import annotations

from typing import Any

import anyio.to_thread
from fastapi import Depends, Request, Response

from vault.deposits import DepositRequest
from vault.deposits import service as deposits
from vault.deposits.model import DEFAULT_UPLOADS
from vault.errors import VaultError
from vault.sessions import Unlocked
from web.auth import runtime
from web.errors import status_of
from web.pages.area import page_router
from web.pages.guard import signed_in
from web.pages.link_forms import DEFAULT_DURATION, DURATIONS, full_url, posted_fields, qr_data_uri, text, whole_number
from web.pages.problems import message
from web.pages.render import kit_of, language_of, render, see_other

router = page_router()
NOTICES = ("link_revoked",)
UPLOAD_COUNTS = (1, 2, 3, 5, 10, 20, 50)


@router.get("/deposits")
async def my_deposit_links(request: Request, notice: str | None = None, who: Unlocked = Depends(signed_in)) -> Response:
    values = {"label": "", "expires_in_hours": DEFAULT_DURATION, "max_uploads": str(DEFAULT_UPLOADS), "language": language_of(request, who)}
    return await _page(request, who, values, None, notice=notice if notice in NOTICES else None)


@router.post("/deposits/new")
async def create(request: Request, who: Unlocked = Depends(signed_in)) -> Response:
    """Make the link and show it this once."""
    form = await posted_fields(request, who)
    values = {name: text(form, name) for name in ("label", "expires_in_hours", "max_uploads", "language")}
    try:
        wish = DepositRequest(
            expires_in_hours=whole_number(values["expires_in_hours"], DEFAULT_DURATION) or DEFAULT_DURATION,
            max_uploads=whole_number(values["max_uploads"], DEFAULT_UPLOADS) or DEFAULT_UPLOADS,
            label=values["label"], language=values["language"] or None,
        )
        made = await anyio.to_thread.run_sync(deposits.create, runtime(request), who, wish)
    except VaultError as error:
        key, details = message(request, error)
        return await _page(request, who, values, {"field": "", "key": key, "values": details}, status=status_of(error))
    url = full_url(request, made.path)
    lang = language_of(request, who)
    summary = [kit_of(request).locales.text(lang, "deposits.uploads", uploads=0, max=made.link.max_uploads)]
    return render(
        request, "link_created.html", title="deposit.created_title", lead="deposit.created_lead", current="deposits",
        back="/deposits", url=url, qr=qr_data_uri(url), summary=summary, here="/deposits",
    )


@router.post("/deposits/{deposit_id}/revoke")
async def revoke(deposit_id: str, request: Request, who: Unlocked = Depends(signed_in)) -> Response:
    await posted_fields(request, who)
    await anyio.to_thread.run_sync(deposits.revoke, runtime(request), who, deposit_id)
    return see_other("/deposits?notice=link_revoked")


async def _page(request: Request, who: Unlocked, values: dict[str, Any], problem: dict[str, Any] | None, status: int = 200, notice: str | None = None) -> Response:
    found = await anyio.to_thread.run_sync(deposits.list_links, runtime(request), who)
    return render(
        request, "deposits.html", status=status, deposits=found, values=values, problem=problem, notice=notice,
        durations=DURATIONS, upload_counts=UPLOAD_COUNTS, here="/deposits",
    )
