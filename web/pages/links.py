"""The pages of people without an account: `/s/<id>` (open a share link) and `/d/<id>`
(send a file through a deposit link).

The server renders what it knows without the fragment (status, language, PIN asked);
the page's module reads the fragment and does the rest in the browser. Dead ends
(expired, revoked, used up, locked, missing) are said in the link's language, then
in French and English. No cookie is read or set; the headers forbid indexing,
caching and referrers, and the CSP allows only our own scripts and blob: previews.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import anyio.to_thread
from fastapi import Request, Response
from fastapi.responses import HTMLResponse

from vault.deposits import receiving
from vault.deposits.media import ACCEPTED
from vault.errors import NotFound
from vault.shares import opening
from web.auth import runtime
from web.pages.area import page_router
from web.pages.locales import Catalog
from web.pages.render import kit_of

router = page_router()
LINK_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; "
    "frame-src blob:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; "
    "require-trusted-types-for 'script'"
)
LINK_HEADERS = {
    "content-security-policy": LINK_CSP, "x-robots-tag": "noindex, nofollow", "referrer-policy": "no-referrer",
    "cache-control": "no-store", "x-frame-options": "DENY",
}
GONE = {"expired": 410, "revoked": 410, "used_up": 410, "locked": 410}
SHARED_KEYS = ("app.name", "recipient.languages", "recipient.promise")


@router.get("/s/{share_id}")
async def open_page(share_id: str, request: Request) -> Response:
    """The recipient's page: opening, decrypting and showing happen in the browser."""
    try:
        found = await anyio.to_thread.run_sync(opening.state, runtime(request), share_id)
    except NotFound:
        return page(request, "link_open.html", None, "recipient.", 404, share_id=share_id, status="missing", needs_pin=False, problem="recipient.missing")
    return page(
        request, "link_open.html", found.language, "recipient.", GONE.get(found.status, 200),
        share_id=found.id, status=found.status, needs_pin=found.needs_pin, remaining=found.remaining,
        expires=moment(found.expires_at), problem=None if found.status == "active" else f"recipient.{found.status}",
    )


@router.get("/d/{deposit_id}")
async def drop_page(deposit_id: str, request: Request) -> Response:
    """The uploader's page: choose a file, it is sent with the token from the fragment."""
    try:
        found = await anyio.to_thread.run_sync(receiving.state, runtime(request), deposit_id)
    except NotFound:
        return page(request, "link_drop.html", None, "drop.", 404, deposit_id=deposit_id, status="missing", problem="drop.missing", max_bytes=0)
    return page(
        request, "link_drop.html", found.language, "drop.", GONE.get(found.status, 200),
        deposit_id=found.id, status=found.status, remaining=found.remaining, expires=moment(found.expires_at),
        max_bytes=found.max_bytes, max_mb=found.max_bytes // (1024 * 1024), accept=",".join(ACCEPTED),
        problem=None if found.status == "active" else f"drop.{found.status}",
    )


def page(request: Request, template: str, language: str | None, prefix: str, http_status: int, **context: Any) -> HTMLResponse:
    """Render in the link's language, with the strings the page's module needs in every language it offers."""
    kit = kit_of(request)
    locales = kit.locales
    lang = language if language is not None and locales.known(language) else locales.default
    offered = _offered(locales.catalogs, lang)
    strings = {c.code: {k: locales.text(c.code, k) for k in locales.default_strings() if k.startswith(prefix) or k in SHARED_KEYS} for c in offered}
    html = kit.templates.get_template(template).render(
        t=lambda key, **values: locales.text(lang, key, **values), say=lambda code, key: locales.text(code, key),
        lang=lang, dir=locales.catalogs[lang].direction, page_languages=offered, strings=strings,
        directions={c.code: c.direction for c in offered}, **context,
    )
    return HTMLResponse(html, status_code=http_status, headers=LINK_HEADERS)


def moment(value: datetime) -> str:
    return value.strftime("%d/%m/%Y %H:%M") + " UTC"


def _offered(catalogs: dict[str, Catalog], lang: str) -> list[Catalog]:
    """The link's language, then French and English."""
    codes = list(dict.fromkeys([lang, "fr", "en"]))
    return [catalogs[code] for code in codes if code in catalogs]
