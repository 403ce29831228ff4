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
from vault.tagging.ocr import read_page
from vault.tagging.payslip import employer, net_pay, pay_period
from vault.tagging.permit import permit_fields
from vault.tagging.rules import Rules, classify, load_rules

PDF = "application/pdf"


def is_taggable(mime: str) -> bool:
    """Whether tag_document reads this media type (images and PDF)."""
    return mime.split(";")[0].strip().lower() in IMAGE_FORMATS or mime.split(";")[0].strip().lower() == PDF


def _page_texts(data: bytes, mime: str, options: TaggingOptions, deadline: float) -> tuple[list[str], int]:
    if mime == PDF:
        pages = pdfs.pages(data, options)
    else:
        pages = [decode(data, mime, options)]
    texts, ocr_pages = [], 0
    for page in pages:
        if isinstance(page, Image.Image):
            texts.append(read_page(page, options.langs, deadline))
            ocr_pages += 1
        else:
            texts.append(page)
    return texts, ocr_pages


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
    with it. Raises TaggingFailed with a reason for anything it cannot read.
    """
    started = time.monotonic()
    mime = mime.split(";")[0].strip().lower()
    if not is_taggable(mime):
        raise TaggingFailed("unsupported_type", mime)
    if not data:
        raise TaggingFailed("empty", "no bytes")
    if len(data) > options.max_bytes:
        raise TaggingFailed("too_large", f"{len(data)} bytes > {options.max_bytes}")
    texts, ocr_pages = _page_texts(data, mime, options, started + options.timeout_seconds)
    text = "\n\f\n".join(texts)
    kind, fields, tags, cues = describe(text, load_rules(options.extra_rules))
    return TagResult(
        type=kind,
        fields=fields,
        tags=tags,
        languages=languages.detect(text),
        cues=cues,
        text=text,
        pages=len(texts),
        seconds=round(time.monotonic() - started, 3),
        ocr_pages=ocr_pages,
    )
