"""Who is looking at a page, and whether a posted form really comes from our page.

Signed-in forms carry `csrf_token(session secret)` (as the JSON API expects in
`X-CSRF-Token`). Forms shown before login (log in, sign up, recovery) carry a
token derived from a random HttpOnly, SameSite=Strict form cookie (double
submit), so another site cannot log a person into an account of its choosing.
Every posted form must also come from our own origin when the browser says.
"""

from __future__ import annotations

import hmac
import secrets
from urllib.parse import quote, urlsplit

from fastapi import Request, Response
from starlette.concurrency import run_in_threadpool

from vault.errors import Forbidden, Unauthenticated, UnsupportedMedia
from vault.sessions import Unlocked, unlock
from vault.trustees import claims
from web.auth import check_csrf, check_same_origin, cookie_name, csrf_token, runtime

FORM_COOKIE_SECONDS = 12 * 3600
MAX_FIELDS = 20


class LoginRequired(Exception):
    """The page needs a signed-in person; they are sent to the login page."""


async def viewer(request: Request) -> Unlocked | None:
    """The signed-in person, or None (no cookie, expired or unknown session)."""
    rt = runtime(request)
    token = request.cookies.get(cookie_name(rt))
    if not token:
        return None
    try:
        who = await run_in_threadpool(unlock, rt, token)
    except Unauthenticated:
        return None
    request.state.who = who
    if who.kind == "person":
        request.state.recoveries = await run_in_threadpool(claims.own, rt, who.account_id)
    return who


async def signed_in(request: Request) -> Unlocked:
    """FastAPI dependency for private pages: no session means a redirect to the login page."""
    who = await viewer(request)
    if who is None:
        raise LoginRequired
    return who


def login_url(request: Request) -> str:
    """The login page, with the page asked for (path and query, e.g. a scanned `/people/ask?handle=…`) as `next`."""
    asked = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    if request.method != "GET" or asked in ("/", "/documents"):
        return "/login"
    return "/login?next=" + quote(asked, safe="/")


def safe_next(target: str | None, fallback: str = "/documents") -> str:
    """A local path (and query) to go to after a form, never another site: `//host`, `/\\host`,
    `https:…`, or a control character a browser would drop (a tab in `/<tab>/host`) give `fallback`."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")) or "\\" in target:
        return fallback
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in target):
        return fallback
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else fallback


def form_cookie_name(request: Request) -> str:
    return "__Host-vault_form" if runtime(request).settings.cookie_secure else "vault_form"


def form_token(request: Request, who: Unlocked | None) -> tuple[str, str | None]:
    """The token for forms on this page, and a new form-cookie secret to set (or None)."""
    if who is not None:
        return csrf_token(who.secret), None
    secret = request.cookies.get(form_cookie_name(request))
    if secret:
        return csrf_token(secret.encode()), None
    secret = secrets.token_urlsafe(32)
    return csrf_token(secret.encode()), secret


def set_form_cookie(response: Response, request: Request, secret: str) -> None:
    secure = runtime(request).settings.cookie_secure
    response.set_cookie(
        form_cookie_name(request), secret, max_age=FORM_COOKIE_SECONDS, path="/", secure=secure, httponly=True, samesite="strict"
    )


async def posted_form(request: Request, who: Unlocked | None) -> dict[str, str]:
    """The fields of a urlencoded form, after the origin and CSRF checks.

    Raises `Forbidden` for a missing or wrong token, `UnsupportedMedia` for any
    other body (files go through the streaming upload route only).
    """
    check_same_origin(request)
    urlencoded = request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded")
    fields: dict[str, str] = {}
    if urlencoded:
        form = await request.form(max_files=0, max_fields=MAX_FIELDS)
        fields = {name: value for name, value in form.items() if isinstance(value, str)}
    if who is not None:
        check_csrf(request, who, fields.get("csrf_token"))
    else:
        _check_form_cookie(request, fields.get("csrf_token"))
    if not urlencoded:
        raise UnsupportedMedia("this form must be sent as application/x-www-form-urlencoded")
    return fields


def _check_form_cookie(request: Request, presented: str | None) -> None:
    secret = request.cookies.get(form_cookie_name(request))
    expected = csrf_token(secret.encode()) if secret else None
    if presented is None or expected is None or not hmac.compare_digest(presented.encode(), expected.encode()):
        raise Forbidden("missing or wrong CSRF token; reload the page and try again")
