"""Trusted people, the person's side: choose them and how many must approve a recovery; see and
cancel a recovery under way (the banner on every page links here)."""

from __future__ import annotations

import anyio.to_thread
from fastapi import Depends, Request, Response

from vault.errors import NotForThisAccount, VaultError
from vault.mandates import service as mandates
from vault.sessions import Unlocked
from vault.trustees import claims, setup
from web.auth import runtime
from web.errors import status_of
from web.pages.area import page_router
from web.pages.guard import signed_in
from web.pages.link_forms import posted_fields, text, whole_number
from web.pages.problems import message
from web.pages.render import render, see_other

router = page_router()
NOTICES = ("chosen", "removed", "cancelled")


@router.get("/trusted")
async def trusted_page(request: Request, notice: str | None = None, who: Unlocked = Depends(signed_in)) -> Response:
    return await _page(request, who, notice=notice if notice in NOTICES else None)


@router.post("/trusted")
async def choose(request: Request, who: Unlocked = Depends(signed_in)) -> Response:
    form = await posted_fields(request, who)
    chosen = [v for v in form.getlist("trustee") if isinstance(v, str)]
    try:
        threshold = whole_number(text(form, "threshold"), 1) or 1
        await anyio.to_thread.run_sync(setup.choose, runtime(request), who, chosen, threshold)
    except VaultError as error:
        key, values = message(request, error, "trusted")
        return await _page(request, who, status_of(error), problem={"field": "", "key": key, "values": values})
    return see_other("/trusted?notice=chosen")


@router.post("/trusted/remove")
async def remove(request: Request, who: Unlocked = Depends(signed_in)) -> Response:
    await posted_fields(request, who)
    await anyio.to_thread.run_sync(setup.remove, runtime(request), who)
    return see_other("/trusted?notice=removed")


@router.post("/recovery-claims/{claim_id}/cancel")
async def cancel(claim_id: str, request: Request, who: Unlocked = Depends(signed_in)) -> Response:
    """Stop a recovery of the account (or, for a trusted person, of someone who trusts them)."""
    await posted_fields(request, who)
    await anyio.to_thread.run_sync(claims.cancel, runtime(request), who, claim_id)
    return see_other("/trusted?notice=cancelled" if who.kind == "person" else "/people")


async def _page(request: Request, who: Unlocked, status: int = 200, problem: object = None, notice: str | None = None) -> Response:
    if who.kind != "person":
        raise NotForThisAccount("this page is for the person whose account it is")
    rt = runtime(request)
    current = await anyio.to_thread.run_sync(setup.current, rt, who)
    every = await anyio.to_thread.run_sync(mandates.list_mandates, rt, who)
    recoveries = await anyio.to_thread.run_sync(claims.under_way, rt, who)
    candidates = [m.caseworker for m in every if m.status == "active"]
    chosen = {t.id for t in current.trustees} if current else set()
    return render(request, "trusted.html", status=status, current=current, candidates=candidates, chosen=chosen,
                  recoveries=recoveries, problem=problem, notice=notice)
