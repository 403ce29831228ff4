"""The person's side of mandates: the caseworkers who may see their documents, what waits for
an answer (in the inbox too), giving access, changing it, revoking it; their profile QR code."""

from __future__ import annotations

from typing import Any

import anyio.to_thread
from fastapi import Depends, Request, Response

from keys import fingerprint
from vault.documents import service as documents
from vault.errors import Conflict, InvalidInput, NotForThisAccount, VaultError
from vault.mandates import DEFAULT_DAYS, Mandate, Scope
from vault.mandates import service as mandates
from vault.organisations import service as organisations
from vault.sessions import Unlocked
from web.auth import runtime
from web.errors import status_of
from web.pages.area import page_router
from web.pages.guard import signed_in
from web.pages.link_forms import full_url, posted_fields, qr_data_uri, text
from web.pages.problems import message
from web.pages.render import render, see_other
from web.pages.scope_form import ScopeChoices, scope_from

router = page_router()
NOTICES = ("approved", "granted", "changed", "revoked", "declined")
NEW_SCOPE = Scope(frozenset({"residence_permit"}), frozenset({"view"}), DEFAULT_DAYS)


def person(who: Unlocked) -> Unlocked:
    if who.kind != "person":
        raise NotForThisAccount("this page is for the person whose documents these are")
    return who


@router.get("/caseworkers")
async def my_caseworkers(request: Request, notice: str | None = None, who: Unlocked = Depends(signed_in)) -> Response:
    """Asks waiting for an answer, active mandates with who holds them, and the ended ones."""
    every = await anyio.to_thread.run_sync(mandates.list_mandates, runtime(request), person(who))
    return render(
        request, "caseworkers.html", asks=[m for m in every if m.asked is not None],
        active=[m for m in every if m.status == "active"], ended=[m for m in every if m.status not in ("active", "requested")],
        notice=notice if notice in NOTICES else None, problem=None, handle="",
    )


@router.get("/caseworkers/find")
async def find(request: Request, handle: str = "", who: Unlocked = Depends(signed_in)) -> Response:
    """Who has this handle (name, organisation, key fingerprint), and the form to give them access."""
    rt = runtime(request)
    try:
        caseworker = await anyio.to_thread.run_sync(organisations.find_caseworker, rt, handle)
    except VaultError as error:
        every = await anyio.to_thread.run_sync(mandates.list_mandates, rt, person(who))
        key, values = message(request, error, "caseworker")
        return render(
            request, "caseworkers.html", status=status_of(error), asks=[m for m in every if m.asked is not None],
            active=[m for m in every if m.status == "active"], ended=[], notice=None, handle=handle,
            problem={"field": "handle", "key": key, "values": values},
        )
    return await _scope_page(request, person(who), "mandate_grant.html", NEW_SCOPE, caseworker=caseworker)


@router.post("/caseworkers/grant")
async def grant(request: Request, who: Unlocked = Depends(signed_in)) -> Response:
    form = await posted_fields(request, person(who))
    rt, handle = runtime(request), text(form, "handle")
    try:
        made = await anyio.to_thread.run_sync(mandates.grant, rt, who, handle, scope_from(form))
    except VaultError as error:
        caseworker = await anyio.to_thread.run_sync(organisations.find_caseworker, rt, handle)
        return await _scope_page(request, who, "mandate_grant.html", NEW_SCOPE, status_of(error), _problem(request, error), caseworker=caseworker)
    return see_other(f"/mandates/{made.id}?notice=granted")


@router.get("/mandates/{mandate_id}")
async def mandate_page(mandate_id: str, request: Request, notice: str | None = None, who: Unlocked = Depends(signed_in)) -> Response:
    """One caseworker's mandate: who they are, what they may do, the answer to give or the change to make."""
    found = await anyio.to_thread.run_sync(mandates.get, runtime(request), person(who), mandate_id)
    return await _mandate_page(request, who, found, notice=notice if notice in NOTICES else None)


@router.post("/mandates/{mandate_id}/approve")
async def approve(mandate_id: str, request: Request, who: Unlocked = Depends(signed_in)) -> Response:
    return await _scoped_action(request, person(who), mandate_id, "approved", mandates.approve)


@router.post("/mandates/{mandate_id}/change")
async def change(mandate_id: str, request: Request, who: Unlocked = Depends(signed_in)) -> Response:
    def apply(rt: Any, who: Unlocked, mandate_id: str, scope: Scope) -> Mandate:
        return mandates.change(rt, who, mandate_id, sorted(scope.categories), sorted(scope.permissions), scope.days, sorted(scope.document_ids))

    return await _scoped_action(request, person(who), mandate_id, "changed", apply)


@router.post("/mandates/{mandate_id}/decline")
async def decline(mandate_id: str, request: Request, who: Unlocked = Depends(signed_in)) -> Response:
    await posted_fields(request, person(who))
    await anyio.to_thread.run_sync(mandates.decline, runtime(request), who, mandate_id)
    return see_other("/caseworkers?notice=declined")


@router.post("/mandates/{mandate_id}/revoke")
async def revoke(mandate_id: str, request: Request, who: Unlocked = Depends(signed_in)) -> Response:
    """Revoke at once: the caseworker's keys to the person's documents are deleted."""
    await posted_fields(request, person(who))
    await anyio.to_thread.run_sync(mandates.end, runtime(request), who, mandate_id)
    return see_other("/caseworkers?notice=revoked")


@router.get("/profile")
async def profile(request: Request, who: Unlocked = Depends(signed_in)) -> Response:
    """The handle and a QR code a caseworker scans to ask for a mandate; the key fingerprint to compare."""
    ask_url = full_url(request, f"/people/ask?handle={who.handle}")
    return render(request, "profile.html", qr=qr_data_uri(ask_url), ask_url=ask_url, fingerprint=fingerprint(who.keyring.public_key_bytes()))


async def _scoped_action(request: Request, who: Unlocked, mandate_id: str, notice: str, action: Any) -> Response:
    form = await posted_fields(request, who)
    rt = runtime(request)
    try:
        await anyio.to_thread.run_sync(action, rt, who, mandate_id, scope_from(form))
    except (InvalidInput, Conflict) as error:
        found = await anyio.to_thread.run_sync(mandates.get, rt, who, mandate_id)
        return await _mandate_page(request, who, found, status_of(error), _problem(request, error), notice=None)
    return see_other(f"/mandates/{mandate_id}?notice={notice}")


async def _mandate_page(request: Request, who: Unlocked, found: Mandate, status: int = 200, problem: Any = None, **context: Any) -> Response:
    shown = found.asked if found.asked is not None and found.status == "requested" else found.scope
    if found.asked is not None and found.status == "active":
        shown = Scope(found.scope.categories | found.asked.categories, found.scope.permissions | found.asked.permissions,
                      found.asked.days, found.scope.document_ids)
    return await _scope_page(request, who, "mandate.html", shown, status, problem, mandate=found, **context)


async def _scope_page(request: Request, who: Unlocked, template: str, chosen: Scope, status: int = 200, problem: Any = None, **context: Any) -> Response:
    held = await anyio.to_thread.run_sync(documents.list_documents, runtime(request), who)
    titles = {document.id: document.title for document in held}
    return render(request, template, status=status, problem=problem, chosen=chosen, choices=ScopeChoices(), held=held, titles=titles, **context)


def _problem(request: Request, error: VaultError) -> dict[str, Any]:
    key, values = message(request, error, "mandate")
    return {"field": "", "key": key, "values": values}
