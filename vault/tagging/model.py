"""The tagger's public values: options in, a result or a failure out."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DOCUMENT_TYPES = ("residence_permit", "asylum_decision", "payslip", "cv", "other")


@dataclass(frozen=True)
class TaggingOptions:
    """Bounds and settings for one tagging run.

    `langs` is a Tesseract language list (`fra+eng`, `fra+eng+ara`…).
    `timeout_seconds` bounds the whole document, every Tesseract call included.
    `extra_rules` names an operator's JSON file merged over the built-in rules.
    """

    langs: str = "fra+eng"
    max_bytes: int = 25 * 1024 * 1024
    max_pdf_pages: int = 10
    timeout_seconds: int = 60
    max_image_pixels: int = 40_000_000
    extra_rules: Path | None = None


@dataclass(frozen=True)
class TagResult:
    """What the tagger learnt about one document.

    `type` is one of DOCUMENT_TYPES (or a type an operator's rules add);
    `cues` names the rules that matched, as `type:cue`; `text` is the
    recognised text and belongs only in the encrypted metadata; `ocr_pages`
    counts the pages that went through Tesseract (the rest had a text layer).
    """

    type: str
    fields: dict[str, str]
    tags: list[str]
    languages: list[str]
    cues: list[str]
    text: str
    pages: int
    seconds: float
    ocr_pages: int = 0


class TaggingFailed(Exception):
    """The input could not be tagged; `reason` is a stable machine code.

    Reasons: too_large, empty, unsupported_type, pixel_flood, unreadable_image,
    unreadable_pdf, encrypted_pdf, too_many_pages, timeout, ocr_failed.
    """

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail

    def __reduce__(self) -> tuple[type[TaggingFailed], tuple[str, str]]:
        return (TaggingFailed, (self.reason, self.detail))
