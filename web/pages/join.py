"""Pages without a session: a caseworker joins through an invitation; a person sets a new
passphrase with the one-time code of a recovery through trusted people."""

from __future__ import annotations

from typing import Any

import anyio.to_thread
from fastapi import Request, Response

from vault.accounts import service as accounts
from vault.errors import VaultError
from vault.organisations import service as organisations
from vault.trustees import claims
from web.api.accounts import client_of, limited
from web.auth import runtime, set_session_cookie
from web.errors import status_of
from web.pages import recovery_sheet
from web.pages.account import sign_up_problem
from web.pages.area import page_router
from web.pages.guard import posted_form, viewer
from web.pages.passphrase import explained, handle_problem, mismatch
from web.pages.problems import message
from web.pages.render import render, see_other

router = page_router()


@router.get("/join/{invitation_id}")
async def join_form(invitation_id: str, request: Request) -> Response:
    await viewer(request)
    usable = await anyio.to_thread.run_sync(organisations.invitation_open, runtime(request), invitation_id)
    return render(request, "join.html", status=200 if usable else 404, usable=usable, values={"handle": "", "name": "", "code": ""},
                  problem=None, invitation_id=invitation_id)


@router.post("/join/{invitation_id}")
async def join(invitation_id: str, request: Request) -> Response:
    fields = await posted_form(request, None)
    rt = runtime(request)
    values = {name: fields.get(name, "") for name in ("handle", "name", "code")}
    problem: dict[str, Any] | None = sign_up_problem(fields, rt.settings.passphrase_min_length)
    status = 422
    if problem is None:
        try:
            new = await limited(request, organisations.join, rt, invitation_id, values["code"], values["handle"], fields.get("passphrase", ""),
                                values["name"], client_of(request))
            grant = await limited(request, accounts.log_in, rt, new.handle, fields.get("passphrase", ""), client_of(request))
        except VaultError as error:
            key, details = message(request, error, "join")
            problem, status = {"field": "code" if error.code == "not_found" else "handle", "key": key, "values": details}, status_of(error)
        else:
            response = see_other("/welcome")
            set_session_cookie(response, rt, grant)
            recovery_sheet.keep(response, request, grant, new.recovery_code)
            return response
    return render(request, "join.html", status=status, usable=True, values=values, problem=problem, invitation_id=invitation_id)


@router.get("/recover/trusted")
async def claim_form(request: Request) -> Response:
    if await viewer(request) is not None:
        return see_other("/trusted")
    return render(request, "recover_trusted.html", values={"handle": "", "code": ""}, problem=None)


@router.post("/recover/trusted")
async def claim(request: Request) -> Response:
    fields = await posted_form(request, None)
    rt, handle = runtime(request), fields.get("handle", "")
    problem, status = handle_problem(handle) or mismatch(fields), 422
    if problem is None:
        try:
            grant = await limited(request, claims.complete, rt, handle, fields.get("code", ""), fields.get("new_passphrase", ""), client_of(request))
            response = see_other("/documents?notice=recovered")
            set_session_cookie(response, rt, grant)
            return response
        except VaultError as error:
            problem, status = explained(request, error, "claim", "code"), status_of(error)
    values = {"handle": handle, "code": "" if problem["field"] == "code" else fields.get("code", "")}
    return render(request, "recover_trusted.html", status=status, values=values, problem=problem)
