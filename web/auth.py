"""Who is asking: a session token from `Authorization: Bearer` (API clients) or
the session cookie (pages). Cookie-authenticated changes need the CSRF token
(header `X-CSRF-Token` or form field `csrf_token`) and a same-origin `Origin`.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Annotated

from fastapi import Depends, Request, Response
from starlette.concurrency import run_in_threadpool

from vault.errors import Forbidden, Unauthenticated
from vault.runtime import Runtime
from vault.sessions import Grant, Unlocked, unlock

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
STREAMED_FORMS = {"/api/v1/documents", "/documents/new"}
CSRF_INFO = b"vault/v1/csrf"


def runtime(request: Request) -> Runtime:
    rt: Runtime = request.app.state.runtime
    return rt


def cookie_name(rt: Runtime) -> str:
    return "__Host-vault_session" if rt.settings.cookie_secure else "vault_session"


def csrf_token(secret: bytes) -> str:
    return hmac.new(secret, CSRF_INFO, hashlib.sha256).hexdigest()


def bearer(request: Request) -> str | None:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


async def current(request: Request, rt: Annotated[Runtime, Depends(runtime)]) -> Unlocked:
    token = bearer(request)
    from_cookie = token is None
    token = token or request.cookies.get(cookie_name(rt))
    if not token:
        raise Unauthenticated("log in first")
    who = await run_in_threadpool(unlock, rt, token)
    if from_cookie and request.method not in SAFE_METHODS:
        check_same_origin(request)
        presented = request.headers.get("x-csrf-token")
        if presented is None and request.url.path in STREAMED_FORMS and is_multipart(request):
            expect_csrf_in_form(request, who)
        else:
            check_csrf(request, who, presented)
    request.state.who = who
    return who


def check_same_origin(request: Request) -> None:
    origin = request.headers.get("origin")
    if origin is not None and origin != f"{request.url.scheme}://{request.url.netloc}":
        raise Forbidden("this request came from another site")


def check_csrf(request: Request, who: Unlocked, presented: str | None) -> None:
    expected = csrf_token(who.secret)
    if presented is None or not hmac.compare_digest(presented.encode(), expected.encode()):
        raise Forbidden("missing or wrong CSRF token; reload the page and try again")


def is_multipart(request: Request) -> bool:
    return request.headers.get("content-type", "").startswith("multipart/form-data")


def expect_csrf_in_form(request: Request, who: Unlocked) -> None:
    """A streamed upload form carries its token as a field before the file; the
    endpoint checks it (`check_form_csrf`) before storing anything."""
    request.state.csrf_expected = csrf_token(who.secret)


def check_form_csrf(request: Request, fields: dict[str, str]) -> None:
    expected = getattr(request.state, "csrf_expected", None)
    presented = fields.get("csrf_token", "")
    if expected is not None and not hmac.compare_digest(presented.encode(), expected.encode()):
        raise Forbidden("missing or wrong CSRF token; reload the page and try again")


def set_session_cookie(response: Response, rt: Runtime, grant: Grant) -> None:
    response.set_cookie(
        cookie_name(rt), grant.token, max_age=rt.settings.session_absolute_hours * 3600,
        path="/", secure=rt.settings.cookie_secure, httponly=True, samesite="strict",
    )


def clear_session_cookie(response: Response, rt: Runtime) -> None:
    response.delete_cookie(cookie_name(rt), path="/", secure=rt.settings.cookie_secure, httponly=True, samesite="strict")


Who = Annotated[Unlocked, Depends(current)]
Rt = Annotated[Runtime, Depends(runtime)]
