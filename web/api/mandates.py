"""Mandates: `/api/v1/mandates`, and a caseworker's identity: `/api/v1/caseworkers`.

A caseworker asks (`POST` with `person_handle`) and the person approves in their inbox
with the scope they choose (`POST …/approve`); or the person grants a mandate at once
(`POST` with `caseworker_handle`). The person changes the scope (`PATCH`); the caseworker
may ask for more (`POST …/ask`). `DELETE` is a revocation by the person or an end by the
caseworker; the caseworker's keys to the person's documents are deleted at once. A
mandate the asker is not part of answers like a missing one.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

import anyio.to_thread
from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field, StringConstraints

from vault.mandates import DEFAULT_DAYS, MAX_DAYS, MIN_DAYS, Mandate, Scope, check_scope
from vault.mandates import service as mandates
from vault.organisations import Caseworker
from vault.organisations import service as organisations
from web.api.accounts import client_of, limited
from web.api.schemas import AccountOut, Category, Language, Problem, Strict
from web.auth import Rt, Who

router = APIRouter(
    prefix="/api/v1/mandates", tags=["mandates"],
    responses={401: {"model": Problem}, 403: {"model": Problem}, 404: {"model": Problem}, 409: {"model": Problem}, 422: {"model": Problem}},
)
caseworkers_router = APIRouter(prefix="/api/v1/caseworkers", tags=["mandates"], responses={404: {"model": Problem}, 422: {"model": Problem}})

Permission = Literal["view", "add"]
DocumentId = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]
Handle = Annotated[str, StringConstraints(min_length=1, max_length=64)]


class Wish(Strict):
    categories: list[Category] = Field(default_factory=list, max_length=5, description="Categories of documents the caseworker may read")
    permissions: list[Permission] = Field(default_factory=lambda: ["view"], min_length=1, max_length=2, description="`view` to read, `add` to add documents to the inbox")
    days: int = Field(default=DEFAULT_DAYS, ge=MIN_DAYS, le=MAX_DAYS, description="1 day to 1 year; about 6 months by default")

    def scope(self, document_ids: list[str] | None = None) -> Scope:
        return check_scope(list(self.categories), list(self.permissions), self.days, document_ids)


class ScopeIn(Wish):
    document_ids: list[DocumentId] = Field(default_factory=list, max_length=500, description="Specific documents, besides the categories")


class MandateIn(ScopeIn):
    person_handle: Handle | None = Field(default=None, description="A caseworker asks this person")
    caseworker_handle: Handle | None = Field(default=None, description="A person grants this caseworker a mandate, active at once")


class MandatePatch(Strict):
    categories: list[Category] | None = Field(default=None, max_length=5)
    document_ids: list[DocumentId] | None = Field(default=None, max_length=500)
    permissions: list[Permission] | None = Field(default=None, min_length=1, max_length=2)
    days: int | None = Field(default=None, ge=MIN_DAYS, le=MAX_DAYS, description="A new duration, counted from now")


class CaseworkerOut(BaseModel):
    id: str
    handle: str
    name: str
    organisation: str
    fingerprint: str = Field(description="Of the caseworker's public key: the person and the caseworker can compare it aloud")


class ScopeOut(BaseModel):
    categories: list[Category]
    document_ids: list[str]
    permissions: list[Permission]
    days: int


class PersonRef(BaseModel):
    id: str
    handle: str


class MandateOut(BaseModel):
    id: str
    status: Literal["requested", "active", "declined", "withdrawn", "revoked", "ended", "expired"]
    started_by: Literal["person", "caseworker"]
    person: PersonRef
    caseworker: CaseworkerOut
    scope: ScopeOut
    asked: ScopeOut | None = Field(description="What the caseworker asked for and the person has not answered yet")
    created_at: datetime
    approved_at: datetime | None
    expires_at: datetime | None
    ended_at: datetime | None


class JoinIn(Strict):
    invitation_id: str = Field(pattern=r"^[0-9a-f]{32}$")
    code: str = Field(min_length=1, max_length=64, description="The invitation's code, handed over apart from the link")
    handle: str = Field(min_length=1, max_length=64)
    passphrase: str = Field(min_length=1, max_length=1024)
    name: str = Field(min_length=1, max_length=100, description="Shown to the people you follow")
    language: Language | None = None


def caseworker_out(caseworker: Caseworker) -> CaseworkerOut:
    return CaseworkerOut.model_validate(caseworker, from_attributes=True)


def scope_out(scope: Scope) -> ScopeOut:
    return ScopeOut(categories=sorted(scope.categories), document_ids=sorted(scope.document_ids), permissions=sorted(scope.permissions), days=scope.days)  # type: ignore[arg-type]


def out(mandate: Mandate) -> MandateOut:
    return MandateOut(
        id=mandate.id, status=mandate.status, started_by=mandate.started_by,  # type: ignore[arg-type]
        person=PersonRef(id=mandate.person_id, handle=mandate.person_handle), caseworker=caseworker_out(mandate.caseworker),
        scope=scope_out(mandate.scope), asked=scope_out(mandate.asked) if mandate.asked else None, created_at=mandate.created_at,
        approved_at=mandate.approved_at, expires_at=mandate.expires_at, ended_at=mandate.ended_at,
    )


@router.post("", status_code=201, response_model=MandateOut)
async def start(body: MandateIn, who: Who, rt: Rt) -> MandateOut:
    """A caseworker asks a person (`person_handle`), or a person grants a caseworker (`caseworker_handle`)."""
    if who.kind == "caseworker":
        made = await anyio.to_thread.run_sync(mandates.ask, rt, who, body.person_handle or "", body.scope())
    else:
        made = await anyio.to_thread.run_sync(mandates.grant, rt, who, body.caseworker_handle or "", body.scope(list(body.document_ids)))
    return out(made)


@router.get("", response_model=list[MandateOut])
async def list_mandates(who: Who, rt: Rt) -> list[MandateOut]:
    """The mandates the account is part of, as the person or as the caseworker, newest first."""
    return [out(m) for m in await anyio.to_thread.run_sync(mandates.list_mandates, rt, who)]


@router.get("/{mandate_id}", response_model=MandateOut)
async def get_mandate(mandate_id: str, who: Who, rt: Rt) -> MandateOut:
    return out(await anyio.to_thread.run_sync(mandates.get, rt, who, mandate_id))


@router.post("/{mandate_id}/approve", response_model=MandateOut)
async def approve(mandate_id: str, body: ScopeIn, who: Who, rt: Rt) -> MandateOut:
    """The person approves what waits, with the scope they choose; the in-scope document keys are sealed to the caseworker."""
    return out(await anyio.to_thread.run_sync(mandates.approve, rt, who, mandate_id, body.scope(list(body.document_ids))))


@router.post("/{mandate_id}/decline", response_model=MandateOut)
async def decline(mandate_id: str, who: Who, rt: Rt) -> MandateOut:
    """The person says no to a request, or to an ask for more (the mandate stays as it was)."""
    return out(await anyio.to_thread.run_sync(mandates.decline, rt, who, mandate_id))


@router.post("/{mandate_id}/ask", response_model=MandateOut)
async def ask_more(mandate_id: str, body: Wish, who: Who, rt: Rt) -> MandateOut:
    """The caseworker asks for more scope; the person answers in their inbox."""
    return out(await anyio.to_thread.run_sync(mandates.ask_more, rt, who, mandate_id, body.scope()))


@router.patch("/{mandate_id}", response_model=MandateOut)
async def change(mandate_id: str, body: MandatePatch, who: Who, rt: Rt) -> MandateOut:
    """The person changes the scope; key slots are added or deleted to match."""
    return out(await anyio.to_thread.run_sync(
        lambda: mandates.change(rt, who, mandate_id, body.categories, body.permissions, body.days, body.document_ids)
    ))


@router.delete("/{mandate_id}", status_code=204)
async def end(mandate_id: str, who: Who, rt: Rt) -> Response:
    """Revoke (the person) or end (the caseworker) at once: the caseworker's keys to the person's documents are deleted."""
    await anyio.to_thread.run_sync(mandates.end, rt, who, mandate_id)
    return Response(status_code=204)


@caseworkers_router.get("/{handle}", response_model=CaseworkerOut, responses={401: {"model": Problem}})
async def find(handle: str, who: Who, rt: Rt) -> CaseworkerOut:
    """Who a caseworker is (name, organisation, key fingerprint), before granting them a mandate."""
    return caseworker_out(await anyio.to_thread.run_sync(organisations.find_caseworker, rt, handle))


@caseworkers_router.post("", status_code=201, response_model=AccountOut, responses={409: {"model": Problem}, 429: {"model": Problem}})
async def join(body: JoinIn, request: Request, rt: Rt) -> AccountOut:
    """Create a caseworker account through an invitation from the operator (link and code)."""
    new = await limited(
        request, organisations.join, rt, body.invitation_id, body.code, body.handle, body.passphrase, body.name, client_of(request), body.language
    )
    return AccountOut(id=new.id, handle=new.handle, recovery_code=new.recovery_code)
