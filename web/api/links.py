"""Share links, recipient side: `/api/v1/links/{id}` (no account; the key never comes here).

The recipient's page asks for the link's status, then opens it with a proof of the
secret (and the PIN): that answer carries the link slots, the sealed metadata and an
access token for the ciphertexts (header `X-Link-Access`). Only the browser can open
the slots. Ended links answer 410 with the reason (`link_expired`, `link_revoked`,
`link_used_up`, `link_locked`); a wrong PIN answers 403 `wrong_pin` with `tries_left`.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from datetime import datetime
from typing import Annotated, Any, Literal

import anyio.to_thread
from fastapi import APIRouter, Header, Request, Response
from fastapi.responses import JSONResponse, StreamingResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel, Field

from vault.errors import RateLimited, VaultError
from vault.shares import LinkEnded, WrongPin, credentials, opening
from web.api.accounts import client_of
from web.api.schemas import Problem, Strict
from web.auth import Rt
from web.content import Prefetched
from web.errors import status_of

LINK_HEADERS = {"x-robots-tag": "noindex, nofollow", "cache-control": "no-store", "referrer-policy": "no-referrer"}


class LinkRoute(APIRoute):
    """Routes used by people without an account: ended links are 410 Gone, a wrong PIN tells the tries left,
    and every answer carries the link headers (no index, no store, no referrer)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handle = super().get_route_handler()

        async def guarded(request: Request) -> Response:
            try:
                response = await handle(request)
            except VaultError as error:
                response = refusal(error)
            response.headers.update(LINK_HEADERS)
            return response

        return guarded


def refusal(error: VaultError) -> JSONResponse:
    """The stable error body; 410 for an ended link, the tries left after a wrong PIN."""
    body: dict[str, object] = {"error": error.code, "detail": error.detail}
    headers = {}
    if isinstance(error, WrongPin):
        body["tries_left"] = error.tries_left
    if isinstance(error, RateLimited):
        headers["retry-after"] = str(error.retry_after)
    return JSONResponse(body, status_code=410 if isinstance(error, LinkEnded) else status_of(error), headers=headers)


router = APIRouter(
    prefix="/api/v1/links", tags=["share links (recipient)"], route_class=LinkRoute,
    responses={404: {"model": Problem}, 410: {"model": Problem}, 429: {"model": Problem}},
)


class LinkStateOut(BaseModel):
    status: Literal["active", "expired", "revoked", "used_up", "locked"]
    language: str
    needs_pin: bool
    expires_at: datetime
    documents: int = Field(description="How many documents the link still opens")
    remaining_opens: int | None = Field(description="Opens left; null when the link has no limit")


class OpenIn(Strict):
    proof: str = Field(min_length=43, max_length=43, description="base64url of HKDF(link secret, 'vault/v1/link-proof|' + id)")
    pin: str | None = Field(default=None, max_length=16)


class ReleasedOut(BaseModel):
    id: str
    link_slot: str = Field(description="base64url; the DEK sealed under HKDF(link secret, 'vault/v1/link|' + id)")
    metadata: str = Field(description="base64url; the sealed metadata (docs/FORMAT.md §6)")
    size: int = Field(description="Size of the DV1 ciphertext in bytes")


class OpenedOut(BaseModel):
    access_token: str = Field(description="Send as X-Link-Access to fetch the ciphertexts")
    access_until: datetime
    documents: list[ReleasedOut]


@router.get("/{share_id}", response_model=LinkStateOut)
async def link_state(share_id: str, rt: Rt) -> LinkStateOut:
    """What the recipient's page shows before opening: status, language, whether a PIN is asked."""
    found = await anyio.to_thread.run_sync(opening.state, rt, share_id)
    return LinkStateOut(
        status=found.status, language=found.language, needs_pin=found.needs_pin, expires_at=found.expires_at,
        documents=found.documents, remaining_opens=found.remaining,
    )


@router.post("/{share_id}/open", response_model=OpenedOut, responses={403: {"model": Problem}})
async def open_link(share_id: str, body: OpenIn, request: Request, rt: Rt) -> OpenedOut:
    """Open the link: counts one open, atomically, and releases the wrapped document keys."""
    opened = await anyio.to_thread.run_sync(opening.open_link, rt, share_id, body.proof, body.pin, client_of(request))
    return OpenedOut(
        access_token=opened.access_token, access_until=opened.access_until,
        documents=[
            ReleasedOut(id=d.document_id, link_slot=credentials.encode(d.link_slot), metadata=credentials.encode(d.sealed_metadata), size=d.ciphertext_size)
            for d in opened.documents
        ],
    )


@router.get("/{share_id}/documents/{document_id}", responses={200: {"content": {"application/octet-stream": {}}}})
async def ciphertext(
    share_id: str, document_id: str, rt: Rt, access: Annotated[str, Header(alias="x-link-access", max_length=64)],
) -> Response:
    """The document's DV1 ciphertext, as stored: only the recipient's page can decrypt it."""
    found = await anyio.to_thread.run_sync(opening.ciphertext, rt, share_id, document_id, access)
    blob = await anyio.to_thread.run_sync(rt.blobs.get, found.blob_key)
    return StreamingResponse(
        Prefetched(blob), media_type="application/octet-stream",
        headers={"content-length": str(found.size), "content-disposition": "attachment", "x-content-type-options": "nosniff"},
    )
