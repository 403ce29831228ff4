"""Received documents: what came through deposit links waits here to be kept or deleted."""

from __future__ import annotations

import anyio.to_thread
from fastapi import Depends, Request, Response

from vault.deposits import service as deposits
from vault.documents import inbox
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
    return render(request, "inbox.html", waiting=found, sources=sources, notice=notice if notice in NOTICES else None)


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
