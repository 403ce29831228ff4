"""Deposit links and the inbox, owner side: `/api/v1/deposits`, `/api/v1/inbox`.

`POST /api/v1/deposits` answers the link with its token in the fragment (`url`), this
once. What comes through a deposit link waits in the inbox until the person accepts it
(then it is tagged) or deletes it. Another person's link or document answers like a missing one.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import anyio.to_thread
from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from vault.deposits import DepositLink, DepositRequest
from vault.deposits import service as deposits
from vault.deposits.model import DEFAULT_UPLOADS, MAX_UPLOADS
from vault.documents import inbox
from vault.shares.model import DEFAULT_HOURS, MAX_HOURS
from web.api.documents import out as document_out
from web.api.schemas import DocumentOut, Language, Problem, Strict
from web.api.shares import base_url
from web.auth import Rt, Who

router = APIRouter(prefix="/api/v1/deposits", tags=["deposits"], responses={401: {"model": Problem}, 404: {"model": Problem}, 422: {"model": Problem}})
inbox_router = APIRouter(prefix="/api/v1/inbox", tags=["inbox"], responses={401: {"model": Problem}, 404: {"model": Problem}})


class DepositIn(Strict):
    expires_in_hours: int = Field(default=DEFAULT_HOURS, ge=1, le=MAX_HOURS, description="1 hour to 90 days; 7 days by default")
    max_uploads: int = Field(default=DEFAULT_UPLOADS, ge=1, le=MAX_UPLOADS, description="How many files the link accepts")
    label: str | None = Field(default=None, max_length=80, description="For the owner only (stored sealed)")
    language: Language | None = Field(default=None, description="Language of the uploader's page; the owner's by default")


class DepositPatch(Strict):
    expires_in_hours: int | None = Field(default=None, ge=1, le=MAX_HOURS, description="New expiry, counted from now")
    max_uploads: int | None = Field(default=None, ge=1, le=MAX_UPLOADS)
    label: str | None = Field(default=None, max_length=80)


class DepositOut(BaseModel):
    id: str
    label: str
    language: str
    status: Literal["active", "expired", "revoked", "used_up"]
    created_at: datetime
    expires_at: datetime
    max_uploads: int
    uploads: int
    last_upload_at: datetime | None


class DepositCreated(DepositOut):
    url: str = Field(description="The full link, /d/<id>#<token>; shown only in this answer")


def out(link: DepositLink) -> DepositOut:
    return DepositOut.model_validate(link, from_attributes=True)


@router.post("", status_code=201, response_model=DepositCreated)
async def create(body: DepositIn, request: Request, who: Who, rt: Rt) -> DepositCreated:
    """Make a link through which someone without an account can put files into the person's inbox."""
    wish = DepositRequest(body.expires_in_hours, body.max_uploads, body.label, body.language)
    made = await anyio.to_thread.run_sync(deposits.create, rt, who, wish)
    return DepositCreated(**out(made.link).model_dump(), url=base_url(request, rt.settings.public_url) + made.path)


@router.get("", response_model=list[DepositOut])
async def list_links(who: Who, rt: Rt) -> list[DepositOut]:
    return [out(link) for link in await anyio.to_thread.run_sync(deposits.list_links, rt, who)]


@router.get("/{deposit_id}", response_model=DepositOut)
async def get_link(deposit_id: str, who: Who, rt: Rt) -> DepositOut:
    return out(await anyio.to_thread.run_sync(deposits.get, rt, who, deposit_id))


@router.patch("/{deposit_id}", response_model=DepositOut, responses={409: {"model": Problem}})
async def change(deposit_id: str, body: DepositPatch, who: Who, rt: Rt) -> DepositOut:
    """Change the expiry (from now), the number of files or the label. An ended link cannot be revived (409)."""
    changed = await anyio.to_thread.run_sync(deposits.change, rt, who, deposit_id, body.expires_in_hours, body.max_uploads, body.label)
    return out(changed)


@router.delete("/{deposit_id}", status_code=204)
async def revoke(deposit_id: str, who: Who, rt: Rt) -> Response:
    """Stop the link at once; files it brought stay in the inbox."""
    await anyio.to_thread.run_sync(deposits.revoke, rt, who, deposit_id)
    return Response(status_code=204)


@inbox_router.get("", response_model=list[DocumentOut])
async def waiting(who: Who, rt: Rt) -> list[DocumentOut]:
    """Documents that came through deposit links and wait for the person's decision."""
    return [document_out(d) for d in await anyio.to_thread.run_sync(inbox.list_inbox, rt, who)]


@inbox_router.post("/{document_id}/accept", response_model=DocumentOut)
async def accept(document_id: str, who: Who, rt: Rt) -> DocumentOut:
    """Keep the document: it joins the person's documents and is tagged."""
    return document_out(await anyio.to_thread.run_sync(inbox.accept, rt, who, document_id))


@inbox_router.delete("/{document_id}", status_code=204)
async def discard(document_id: str, who: Who, rt: Rt) -> Response:
    """Delete a document still in the inbox."""
    await anyio.to_thread.run_sync(inbox.discard, rt, who, document_id)
    return Response(status_code=204)
