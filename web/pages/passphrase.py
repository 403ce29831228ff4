"""Change the passphrase (signed in) and set a new one with the recovery code (signed out)."""

from __future__ import annotations

from typing import Any

from fastapi import Depends, Request, Response

from vault.accounts import policy
from vault.accounts import service as accounts
from vault.errors import InvalidInput, VaultError
from vault.sessions import Unlocked
from web.api.accounts import client_of, limited
from web.auth import runtime, set_session_cookie
from web.errors import status_of
from web.pages.area import page_router
from web.pages.guard import posted_form, signed_in, viewer
from web.pages.problems import message
from web.pages.render import render, see_other

router = page_router()


def mismatch(fields: dict[str, str]) -> dict[str, Any] | None:
    if fields.get("new_passphrase", "") != fields.get("new_passphrase_again", ""):
        return {"field": "new_passphrase_again", "key": "error.passphrase_mismatch", "values": {}}
    return None


def explained(request: Request, error: VaultError, form: str, field: str) -> dict[str, Any]:
    """A form problem; a weak or short new passphrase is pinned to the new-passphrase field."""
    key, values = message(request, error, form)
    if error.code == "invalid_input":
        key, values, field = "error.passphrase_rules", {"min": runtime(request).settings.passphrase_min_length}, "new_passphrase"
    return {"field": field, "key": key, "values": values}


@router.get("/account/passphrase")
async def change_form(request: Request, who: Unlocked = Depends(signed_in)) -> Response:
    return render(request, "passphrase.html", problem=None)


@router.post("/account/passphrase")
async def change(request: Request, who: Unlocked = Depends(signed_in)) -> Response:
    fields = await posted_form(request, who)
    problem, status = mismatch(fields), 422
    if problem is None:
        try:
            await limited(request, accounts.change_passphrase, runtime(request), who,
                          fields.get("current_passphrase", ""), fields.get("new_passphrase", ""))
            return see_other("/documents?notice=passphrase_changed")
        except VaultError as error:
            problem, status = explained(request, error, "passphrase", "current_passphrase"), status_of(error)
    return render(request, "passphrase.html", status=status, problem=problem)


@router.get("/recover")
async def recover_form(request: Request) -> Response:
    if await viewer(request) is not None:
        return see_other("/account/passphrase")
    return render(request, "recover.html", values={"handle": "", "recovery_code": ""}, problem=None)


@router.post("/recover")
async def recover(request: Request) -> Response:
    fields = await posted_form(request, None)
    rt, handle = runtime(request), fields.get("handle", "")
    problem, status = handle_problem(handle) or mismatch(fields), 422
    if problem is None:
        try:
            grant = await limited(request, accounts.recover, rt, handle, fields.get("recovery_code", ""),
                                  fields.get("new_passphrase", ""), client_of(request))
            response = see_other("/documents?notice=recovered")
            set_session_cookie(response, rt, grant)
            return response
        except VaultError as error:
            problem, status = explained(request, error, "recover", "recovery_code"), status_of(error)
    values = {"handle": handle, "recovery_code": "" if problem["field"] == "recovery_code" else fields.get("recovery_code", "")}
    return render(request, "recover.html", status=status, values=values, problem=problem)


def handle_problem(handle: str) -> dict[str, Any] | None:
    try:
        policy.normalize_handle(handle)
    except InvalidInput:
        return {"field": "handle", "key": "error.handle_invalid", "values": {}}
    return None
