"""Server-rendered, phone-first pages (Jinja2): one module per area.

`router` holds every page; its lifespan loads the templates and locales into
`app.state.pages`. Static files live in `STATIC_DIR`, served under `/static`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI

from web.pages import account, caseworkers, documents, editing, home, join, journal, passphrase, people, trusted
from web.pages.render import WEB, PageKit

STATIC_DIR = WEB / "static"


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    app.state.pages = PageKit.load(app.state.runtime.settings.default_language)
    yield


router = APIRouter(lifespan=lifespan)
for area in (home, account, passphrase, documents, editing, caseworkers, people, trusted, journal, join):
    router.include_router(area.router)

__all__ = ["STATIC_DIR", "router"]
