"""The app factory: `uvicorn --factory web.app:create_app`."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from vault import housekeeping
from vault.bootstrap import build_runtime, close_runtime
from vault.runtime import Runtime
from vault.settings import Settings
from web import errors, pages
from web.api import accounts, deposit_links, deposits, documents, journal, links, mandates, people, reminders, shares, trustees
from web.limits import BodyLimit
from web.logs import protect_access_log
from web.pages import deposits as deposit_pages
from web.pages import inbox as inbox_pages
from web.pages import links as link_pages
from web.pages import shares as share_pages
from web.security import SecurityHeaders

VERSION = "0.1.0"
log = logging.getLogger("vault.web")


def create_app(settings: Settings | None = None, runtime: Runtime | None = None) -> FastAPI:
    """Build the app. A prepared `runtime` (tests, benchmarks) is used as is and not closed."""
    settings = settings or (runtime.settings if runtime else Settings())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        protect_access_log()
        rt = runtime or await anyio.to_thread.run_sync(build_runtime, settings)
        app.state.runtime = rt
        app.state.login_limiter = anyio.CapacityLimiter(settings.login_concurrency)
        try:
            async with anyio.create_task_group() as background:
                if settings.housekeeping_minutes:
                    await anyio.to_thread.run_sync(housekeeping.purge, rt)
                    background.start_soon(_keep_house, rt, settings.housekeeping_minutes * 60)
                yield
                background.cancel_scope.cancel()
        finally:
            if runtime is None:
                close_runtime(rt)

    app = FastAPI(
        title="vault",
        version=VERSION,
        summary="An encrypted personal document safe",
        lifespan=lifespan,
        openapi_url="/api/v1/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    errors.install(app)
    app.include_router(accounts.router)
    app.include_router(documents.router)
    app.include_router(reminders.router)
    app.include_router(pages.router)
    for router in (shares.router, links.router, deposits.router, deposits.inbox_router, deposit_links.router):
        app.include_router(router)
    for router in (mandates.router, mandates.caseworkers_router, people.router, journal.router, trustees.router, trustees.claims_router):
        app.include_router(router)
    for router in (share_pages.router, deposit_pages.router, inbox_pages.router, link_pages.router):
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=pages.STATIC_DIR), name="static")
    app.add_middleware(BodyLimit, upload_bytes=settings.max_upload_bytes, other_bytes=settings.max_json_bytes)
    app.add_middleware(SecurityHeaders)
    return app


async def _keep_house(rt: Runtime, every_seconds: float) -> None:
    """Purge lapsed mandates and ended links every `every_seconds`; a failure is logged, not fatal."""
    while True:
        await anyio.sleep(every_seconds)
        try:
            await anyio.to_thread.run_sync(housekeeping.purge, rt)
        except Exception:  # the next round tries again; requests enforce expiry anyway
            log.exception("housekeeping failed")
