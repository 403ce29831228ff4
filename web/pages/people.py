"""The caseworker's side: the people they follow, permits expiring soon among them, one person's
documents in scope, adding a document on their behalf, asking for a mandate or more scope,
ending one; and for the people who chose them as trusted people, recoveries to start or approve."""

from __future__ import annotations

from typing import Any

import anyio.to_thread
from fastapi import Depends, Request, Response

from keys import fingerprint
from vault.documents import service as documents
from vault.documents.names import CATEGORIES
from vault.errors import Conflict, Forbidden, InvalidInput, NotForThisAccount, VaultError
from vault.mandates import DEFAULT_DAYS, Scope
from vault.mandates import people
from vault.mandates import service as mandates
from vault.sessions import Unlocked
from vault.trustees import claims
from vault.trustees import repository as trustee_rows
from web.auth import runtime
from web.errors import status_of
from web.pages.area import page_router
from web.pages.documents import preview_kind
from web.pages.guard import signed_in
from web.pages.pdf_pages import pdf_page
from web.pages.link_forms import posted_fields, text
from web.pages.problems import message
from web.pages.recovery_sheet import groups
from web.pages.render import render, see_other
from web.pages.scope_form import ScopeChoices, scope_from

router = page_router()
NOTICES = ("asked", "added", "ended", "approved_recovery")
FIRST_ASK = Scope(frozenset({"residence_permit"}), frozenset({"view", "add"}), DEFAULT_DAYS)


def caseworker(who: Unlocked) -> Unlocked:
    if who.kind != "caseworker":
        raise NotForThisAccount("this page is for caseworkers")
    return who


@router.get("/people")
async def followed(request: Request, notice: str | None = None, who: Unlocked = Depends(signed_in)) -> Response:
    """Everyone who gave a mandate, the permits expiring soon among them, asks still waiting, recoveries under way."""
    return await _people_page(request, caseworker(who), notice if notice in NOTICES else None)


async def _people_page(request: Request, who: Unlocked, notice: str | None, problem: dict[str, Any] | None = None, status: int = 200) -> Response:
    rt = runtime(request)
    found = await anyio.to_thread.run_sync(people.followed, rt, who)
    every = await anyio.to_thread.run_sync(mandates.list_mandates, rt, who)
    recoveries = await anyio.to_thread.run_sync(claims.under_way, rt, who)
    due = sorted(((f.mandate, r) for f in found for r in f.reminders), key=lambda pair: pair[1].expires_on)
    return render(
        request, "people.html", status=status, followed=found, due=due, waiting=[m for m in every if m.status == "requested"],
        recoveries=recoveries, notice=notice, problem=problem, fingerprint=fingerprint(who.keyring.public_key_bytes()),
    )


@router.get("/people/ask")
async def ask_form(request: Request, handle: str = "", who: Unlocked = Depends(signed_in)) -> Response:
    """The form to ask a person for a mandate; the person's profile QR code opens it with their handle."""
    caseworker(who)
    return render(request, "people_ask.html", handle=handle, chosen=FIRST_ASK, choices=ScopeChoices(), problem=None)


@router.post("/people/ask")
async def ask(request: Request, who: Unlocked = Depends(signed_in)) -> Response:
    form = await posted_fields(request, caseworker(who))
    handle = text(form, "handle")
    try:
        await anyio.to_thread.run_sync(mandates.ask, runtime(request), who, handle, scope_from(form, with_documents=False))
    except VaultError as error:
        key, values = message(request, error, "ask")
        return render(request, "people_ask.html", status=status_of(error), handle=handle, chosen=FIRST_ASK, choices=ScopeChoices(),
                      problem={"field": "handle", "key": key, "values": values})
    return see_other("/people?notice=asked")


@router.get("/people/{person_id}")
async def person_page(person_id: str, request: Request, notice: str | None = None, who: Unlocked = Depends(signed_in)) -> Response:
    """One person: the mandate, the documents in its scope, what can be done for them."""
    return await _person_page(request, caseworker(who), person_id, notice if notice in NOTICES else None)


