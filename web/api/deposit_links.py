"""Deposit links, uploader side: `/api/v1/deposit-links/{id}` (no account).

Upload: the raw request body is the file (`Content-Type` its type, query `filename`,
header `X-Deposit-Token` the token from the link's fragment), or a multipart form whose
`token` field comes before the file, streamed with python-multipart. Never Starlette's form files:
they spool to disk. The answer tells only how many more files the link takes.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

import anyio.to_thread
from fastapi import APIRouter, Header, Query, Request
from pydantic import BaseModel

from vault.deposits import receiving
from vault.deposits.media import ACCEPTED
from vault.runtime import Runtime
from web.api.accounts import client_of
from web.api.documents import ANY_FILE
from web.api.links import LinkRoute
from web.api.schemas import Problem
from web.auth import Rt
from web.uploads import FormStream, pull

router = APIRouter(
    prefix="/api/v1/deposit-links", tags=["deposit links (uploader)"], route_class=LinkRoute,
    responses={404: {"model": Problem}, 410: {"model": Problem}, 429: {"model": Problem}},
)


class DepositStateOut(BaseModel):
    status: Literal["active", "expired", "revoked", "used_up"]
    language: str
    remaining: int
    expires_at: datetime
    max_bytes: int
    accepted: list[str]


class ReceiptOut(BaseModel):
    remaining: int


@router.get("/{deposit_id}", response_model=DepositStateOut)
async def deposit_state(deposit_id: str, rt: Rt) -> DepositStateOut:
    found = await anyio.to_thread.run_sync(receiving.state, rt, deposit_id)
    return DepositStateOut(
        status=found.status, language=found.language, remaining=found.remaining, expires_at=found.expires_at,
        max_bytes=found.max_bytes, accepted=list(ACCEPTED),
    )


@router.post("/{deposit_id}/files", status_code=201, response_model=ReceiptOut, openapi_extra={"requestBody": ANY_FILE},
             responses={413: {"model": Problem}, 415: {"model": Problem}, 422: {"model": Problem}})
async def send_file(
    deposit_id: str, request: Request, rt: Rt,
    filename: Annotated[str | None, Query(max_length=255)] = None,
    token: Annotated[str | None, Header(alias="x-deposit-token", max_length=64)] = None,
) -> ReceiptOut:
    """Put one file into the link owner's inbox, encrypted for them as it streams."""
    client = client_of(request)
    if request.headers.get("content-type", "").startswith("multipart/form-data"):
        receipt = await anyio.to_thread.run_sync(from_form, rt, deposit_id, request, token, client)
    else:
        parcel, body = receiving.Parcel(filename, request.headers.get("content-type")), request.stream()
        receipt = await anyio.to_thread.run_sync(lambda: receiving.receive(rt, deposit_id, token or "", parcel, pull(body), client))
    return ReceiptOut(remaining=receipt.remaining)


def from_form(rt: Runtime, deposit_id: str, request: Request, token: str | None, client: str) -> receiving.Receipt:
    """A multipart body: the `token` field (or the header) and the one file part, streamed."""
    form = FormStream(request.headers["content-type"], pull(request.stream()))
    fields = form.open()
    parcel = receiving.Parcel(form.filename, form.content_type)
    return receiving.receive(rt, deposit_id, fields.get("token") or token or "", parcel, form.chunks(), client)
