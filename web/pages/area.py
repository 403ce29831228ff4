"""What every page router shares: the error-handling route class, HTML by default, no OpenAPI entry."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from web.pages.problems import PageRoute


def page_router() -> APIRouter:
    return APIRouter(route_class=PageRoute, include_in_schema=False, default_response_class=HTMLResponse)
