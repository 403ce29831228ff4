"""The journal page: who listed, viewed, downloaded or added what, and when; export as CSV or JSON."""

from __future__ import annotations

import anyio.to_thread
from fastapi import Depends, Request, Response

from vault.documents import service as documents
from vault.sessions import Unlocked
from web.api.journal import read_lines
from web.auth import runtime
from web.pages.area import page_router
from web.pages.guard import signed_in
from web.pages.render import kit_of, render

router = page_router()
SHOWN = 200


@router.get("/journal")
async def journal_page(request: Request, who: Unlocked = Depends(signed_in)) -> Response:
    """The newest entries first; document titles are decrypted for the person, never stored in the journal."""
    rt = runtime(request)
    found = await anyio.to_thread.run_sync(read_lines, rt, who.account_id)
    titles = {d.id: d.title for d in await anyio.to_thread.run_sync(documents.list_documents, rt, who)} if who.kind == "person" else {}
    known = kit_of(request).locales.default_strings()
    labels = {line.action: f"action.{line.action}" if f"action.{line.action}" in known else "action.other" for line in found}
    return render(request, "journal.html", lines=list(reversed(found))[:SHOWN], total=len(found), titles=titles, labels=labels)
