"""Recovery through trusted people: `/api/v1/trustees` (the person's choice) and
`/api/v1/recovery/claims` (a recovery under way).

A trusted person (a caseworker the person chose) starts a claim for the person in front
of them and receives the one-time code, once, to hand over; k of them approve; after the
waiting period the person sets a new passphrase with the code
(`POST /api/v1/recovery/claims/complete`). Until then, any logged-in session of the
person lists the claim and can cancel it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import anyio.to_thread
from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from vault.trustees import Claim, TrusteeSetup
from vault.trustees import claims, setup
from vault.trustees.model import MAX_TRUSTEES
from web.api.accounts import client_of, limited
from web.api.mandates import CaseworkerOut, caseworker_out
from web.api.schemas import Problem, SessionOut, Strict
from web.auth import Rt, Who, set_session_cookie

ERRORS = {401: {"model": Problem}, 403: {"model": Problem}, 404: {"model": Problem}, 409: {"model": Problem}, 422: {"model": Problem}}
router = APIRouter(prefix="/api/v1/trustees", tags=["recovery"], responses=ERRORS)
claims_router = APIRouter(prefix="/api/v1/recovery/claims", tags=["recovery"], responses=ERRORS)


class TrusteesIn(Strict):
    trustee_ids: list[str] = Field(min_length=1, max_length=MAX_TRUSTEES, description="Caseworkers with an active mandate from you")
    threshold: int = Field(ge=1, le=MAX_TRUSTEES, description="How many of them must approve a recovery")


class TrusteesOut(BaseModel):
    threshold: int | None = Field(description="null when no trusted people are chosen")
    trustees: list[CaseworkerOut]
    created_at: datetime | None
    lapsed_trustee_ids: list[str] = Field(description="Chosen trusted people whose mandate is over: they can no longer start or approve a recovery")
    reachable: bool = Field(description="Whether enough trusted people with an active mandate are left for a recovery")


class ClaimIn(Strict):
    person_id: str = Field(pattern=r"^[0-9a-f]{32}$")


class ClaimOut(BaseModel):
    id: str
    person_id: str
    person_handle: str
    status: Literal["collecting", "waiting", "completed", "cancelled", "lapsed"]
    started_by: str
    threshold: int
    approved_by: list[str]
    created_at: datetime
    ready_at: datetime | None = Field(description="When the person may set a new passphrase (after the waiting period)")
    expires_at: datetime


class ClaimStarted(ClaimOut):
    code: str = Field(description="The one-time code, shown only in this answer: hand it to the person, in person")
    check: str = Field(description="The claim's check, shown only in this answer: give it to the person with the code; the other trusted people type it to approve")


class ApproveIn(Strict):
    check: str = Field(min_length=1, max_length=32, description="The claim's check, as the person reads it from their slip")


class CompleteIn(Strict):
    handle: str = Field(min_length=1, max_length=64)
    code: str = Field(min_length=1, max_length=128)
    new_passphrase: str = Field(min_length=1, max_length=1024)


def setup_out(found: TrusteeSetup | None) -> TrusteesOut:
    if found is None:
        return TrusteesOut(threshold=None, trustees=[], created_at=None, lapsed_trustee_ids=[], reachable=False)
    return TrusteesOut(
        threshold=found.threshold, trustees=[caseworker_out(t) for t in found.trustees], created_at=found.created_at,
        lapsed_trustee_ids=sorted(found.lapsed), reachable=found.reachable,
    )


def claim_out(claim: Claim) -> ClaimOut:
    return ClaimOut.model_validate(claim, from_attributes=True)


@router.get("", response_model=TrusteesOut)
async def current(who: Who, rt: Rt) -> TrusteesOut:
    return setup_out(await anyio.to_thread.run_sync(setup.current, rt, who))


@router.put("", response_model=TrusteesOut)
async def choose(body: TrusteesIn, who: Who, rt: Rt) -> TrusteesOut:
    """Choose trusted people (1 to 5) and how many must approve; replaces an earlier choice and cancels a recovery under way."""
    return setup_out(await anyio.to_thread.run_sync(setup.choose, rt, who, body.trustee_ids, body.threshold))


@router.delete("", status_code=204)
async def remove(who: Who, rt: Rt) -> Response:
    await anyio.to_thread.run_sync(setup.remove, rt, who)
    return Response(status_code=204)


@claims_router.get("", response_model=list[ClaimOut])
async def under_way(who: Who, rt: Rt) -> list[ClaimOut]:
    """Recoveries under way: of the account itself (to cancel), and of the people who trust it (to approve)."""
    return [claim_out(c) for c in await anyio.to_thread.run_sync(claims.under_way, rt, who)]


@claims_router.post("", status_code=201, response_model=ClaimStarted)
async def start(body: ClaimIn, who: Who, rt: Rt) -> ClaimStarted:
    """A trusted person starts a recovery for the person in front of them; it counts as their approval."""
    made = await anyio.to_thread.run_sync(claims.start, rt, who, body.person_id)
    return ClaimStarted(**claim_out(made.claim).model_dump(), code=made.code, check=made.check)


@claims_router.post("/complete", status_code=201, response_model=SessionOut, responses={429: {"model": Problem}})
async def complete(body: CompleteIn, request: Request, response: Response, rt: Rt) -> SessionOut:
    """The person sets a new passphrase with the one-time code once the waiting period is over; logs in, closes every other session."""
    grant = await limited(request, claims.complete, rt, body.handle, body.code, body.new_passphrase, client_of(request))
    set_session_cookie(response, rt, grant)
    return SessionOut(token=grant.token, expires_at=grant.expires_at)


@claims_router.post("/{claim_id}/approve", response_model=ClaimOut)
async def approve(claim_id: str, body: ApproveIn, who: Who, rt: Rt) -> ClaimOut:
    """A trusted person (with an active mandate) approves, typing the check the person reads to them."""
    return claim_out(await anyio.to_thread.run_sync(claims.approve, rt, who, claim_id, body.check))


@claims_router.delete("/{claim_id}", status_code=204)
async def cancel(claim_id: str, who: Who, rt: Rt) -> Response:
    """Cancel a recovery: the person, from any logged-in device, or one of their trusted people."""
    await anyio.to_thread.run_sync(claims.cancel, rt, who, claim_id)
    return Response(status_code=204)
