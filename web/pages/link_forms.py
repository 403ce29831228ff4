"""What the owner's link pages share: durations offered, reading their forms, the link as text and QR code."""

from __future__ import annotations

import segno
from fastapi import Request
from starlette.datastructures import FormData

from vault.errors import InvalidInput, UnsupportedMedia
from vault.sessions import Unlocked
from web.api.shares import base_url
from web.auth import check_csrf, check_same_origin, runtime

DURATIONS = (1, 24, 72, 168, 720, 2160)
DEFAULT_DURATION = 168
MAX_FORM_FIELDS = 100


async def posted_fields(request: Request, who: Unlocked) -> FormData:
    """A urlencoded form with repeated fields (several documents), after the origin and CSRF checks."""
    check_same_origin(request)
    if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        raise UnsupportedMedia("this form must be sent as application/x-www-form-urlencoded")
    form = await request.form(max_files=0, max_fields=MAX_FORM_FIELDS)
    token = form.get("csrf_token")
    check_csrf(request, who, token if isinstance(token, str) else None)
    return form


def text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def whole_number(value: str, default: int | None) -> int | None:
    """A form's number: empty gives `default`, anything else must be digits."""
    if value == "":
        return default
    if not value.isascii() or not value.isdigit() or len(value) > 6:
        raise InvalidInput("a whole number is expected")
    return int(value)


def full_url(request: Request, path: str) -> str:
    return base_url(request, runtime(request).settings.public_url) + path


def qr_data_uri(url: str) -> str:
    """The link as a QR code, an SVG `data:` URI made in memory (the secret is in no file and no URL we serve)."""
    uri: str = segno.make(url, error="m", micro=False).svg_data_uri(scale=4, border=2)
    return uri
