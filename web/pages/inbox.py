"""Received documents: what came through deposit links waits here to be kept or deleted."""

from __future__ import annotations

import anyio.to_thread
from fastapi import Depends, Request, Response

from vault.deposits import service as deposits
from vault.documents import inbox
from vault.journal import export
from vault.mandates import service as mandates
from vault.organisations import service as organisations
from vault.runtime import Runtime
from vault.sessions import Unlocked
from web.auth import runtime
from web.pages.area import page_router
from web.pages.link_forms import posted_fields
from web.pages.guard import signed_in
from web.pages.render import render, see_other

router = page_router()
NOTICES = ("accepted", "discarded")


@router.get("/inbox")
async def waiting(request: Request, notice: str | None = None, who: Unlocked = Depends(signed_in)) -> Response:
    rt = runtime(request)
    found = await anyio.to_thread.run_sync(inbox.list_inbox, rt, who)
    sources = await anyio.to_thread.run_sync(deposits.labels_of, rt, who)
    sources.update(await anyio.to_thread.run_sync(caseworker_names, rt, {d.added_by for d in found if d.added_by}))
    asks = [m for m in await anyio.to_thread.run_sync(mandates.list_mandates, rt, who) if m.asked is not None] if who.kind == "person" else []
    return render(request, "inbox.html", waiting=found, sources=sources, asks=asks, notice=notice if notice in NOTICES else None)


def caseworker_names(rt: Runtime, ids: set[str]) -> dict[str, str]:
    """"Name (organisation)" of the caseworkers among `ids` (who added a document on the person's behalf)."""
    with rt.engine.begin() as conn:
        return export.actor_names(conn, {i for i in ids if organisations.caseworker(conn, i) is not None})


@router.post("/inbox/{document_id}/accept")
async def accept(document_id: str, request: Request, who: Unlocked = Depends(signed_in)) -> Response:
    """Keep the document: it joins the person's documents and is read (tagged)."""
    await posted_fields(request, who)
    await anyio.to_thread.run_sync(inbox.accept, runtime(request), who, document_id)
    return see_other("/inbox?notice=accepted")


@router.post("/inbox/{document_id}/delete")
async def discard(document_id: str, request: Request, who: Unlocked = Depends(signed_in)) -> Response:
    await posted_fields(request, who)
    await anyio.to_thread.run_sync(inbox.discard, runtime(request), who, document_id)
    return see_other("/inbox?notice=discarded")
