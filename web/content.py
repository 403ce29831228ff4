"""Serving document bytes safely: ranges, Content-Disposition (RFC 6266), sandboxing."""

from __future__ import annotations

import re
from urllib.parse import quote

from vault.documents.names import PREVIEWABLE
from vault.documents.service import RangeNotSatisfiable
from web.security import PREVIEW_CSP

RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def parse_range(header: str | None, size: int) -> tuple[int, int] | None:
    """A single `bytes=` range as [start, end) or None for the whole body."""
    if not header:
        return None
    match = RANGE.match(header.strip())
    if not match or match.groups() == ("", ""):
        raise RangeNotSatisfiable("only one byte range of the form bytes=start-end is supported")
    first, last = match.groups()
    if first == "":
        start, end = max(size - int(last), 0), size
    else:
        start = int(first)
        end = size if last == "" else min(int(last) + 1, size)
    if start >= end:
        raise RangeNotSatisfiable(f"the document has {size} bytes")
    return start, end


def ascii_fallback(filename: str) -> str:
    kept = "".join(c if c.isascii() and (c.isalnum() or c in " ._-()") else "_" for c in filename)
    return kept.strip() or "document"


def disposition(filename: str, inline: bool) -> str:
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_fallback(filename)}\"; filename*=UTF-8''{quote(filename, safe='')}"


def content_headers(filename: str, mime: str, want_inline: bool) -> tuple[str, dict[str, str]]:
    """Media type and headers; only images and PDFs are ever inline, always sandboxed."""
    inline = want_inline and mime in PREVIEWABLE
    served_type = mime if inline else "application/octet-stream"
    return served_type, {
        "content-disposition": disposition(filename, inline),
        "content-security-policy": PREVIEW_CSP,
        "x-content-type-options": "nosniff",
        "accept-ranges": "bytes",
        "cache-control": "private, no-store",
    }
