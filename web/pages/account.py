"""Create an account, see the recovery sheet once, log in, log out."""

from __future__ import annotations

from typing import Any

import anyio.to_thread
from fastapi import Depends, Request, Response

from vault.accounts import policy
from vault.accounts import service as accounts
from vault.errors import InvalidInput, VaultError
from vault.sessions import Unlocked, end
from web.api.accounts import client_of, limited
from web.auth import clear_session_cookie, runtime, set_session_cookie
from web.errors import status_of
from web.pages import recovery_sheet
from web.pages.area import page_router
from web.pages.guard import posted_form, safe_next, signed_in, viewer
from web.pages.problems import message
from web.pages.render import kit_of, language_of, render, see_other, set_language

router = page_router()


@router.get("/signup")
async def sign_up_form(request: Request) -> Response:
    if await viewer(request) is not None:
        return see_other("/documents")
    return render(request, "signup.html", values={"handle": "", "display_name": "", "language": language_of(request)}, problem=None)


@router.post("/signup")
async def sign_up(request: Request) -> Response:
    fields = await posted_form(request, None)
    values = {name: fields.get(name, "") for name in ("handle", "display_name", "language")}
    rt, passphrase = runtime(request), fields.get("passphrase", "")
    problem, status = sign_up_problem(fields, rt.settings.passphrase_min_length), 422
    if problem is None:
        language = values["language"] if values["language"] in policy.LANGUAGES else None
        try:
            new = await limited(request, accounts.sign_up, rt, values["handle"], passphrase, values["display_name"], language)
            grant = await limited(request, accounts.log_in, rt, new.handle, passphrase, client_of(request))
        except VaultError as error:
            key, details = message(request, error, "signup")
            problem, status = {"field": "handle", "key": key, "values": details}, status_of(error)
    if problem is not None:
        return render(request, "signup.html", status=status, values=values, problem=problem)
    response = see_other("/welcome")
    set_session_cookie(response, rt, grant)
    recovery_sheet.keep(response, request, grant, new.recovery_code)
    if kit_of(request).locales.known(values["language"]):
        set_language(response, values["language"])
    return response


def sign_up_problem(fields: dict[str, str], min_length: int) -> dict[str, Any] | None:
    """The first thing wrong with the form (field, locale key, values), found before any Argon2 work."""
    handle, passphrase = fields.get("handle", ""), fields.get("passphrase", "")
    try:
        handle = policy.normalize_handle(handle)
    except InvalidInput:
        return {"field": "handle", "key": "error.handle_invalid", "values": {}}
    if len(passphrase) < min_length:
        return {"field": "passphrase", "key": "error.passphrase_short", "values": {"min": min_length}}
    try:
        policy.check_passphrase(passphrase, handle, min_length)
    except InvalidInput:
        return {"field": "passphrase", "key": "error.passphrase_weak", "values": {}}
    if passphrase != fields.get("passphrase_again", ""):
        return {"field": "passphrase_again", "key": "error.passphrase_mismatch", "values": {}}
    return None


@router.get("/welcome")
async def recovery_sheet_page(request: Request, who: Unlocked = Depends(signed_in)) -> Response:
    """The recovery sheet, shown once: a reload (or a later visit) no longer shows the code."""
    code = recovery_sheet.read(request, who)
    sheet = {"groups": recovery_sheet.groups(code), "qr": recovery_sheet.qr_data_uri(code)} if code else None
    response = render(request, "welcome.html", sheet=sheet)
    recovery_sheet.forget(response, request)
    return response


@router.get("/login")
async def log_in_form(request: Request, next: str | None = None) -> Response:
    if await viewer(request) is not None:
        return see_other(safe_next(next))
    return render(request, "login.html", values={"handle": ""}, next=safe_next(next), problem=None)


@router.post("/login")
async def log_in(request: Request) -> Response:
    fields = await posted_form(request, None)
    rt, handle, target = runtime(request), fields.get("handle", ""), safe_next(fields.get("next"))
    try:
        grant = await limited(request, accounts.log_in, rt, handle, fields.get("passphrase", ""), client_of(request))
    except VaultError as error:
        key, details = message(request, error, "login")
        problem = {"field": "passphrase", "key": key, "values": details}
        return render(request, "login.html", status=status_of(error), values={"handle": handle}, next=target, problem=problem)
    response = see_other(target)
    set_session_cookie(response, rt, grant)
    return response


@router.post("/logout")
async def log_out(request: Request, who: Unlocked = Depends(signed_in)) -> Response:
    await posted_form(request, who)
    rt = runtime(request)
    await anyio.to_thread.run_sync(end, rt, who.session_id)
    response = see_other("/?notice=logged_out")
    clear_session_cookie(response, rt)
    return response

