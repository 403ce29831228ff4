"""Share links, owner side: `/api/v1/shares`.

`POST` answers the link with its secret in the fragment (`url`), this once: the secret
is not stored and cannot be shown again. Another person's link answers like a missing one.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import anyio.to_thread
from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from vault.shares import ShareLink, ShareRequest
from vault.shares import service as shares
from vault.shares.model import DEFAULT_HOURS, MAX_DOCUMENTS, MAX_HOURS, MAX_OPENS
from web.api.schemas import Language, Problem, Strict
from web.auth import Rt, Who

router = APIRouter(prefix="/api/v1/shares", tags=["shares"], responses={401: {"model": Problem}, 404: {"model": Problem}, 422: {"model": Problem}})


class ShareIn(Strict):
    document_ids: list[str] = Field(min_length=1, max_length=MAX_DOCUMENTS)
    expires_in_hours: int = Field(default=DEFAULT_HOURS, ge=1, le=MAX_HOURS, description="1 hour to 90 days; 7 days by default")
    max_opens: int | None = Field(default=None, ge=1, le=MAX_OPENS, description="How many times the link opens; no limit if absent")
    pin: str | None = Field(default=None, pattern=r"^[0-9]{4,8}$", description="4 to 8 digits, checked by the server; 5 wrong tries lock the link")
    label: str | None = Field(default=None, max_length=80, description="For the owner only (stored sealed), e.g. the employer's name")
    language: Language | None = Field(default=None, description="Language of the recipient's page; the owner's by default")


class SharePatch(Strict):
    expires_in_hours: int | None = Field(default=None, ge=1, le=MAX_HOURS, description="New expiry, counted from now")
    label: str | None = Field(default=None, max_length=80)


class SharedDocumentOut(BaseModel):
    id: str
    title: str


class ShareOut(BaseModel):
    id: str
    label: str
    language: str
    status: Literal["active", "expired", "revoked", "used_up", "locked"]
    created_at: datetime
    expires_at: datetime
    max_opens: int | None
    opens: int
    last_opened_at: datetime | None
    has_pin: bool
    documents: list[SharedDocumentOut]
    opened_at: list[datetime] = Field(description="The access log: when the link was opened, newest first")


class ShareCreated(ShareOut):
    url: str = Field(description="The full link, /s/<id>#<secret>; shown only in this answer")


def out(link: ShareLink) -> ShareOut:
    return ShareOut.model_validate(link, from_attributes=True)


def base_url(request: Request, public_url: str) -> str:
    return (public_url or str(request.base_url)).rstrip("/")


@router.post("", status_code=201, response_model=ShareCreated)
async def create(body: ShareIn, request: Request, who: Who, rt: Rt) -> ShareCreated:
    """Make a link to some of the person's documents (not to the inbox)."""
    wish = ShareRequest(body.document_ids, body.expires_in_hours, body.max_opens, body.pin, body.label, body.language)
    made = await anyio.to_thread.run_sync(shares.create, rt, who, wish)
    return ShareCreated(**out(made.link).model_dump(), url=base_url(request, rt.settings.public_url) + made.path)


@router.get("", response_model=list[ShareOut])
async def list_links(who: Who, rt: Rt) -> list[ShareOut]:
    """The person's links, newest first, with their status and access log. Ended links have no key left."""
    return [out(link) for link in await anyio.to_thread.run_sync(shares.list_links, rt, who)]


@router.get("/{share_id}", response_model=ShareOut)
async def get_link(share_id: str, who: Who, rt: Rt) -> ShareOut:
    return out(await anyio.to_thread.run_sync(shares.get, rt, who, share_id))


@router.patch("/{share_id}", response_model=ShareOut, responses={409: {"model": Problem}})
async def change(share_id: str, body: SharePatch, who: Who, rt: Rt) -> ShareOut:
    """Change the expiry (from now) or the label. An ended link cannot be revived (409)."""
    return out(await anyio.to_thread.run_sync(shares.change, rt, who, share_id, body.expires_in_hours, body.label))


@router.delete("/{share_id}", status_code=204)
async def revoke(share_id: str, who: Who, rt: Rt) -> Response:
    """Stop the link at once: its key slots are deleted."""
    await anyio.to_thread.run_sync(shares.revoke, rt, who, share_id)
    return Response(status_code=204)
