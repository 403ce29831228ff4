"""The one place where domain errors become HTTP responses.

Body: `{"error": "<stable code>", "detail": "<human sentence>"}`. Outside `/api/`
a refusal of the router itself (unknown path, wrong method) is an HTML page instead.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from keys import DecryptionError
from storage import BlobNotFound, StorageUnavailable
from vault import errors
from vault.documents.service import RangeNotSatisfiable

log = logging.getLogger("vault.web")

STATUS: dict[type[errors.VaultError], int] = {
    RangeNotSatisfiable: 416,
    errors.InvalidInput: 422,
    errors.Unauthenticated: 401,
    errors.Forbidden: 403,
    errors.NotFound: 404,
    errors.Conflict: 409,
    errors.TooLarge: 413,
    errors.UnsupportedMedia: 415,
    errors.RateLimited: 429,
    errors.Unavailable: 503,
}
API_PREFIX = "/api/"
HTTP_CODES = {400: "bad_request", 401: "unauthenticated", 403: "forbidden", 404: "not_found", 405: "method_not_allowed", 413: "too_large"}


def status_of(error: errors.VaultError) -> int:
    for kind in type(error).__mro__:
        if kind in STATUS:
            return STATUS[kind]
    return 500


def body(code: str, detail: str, status: int, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": code, "detail": detail}, status_code=status, headers=headers)


async def vault_error(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, errors.VaultError)
    headers = {"Retry-After": str(error.retry_after)} if isinstance(error, errors.RateLimited) else None
    return body(error.code, error.detail, status_of(error), headers)


async def validation_error(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:]) or 'body'}: {e['msg']}" for e in error.errors())
    return body("invalid_input", problems or "the request is malformed", 422)


def is_api(path: str) -> bool:
    return path.startswith(API_PREFIX) or path == API_PREFIX.rstrip("/")


async def http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    if not is_api(request.url.path):
        from web.pages.problems import refused_page  # imported here: the pages import this module

        return await refused_page(request, error)
    return body(HTTP_CODES.get(error.status_code, "error"), str(error.detail), error.status_code, getattr(error, "headers", None))


async def storage_unavailable(_: Request, error: Exception) -> JSONResponse:
    log.error("storage unavailable: %s", type(error.__cause__ or error).__name__)
    return body("unavailable", "document storage cannot be reached; try again later", 503)


async def damaged(_: Request, error: Exception) -> JSONResponse:
    log.error("a stored document failed its integrity check: %s", type(error).__name__)
    return body("document_damaged", "this document is damaged in storage and cannot be opened", 500)


def install(app: FastAPI) -> None:
    app.add_exception_handler(errors.VaultError, vault_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(StorageUnavailable, storage_unavailable)
    app.add_exception_handler(DecryptionError, damaged)
    app.add_exception_handler(BlobNotFound, damaged)
