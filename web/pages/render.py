"""Turning a template, the person's language and their form token into an HTML response.

The `PageKit` (templates, locales, fingerprinted static URLs) is built once per
app by the pages router's lifespan and kept in `app.state.pages`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from vault.sessions import Unlocked
from web.auth import runtime
from web.pages import guard
from web.pages.locales import Locales

WEB = Path(__file__).resolve().parent.parent
LANG_COOKIE = "lang"
LANG_COOKIE_SECONDS = 365 * 24 * 3600


@dataclass(frozen=True)
class PageKit:
    templates: Environment
    locales: Locales
    versions: dict[str, str]

    @classmethod
    def load(cls, default_language: str, root: Path = WEB) -> PageKit:
        templates = Environment(
            loader=FileSystemLoader(root / "templates"), autoescape=True, undefined=StrictUndefined,
            trim_blocks=True, lstrip_blocks=True,
        )
        static = root / "static"
        versions = {
            p.relative_to(static).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()[:10]
            for p in static.rglob("*") if p.is_file()
        }
        kit = cls(templates, Locales.load(root / "locales", default_language), versions)
        templates.globals["static"] = kit.static_url
        return kit

    def static_url(self, path: str) -> str:
        """`/static/<path>?v=<content hash>`: cached for long, changed when the file changes."""
        return f"/static/{path}?v={self.versions[path]}"


def kit_of(request: Request) -> PageKit:
    kit: PageKit = request.app.state.pages
    return kit


def language_of(request: Request, who: Unlocked | None = None) -> str:
    """The `lang` cookie (an explicit choice), else the account's language, else the default."""
    locales = kit_of(request).locales
    chosen = request.cookies.get(LANG_COOKIE)
    if locales.known(chosen):
        return str(chosen)
    if who is not None and locales.known(who.language):
        return who.language
    return locales.default


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render `template` for whoever is asking (`request.state.who` when signed in)."""
    kit = kit_of(request)
    who: Unlocked | None = getattr(request.state, "who", None)
    lang = language_of(request, who)
    token, new_secret = guard.form_token(request, who)
    here = context.pop("here", request.url.path)
    html = kit.templates.get_template(template).render(
        t=lambda key, **values: kit.locales.text(lang, key, **values),
        lang=lang, dir=kit.locales.catalogs[lang].direction, languages=kit.locales.choices(),
        here=quote(here, safe="/"), csrf=token, who=who, recoveries_under_way=getattr(request.state, "recoveries", []),
        min_length=runtime(request).settings.passphrase_min_length, **context,
    )
    response = HTMLResponse(html, status_code=status)
    if new_secret is not None:
        guard.set_form_cookie(response, request, new_secret)
    return response


def see_other(url: str) -> RedirectResponse:
    """Redirect after POST (303: the browser follows with GET)."""
    return RedirectResponse(url, status_code=303)


def set_language(response: RedirectResponse | HTMLResponse, code: str) -> None:
    response.set_cookie(LANG_COOKIE, code, max_age=LANG_COOKIE_SECONDS, path="/", httponly=True, samesite="lax")
