"""The account's journal: `/api/v1/journal` — who listed, viewed, downloaded or added what, and when.

Entries hold ids and actions, never titles; each carries its chain hash. The export is
a download in CSV or JSON.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import anyio.to_thread
from fastapi import APIRouter, Response
from pydantic import BaseModel, Field

from vault.journal import export
from vault.runtime import Runtime
from web.api.schemas import Problem
from web.auth import Rt, Who

router = APIRouter(prefix="/api/v1/journal", tags=["journal"], responses={401: {"model": Problem}})
MEDIA = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


class EntryOut(BaseModel):
    seq: int
    at: datetime
    actor_id: str
    actor: str = Field(description='"self", or a caseworker as "name (organisation)"')
    action: str
    object_id: str | None = Field(description="The document, mandate or recovery concerned")
    entry_hash: str = Field(description="SHA-256 over the previous entry's hash and this entry (hex)")


def read_lines(rt: Runtime, account_id: str) -> list[export.Line]:
    with rt.engine.begin() as conn:
        return export.lines(conn, account_id)


@router.get("", response_model=list[EntryOut])
async def entries(who: Who, rt: Rt) -> list[EntryOut]:
    """The journal, newest first."""
    found = await anyio.to_thread.run_sync(read_lines, rt, who.account_id)
    return [EntryOut.model_validate(line, from_attributes=True) for line in reversed(found)]


@router.get("/export", responses={200: {"content": {"text/csv": {}, "application/json": {}}}})
async def download(who: Who, rt: Rt, format: Literal["csv", "json"] = "csv") -> Response:
    """The whole journal, oldest first, as a file to keep."""
    found = await anyio.to_thread.run_sync(read_lines, rt, who.account_id)
    text = export.to_csv(found) if format == "csv" else export.to_json(who.account_id, found)
    return Response(
        text, media_type=MEDIA[format],
        headers={"content-disposition": f'attachment; filename="journal.{format}"', "x-content-type-options": "nosniff"},
    )
