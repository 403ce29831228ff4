"""Building TaggingOptions from the one Settings object (VAULT_OCR_* variables)."""

from __future__ import annotations

from dataclasses import replace

from vault.settings import Settings
from vault.tagging.model import TaggingOptions


def options_from_settings(settings: Settings, langs: str | None = None) -> TaggingOptions:
    """Options from `settings`; `langs` (e.g. from a command line) overrides VAULT_OCR_LANGS."""
    options = TaggingOptions(
        langs=settings.ocr_langs,
        max_bytes=settings.ocr_max_bytes,
        max_pdf_pages=settings.ocr_max_pdf_pages,
        timeout_seconds=settings.ocr_timeout_seconds,
    )
    return replace(options, langs=langs) if langs else options