async def _person_page(request: Request, who: Unlocked, person_id: str, notice: str | None, problem: dict[str, Any] | None = None,
                       status: int = 200) -> Response:
    rt = runtime(request)
    found = await anyio.to_thread.run_sync(people.one, rt, who, person_id)
    trusted = await anyio.to_thread.run_sync(_is_trustee, rt, person_id, who.account_id)
    recoveries = [c for c in await anyio.to_thread.run_sync(claims.under_way, rt, who) if c.person_id == person_id]
    return render(
        request, "person.html", status=status, followed=found, trusted=trusted, recoveries=recoveries, choices=ScopeChoices(),
        chosen=found.mandate.scope, notice=notice, categories=CATEGORIES, problem=problem,
    )


@router.get("/people/{person_id}/add")
async def add_form(person_id: str, request: Request, who: Unlocked = Depends(signed_in)) -> Response:
    found = await anyio.to_thread.run_sync(people.one, runtime(request), caseworker(who), person_id)
    if not found.mandate.scope.can_add:
        return see_other(f"/people/{person_id}")
    return render(request, "person_add.html", followed=found, categories=CATEGORIES, problem=None)


@router.get("/people/{person_id}/documents/{document_id}")
async def document_page(person_id: str, document_id: str, request: Request, page: int = 1, who: Unlocked = Depends(signed_in)) -> Response:
    """A document of the person, in scope: read only, with its preview (a PDF page by page) and download."""
    found = await anyio.to_thread.run_sync(people.one, runtime(request), caseworker(who), person_id)
    document = await anyio.to_thread.run_sync(documents.get, runtime(request), who, document_id)
    pdf = await pdf_page(request, who, document, max(page, 1))
    return render(request, "person_document.html", followed=found, document=document, preview=preview_kind(document), pdf=pdf)


@router.post("/people/{person_id}/ask-more")
async def ask_more(person_id: str, request: Request, who: Unlocked = Depends(signed_in)) -> Response:
    """Ask the person for more scope; a scope that is not valid gives the form back saying what to choose."""
    form = await posted_fields(request, caseworker(who))
    found = await anyio.to_thread.run_sync(people.one, runtime(request), who, person_id)
    try:
        await anyio.to_thread.run_sync(mandates.ask_more, runtime(request), who, found.mandate.id, scope_from(form, with_documents=False))
    except (InvalidInput, Conflict) as error:
        key, values = message(request, error, "mandate")
        return await _person_page(request, who, person_id, None, {"field": "ask_more", "key": key, "values": values}, status_of(error))
    return see_other(f"/people/{person_id}?notice=asked")


@router.post("/people/{person_id}/end")
async def end(person_id: str, request: Request, who: Unlocked = Depends(signed_in)) -> Response:
    await posted_fields(request, caseworker(who))
    found = await anyio.to_thread.run_sync(people.one, runtime(request), who, person_id)
    await anyio.to_thread.run_sync(mandates.end, runtime(request), who, found.mandate.id)
    return see_other("/people?notice=ended")


@router.post("/people/{person_id}/recovery")
async def start_recovery(person_id: str, request: Request, who: Unlocked = Depends(signed_in)) -> Response:
    """Start a recovery for the person in front of you: the one-time code is shown on this page only."""
    await posted_fields(request, caseworker(who))
    made = await anyio.to_thread.run_sync(claims.start, runtime(request), who, person_id)
    response = render(
        request, "recovery_started.html", claim=made.claim, code=groups(made.code), check=made.check,
        wait_hours=runtime(request).settings.recovery_wait_hours,
    )
    response.headers["cache-control"] = "no-store"
    return response


@router.post("/recovery-claims/{claim_id}/approve")
async def approve_recovery(claim_id: str, request: Request, who: Unlocked = Depends(signed_in)) -> Response:
    form = await posted_fields(request, caseworker(who))
    try:
        await anyio.to_thread.run_sync(claims.approve, runtime(request), who, claim_id, text(form, "check"))
    except (InvalidInput, Forbidden) as error:
        key, values = message(request, error, "approve_recovery")
        problem = {"field": "check", "claim": claim_id, "key": key, "values": values}
        return await _people_page(request, who, None, problem, status_of(error))
    return see_other("/people?notice=approved_recovery")


def _is_trustee(rt: Any, person_id: str, trustee_id: str) -> bool:
    with rt.engine.begin() as conn:
        return trustee_rows.sealed_share(conn, person_id, trustee_id) is not None
