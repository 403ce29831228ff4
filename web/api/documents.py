"""Documents: `/api/v1/documents`.

Upload: the raw request body is the file (`Content-Type` is its type, query
`filename`, `title`, `category`), or a browser's multipart form streamed with
python-multipart. Never Starlette's form files: they spool to disk.
"""

from __future__ import annotations

from typing import Annotated

import anyio.to_thread
from fastapi import APIRouter, Header, Query, Request, Response
from fastapi import Path as FastPath
from fastapi.responses import StreamingResponse

from vault.documents import previews
from vault.documents import service as documents
from vault.documents.model import Document
from vault.documents.search import Query as SearchQuery
from vault.documents.search import search
from vault.runtime import Runtime
from vault.sessions import Unlocked
from web.api.schemas import Category, DocumentDetail, DocumentOut, DocumentPatch, Problem
from web.auth import Rt, Who, check_form_csrf
from web.content import Prefetched, content_headers, parse_range
from web.security import PREVIEW_CSP
from web.uploads import FormStream, pull

router = APIRouter(prefix="/api/v1/documents", tags=["documents"], responses={401: {"model": Problem}, 404: {"model": Problem}})
VERIFY_BEFORE_SENDING = 8 * 1024 * 1024
PERSON = "A caseworker's: the person whose documents (within the mandate's scope)"
ANY_FILE = {"content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}, "required": True}


def out(document: Document) -> DocumentOut:
    return DocumentOut.model_validate(document.public())


@router.post("", status_code=201, response_model=DocumentOut, openapi_extra={"requestBody": ANY_FILE},
             responses={413: {"model": Problem}, 422: {"model": Problem}})
async def upload(
    request: Request, who: Who, rt: Rt,
    filename: Annotated[str | None, Query(max_length=255)] = None,
    title: Annotated[str | None, Query(max_length=200)] = None,
    category: Category | None = None,
    person: Annotated[str | None, Query(pattern=r"^[0-9a-f]{32}$", description=PERSON)] = None,
) -> DocumentOut:
    """Add a document. The body is encrypted as it streams; nothing touches the disk in clear.
    A caseworker adds to a person's inbox with `person` (a mandate with `add`); they keep no key to it."""
    content_type = request.headers.get("content-type", "")
    upload = documents.Upload(filename, content_type, title, category)
    if content_type.startswith("multipart/form-data"):
        document = await anyio.to_thread.run_sync(add_from_form, rt, who, request, upload, person)
    else:
        body = request.stream()
        document = await anyio.to_thread.run_sync(lambda: documents.add(rt, who, upload, pull(body), person))
    return out(document)


def add_from_form(rt: Runtime, who: Unlocked, request: Request, query: documents.Upload, person: str | None = None) -> Document:
    form = FormStream(request.headers["content-type"], pull(request.stream()))
    fields = form.open()
    check_form_csrf(request, fields)
    upload = documents.Upload(
        form.filename, form.content_type, fields.get("title") or query.title, fields.get("category") or query.category
    )
    return documents.add(rt, who, upload, form.chunks(), person)


@router.get("", response_model=list[DocumentOut])
async def list_documents(
    who: Who, rt: Rt,
    q: Annotated[str, Query(max_length=200, description="Words to find in titles, tags, fields and the text read")] = "",
    category: Category | None = None,
    year: Annotated[int | None, Query(ge=1900, le=2200, description="A year the document is about or was added")] = None,
    person: Annotated[str | None, Query(pattern=r"^[0-9a-f]{32}$", description=PERSON)] = None,
) -> list[DocumentOut]:
    """The person's documents, newest first, filtered (metadata decrypted in memory; no index exists).
    A caseworker lists a person's documents in the scope of their mandate with `person`."""
    found = await anyio.to_thread.run_sync(documents.list_documents, rt, who, person)
    return [out(d) for d in search(found, SearchQuery(q, category, year))]


@router.get("/{document_id}", response_model=DocumentDetail)
async def get_document(document_id: str, who: Who, rt: Rt) -> DocumentDetail:
    """One document: the owner's, or a person's within a caseworker's mandate (journaled for the person)."""
    document = await anyio.to_thread.run_sync(documents.get, rt, who, document_id)
    return DocumentDetail.model_validate({**document.public(), "text": document.ocr_text})


@router.get("/{document_id}/content", responses={200: {"content": {"application/octet-stream": {}}}, 206: {}, 416: {"model": Problem}})
async def content(
    document_id: str, who: Who, rt: Rt, inline: bool = False, range_header: Annotated[str | None, Header(alias="range")] = None
) -> Response:
    """The document's bytes (HTTP Range supported). `inline=true` previews images and PDFs, sandboxed."""
    read = await anyio.to_thread.run_sync(documents.read, rt, who, document_id, lambda size: parse_range(range_header, size))
    document = read.document
    media_type, headers = content_headers(document.filename, document.mime, inline)
    headers["content-length"] = str(read.end - read.start)
    status = 200
    if range_header:
        status = 206
        headers["content-range"] = f"bytes {read.start}-{read.end - 1}/{document.size}"
    if read.end - read.start <= VERIFY_BEFORE_SENDING:
        whole = b"".join(await anyio.to_thread.run_sync(list, read.chunks))
        return Response(whole, status_code=status, media_type=media_type, headers=headers)
    return StreamingResponse(Prefetched(read.chunks), status_code=status, media_type=media_type, headers=headers)


@router.get(
    "/{document_id}/pages/{number}",
    responses={200: {"content": {"image/png": {}}, "headers": {"x-page-count": {"description": "Pages in the PDF"}}},
               413: {"model": Problem}, 415: {"model": Problem}, 422: {"model": Problem}, 503: {"model": Problem}},
)
async def page(document_id: str, number: Annotated[int, FastPath(ge=1, le=100_000)], who: Who, rt: Rt) -> Response:
    """Page `number` of a PDF drawn as a PNG (at most 1000 pixels wide) by an isolated worker: how phones,
    which show no PDF inside a page, preview one. `X-Page-Count` gives the number of pages."""
    drawn = await anyio.to_thread.run_sync(previews.page, rt, who, document_id, number)
    headers = {"x-page-count": str(drawn.pages), "content-security-policy": PREVIEW_CSP, "cache-control": "private, no-store"}
    return Response(drawn.png, media_type="image/png", headers=headers)


@router.patch("/{document_id}", response_model=DocumentOut, responses={422: {"model": Problem}})
async def update(document_id: str, body: DocumentPatch, who: Who, rt: Rt) -> DocumentOut:
    """Rename the document, set its category, correct its fields or tags (the person's choice wins over the tagger). Owner only."""
    change = documents.Change(body.title, body.category, body.fields, body.tags)
    return out(await anyio.to_thread.run_sync(documents.update, rt, who, document_id, change))


@router.delete("/{document_id}", status_code=204)
async def delete(document_id: str, who: Who, rt: Rt) -> Response:
    """Delete the document: its keys (every reader's), its metadata and its blob. Owner only."""
    await anyio.to_thread.run_sync(documents.delete, rt, who, document_id)
    return Response(status_code=204)
