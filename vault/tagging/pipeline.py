"""tag_document: bytes in, a TagResult (or TaggingFailed) out.

Runs entirely in memory: images are decoded from bytes, PDFs opened from
bytes, Tesseract fed through a pipe (see tesseract.py). Nothing is written to
any file. Every failure of a hostile or unreadable input becomes a
TaggingFailed with a reason; the deadline covers the whole document.
"""

from __future__ import annotations

import time

from PIL import Image

from vault.tagging import anchors, languages, pdfs
from vault.tagging.asylum import asylum_fields
from vault.tagging.cv import cv_tags
from vault.tagging.images import IMAGE_FORMATS, decode
from vault.tagging.model import TaggingFailed, TaggingOptions, TagResult
from vault.tagging.ocr import PageReading, read_page, reread
from vault.tagging.payslip import employer, net_pay, pay_period
from vault.tagging.permit import permit_fields
from vault.tagging.rules import Rules, classify, load_rules

PDF = "application/pdf"
PAGE_BREAK = "\n\f\n"


def _essence(mime: str) -> str:
    return mime.split(";")[0].strip().lower()


def is_taggable(mime: str) -> bool:
    """Whether tag_document reads this media type (JPEG, PNG, WebP, HEIC/HEIF, PDF)."""
    return _essence(mime) in IMAGE_FORMATS or _essence(mime) == PDF


EXPECTED_FIELDS = {
    "residence_permit": ("expires_on",),
    "asylum_decision": ("decision_date", "protection", "ofpra_number"),
    "payslip": ("pay_period", "employer", "net_pay"),
}


def _pages(data: bytes, mime: str, options: TaggingOptions, deadline: float) -> list[str | PageReading]:
    pages = pdfs.pages(data, options) if mime == PDF else [decode(data, mime, options)]
    return [read_page(p, options.langs, deadline) if isinstance(p, Image.Image) else p for p in pages]


def _joined(pages: list[str | PageReading]) -> str:
    return PAGE_BREAK.join(p.text if isinstance(p, PageReading) else p for p in pages)


def _incomplete(kind: str, fields: dict[str, str], tags: list[str]) -> bool:
    if kind == "cv":
        return not any(tag.startswith("language:") for tag in tags)
    return any(name not in fields for name in EXPECTED_FIELDS.get(kind, ()))


def payslip_fields(doc: anchors.Doc, rules: Rules) -> dict[str, str]:
    """`pay_period`, `employer`, `net_pay`, each only when found."""
    found = {"pay_period": pay_period(doc, rules), "employer": employer(doc, rules), "net_pay": net_pay(doc, rules)}
    return {name: value for name, value in found.items() if value}


def describe(text: str, rules: Rules) -> tuple[str, dict[str, str], list[str], list[str]]:
    """Type, fields, tags and matched cues of a document's text."""
    doc = anchors.Doc.from_text(text)
    kind, cues = classify(doc.compact, rules)
    fields: dict[str, str] = {}
    tags: list[str] = []
    if kind == "residence_permit":
        fields = permit_fields(doc, text, rules)
    elif kind == "asylum_decision":
        fields = asylum_fields(doc, rules)
    elif kind == "payslip":
        fields = payslip_fields(doc, rules)
    elif kind == "cv":
        tags = cv_tags(doc, rules)
    return kind, fields, tags, cues


def tag_document(data: bytes, mime: str, options: TaggingOptions) -> TagResult:
    """Recognise, classify and read the fields of one document held in memory.

    `mime` is the declared media type (see is_taggable); the bytes must agree
    with it. Pages without a text layer are OCR'd with automatic page
    segmentation; when a field the type calls for is still missing, they are
    read again row by row and both readings are used. Raises TaggingFailed
    with a reason for anything it cannot read.
    """
    started = time.monotonic()
    mime = _essence(mime)
    if not is_taggable(mime):
        raise TaggingFailed("unsupported_type", mime)
    if not data:
        raise TaggingFailed("empty", "no bytes")
    if len(data) > options.max_bytes:
        raise TaggingFailed("too_large", f"{len(data)} bytes > {options.max_bytes}")
    deadline = started + options.timeout_seconds
    pages = _pages(data, mime, options, deadline)
    readings = [p for p in pages if isinstance(p, PageReading)]
    rules = load_rules(options.extra_rules)
    text = _joined(pages)
    kind, fields, tags, cues = describe(text, rules)
    if readings and _incomplete(kind, fields, tags):
        text = PAGE_BREAK.join([text, *(reread(r, options.langs, deadline) for r in readings)])
        kind, fields, tags, cues = describe(text, rules)
    return TagResult(
        type=kind,
        fields=fields,
        tags=tags,
        languages=languages.detect(text),
        cues=cues,
        text=text,
        pages=len(pages),
        seconds=round(time.monotonic() - started, 3),
        ocr_pages=len(readings),
    )
