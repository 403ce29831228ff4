"""Carrying the new recovery code from the sign-up POST to the sheet page, once.

The code must never be in a URL and the server keeps no copy. After sign-up the
code rides in a short-lived HttpOnly cookie, sealed under a key derived from the
new session's secret and bound to the session id, scoped to `/welcome`; the sheet
page opens it and deletes the cookie in the same response, so a reload shows
that it was already shown.
"""

from __future__ import annotations

import base64
import binascii

import segno
from fastapi import Request, Response

from keys import DecryptionError, derive_key, open_sealed, seal
from vault.sessions import Grant, Unlocked
from vault.sessions.service import parse_token
from web.auth import runtime

SHEET_INFO = "vault/v1/pages/recovery-sheet"
SHEET_PATH = "/welcome"
SHEET_SECONDS = 600


def cookie_name(request: Request) -> str:
    return "__Host-vault_sheet" if runtime(request).settings.cookie_secure else "vault_sheet"


def keep(response: Response, request: Request, grant: Grant, recovery_code: str) -> None:
    session_id, secret = parse_token(grant.token)
    sealed = seal(derive_key(secret, SHEET_INFO), recovery_code.encode(), session_id.encode())
    response.set_cookie(
        cookie_name(request), base64.urlsafe_b64encode(sealed).decode(), max_age=SHEET_SECONDS,
        path="/" if cookie_name(request).startswith("__Host-") else SHEET_PATH,
        secure=runtime(request).settings.cookie_secure, httponly=True, samesite="strict",
    )


def read(request: Request, who: Unlocked) -> str | None:
    """The recovery code if this session has not seen its sheet yet (then `forget` it)."""
    value = request.cookies.get(cookie_name(request))
    if not value:
        return None
    try:
        sealed = base64.urlsafe_b64decode(value.encode())
        return open_sealed(derive_key(who.secret, SHEET_INFO), sealed, who.session_id.encode()).decode()
    except (binascii.Error, ValueError, DecryptionError):
        return None


def forget(response: Response, request: Request) -> None:
    response.delete_cookie(
        cookie_name(request), path="/" if cookie_name(request).startswith("__Host-") else SHEET_PATH,
        secure=runtime(request).settings.cookie_secure, httponly=True, samesite="strict",
    )


def qr_data_uri(recovery_code: str) -> str:
    """The code as a QR code, an SVG `data:` URI made in memory (no file, no URL holding the code)."""
    uri: str = segno.make(recovery_code, error="m", micro=False).svg_data_uri(scale=6, border=2)
    return uri


def groups(recovery_code: str) -> list[str]:
    return [group for group in recovery_code.split("-") if group]
