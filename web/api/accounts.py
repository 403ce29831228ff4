"""Accounts, sessions and recovery: `/api/v1/accounts`, `/api/v1/sessions`, `/api/v1/recovery`.

Everything that runs Argon2id goes through the app's login limiter: waiting
requests hold no thread and no memory, and other requests are not stalled.
"""

from __future__ import annotations

from functools import partial
from typing import Any, Callable, TypeVar

import anyio.to_thread
from fastapi import APIRouter, BackgroundTasks, Request, Response

from vault.accounts import service as accounts
from vault.documents import service as documents
from vault.runtime import Runtime
from vault.sessions import end, unlock
from web.api.schemas import AccountIn, AccountOut, Me, PassphraseChange, Problem, RecoveryIn, SessionIn, SessionOut
from web.auth import Rt, Who, clear_session_cookie, csrf_token, set_session_cookie

router = APIRouter(prefix="/api/v1", tags=["accounts"], responses={422: {"model": Problem}, 429: {"model": Problem}})
T = TypeVar("T")


async def limited(request: Request, call: Callable[..., T], *args: Any) -> T:
    result: T = await anyio.to_thread.run_sync(partial(call, *args), limiter=request.app.state.login_limiter)
    return result


def client_of(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def resume_tagging(rt: Runtime, token: str) -> None:
    """Documents whose tagging a restart interrupted are tagged now that the keys are unlocked."""
    documents.retag_pending(rt, unlock(rt, token))


@router.post("/accounts", status_code=201, response_model=AccountOut, responses={409: {"model": Problem}})
async def sign_up(body: AccountIn, request: Request, rt: Rt) -> AccountOut:
    """Create an account. The recovery code is in this answer only: it cannot be shown again."""
    new = await limited(request, accounts.sign_up, rt, body.handle, body.passphrase, body.display_name, body.language)
    return AccountOut(id=new.id, handle=new.handle, recovery_code=new.recovery_code)


@router.post("/sessions", status_code=201, response_model=SessionOut, responses={401: {"model": Problem}})
async def log_in(body: SessionIn, request: Request, response: Response, rt: Rt, later: BackgroundTasks) -> SessionOut:
    """Log in: a new session token (also set as an HttpOnly cookie)."""
    grant = await limited(request, accounts.log_in, rt, body.handle, body.passphrase, client_of(request))
    set_session_cookie(response, rt, grant)
    later.add_task(resume_tagging, rt, grant.token)
    return SessionOut(token=grant.token, expires_at=grant.expires_at)


@router.get("/sessions/current", response_model=Me, responses={401: {"model": Problem}})
async def who_am_i(who: Who) -> Me:
    return Me(id=who.account_id, handle=who.handle, kind=who.kind, language=who.language, csrf_token=csrf_token(who.secret))


@router.delete("/sessions/current", status_code=204, responses={401: {"model": Problem}})
async def log_out(who: Who, response: Response, rt: Rt) -> Response:
    """Log out: the session's server state is deleted."""
    await anyio.to_thread.run_sync(end, rt, who.session_id)
    response.status_code = 204
    clear_session_cookie(response, rt)
    return response


@router.put("/account/passphrase", status_code=204, responses={401: {"model": Problem}})
async def change_passphrase(body: PassphraseChange, who: Who, request: Request, rt: Rt) -> Response:
    """Change the passphrase; every other session is closed."""
    await limited(request, accounts.change_passphrase, rt, who, body.current_passphrase, body.new_passphrase)
    return Response(status_code=204)


@router.post("/recovery", status_code=201, response_model=SessionOut, responses={401: {"model": Problem}})
async def recover(body: RecoveryIn, request: Request, response: Response, rt: Rt) -> SessionOut:
    """Set a new passphrase with the recovery code; logs in and closes every other session."""
    grant = await limited(request, accounts.recover, rt, body.handle, body.recovery_code, body.new_passphrase, client_of(request))
    set_session_cookie(response, rt, grant)
    return SessionOut(token=grant.token, expires_at=grant.expires_at)
