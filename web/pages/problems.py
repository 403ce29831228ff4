"""Errors on pages: a sentence in the person's language, never a stack trace.

`PageRoute` is the route class of every page: a missing session becomes a
redirect to the login page; a domain error becomes an error page with the
status the JSON API would use (so another person's document is a plain 404).
Forms catch the errors they can explain next to the fields instead. What the
router itself refuses on a page path (an unknown path, a wrong method) gets an
error page too, through `web.errors`.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException

from keys import DecryptionError
from storage import BlobNotFound, StorageUnavailable
from vault import errors
from web.errors import status_of
from web.pages.guard import LoginRequired, login_url, viewer
from web.pages.render import kit_of, render, see_other

log = logging.getLogger("vault.web")


class Damaged(errors.VaultError):
    """A stored document failed its integrity check."""

    code = "document_damaged"


def message(request: Request, error: Exception, form: str | None = None) -> tuple[str, dict[str, Any]]:
    """The locale key (and its values) explaining `error`; `form` picks a more precise sentence if one exists."""
    code = error.code if isinstance(error, errors.VaultError) else "unavailable"
    values: dict[str, Any] = {}
    if isinstance(error, errors.RateLimited):
        values["minutes"] = max(1, math.ceil(error.retry_after / 60))
    known = kit_of(request).locales.default_strings()
    for key in ([f"error.{form}.{code}"] if form else []) + [f"error.{code}"]:
        if key in known:
            return key, values
    return "error.error", values


def problem_page(request: Request, error: Exception) -> Response:
    if isinstance(error, errors.VaultError):
        status = status_of(error)
    elif isinstance(error, StorageUnavailable):
        status = 503
    else:
        status = 500
    key, values = message(request, error)
    headers = {"Retry-After": str(error.retry_after)} if isinstance(error, errors.RateLimited) else {}
    response = render(request, "problem.html", status=status, problem=key, problem_values=values, here="/")
    response.headers.update(headers)
    return response


async def refused_page(request: Request, error: HTTPException) -> Response:
    """The page for an HTTP refusal outside any page route: "this page does not exist" for 404 and 405."""
    await viewer(request)
    key = "error.page_not_found" if error.status_code in (404, 405) else "error.error"
    response = render(request, "problem.html", status=error.status_code, problem=key, problem_values={}, here="/")
    response.headers.update(error.headers or {})
    return response


class PageRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handle = super().get_route_handler()

        async def page(request: Request) -> Response:
            try:
                return await handle(request)
            except LoginRequired:
                return see_other(login_url(request))
            except errors.VaultError as error:
                return problem_page(request, error)
            except StorageUnavailable as error:
                log.error("storage unavailable: %s", type(error.__cause__ or error).__name__)
                return problem_page(request, error)
            except (DecryptionError, BlobNotFound) as error:
                log.error("a stored document failed its integrity check: %s", type(error).__name__)
                return problem_page(request, Damaged())

        return page
