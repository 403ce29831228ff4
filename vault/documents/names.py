"""Filenames, titles and media types are data, never paths or markup."""

from __future__ import annotations

import re
import unicodedata

from vault.errors import InvalidInput

CATEGORIES = ("residence_permit", "asylum_decision", "payslip", "cv", "other")
MEDIA_TYPE = re.compile(r"^[a-z0-9][a-z0-9!#$&^_.+-]{0,62}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$")
PREVIEWABLE = {"image/jpeg", "image/png", "image/webp", "image/gif", "application/pdf"}
MAX_NAME = 200


def clean_text(value: str, limit: int = MAX_NAME) -> str:
    """Drop control, format (incl. bidi overrides) and separator characters other than spaces."""
    kept = []
    for char in unicodedata.normalize("NFC", value):
        kind = unicodedata.category(char)
        if kind.startswith("C") or kind in ("Zl", "Zp"):
            continue
        kept.append(" " if kind == "Zs" else char)
    return re.sub(r" {2,}", " ", "".join(kept)).strip()[:limit]


def clean_filename(name: str | None) -> str:
    """The last path component, cleaned; never empty, never a dot-name."""
    base = re.split(r"[\\/]", name or "")[-1]
    cleaned = clean_text(base).lstrip(". ")
    return cleaned or "document"


def title_from(filename: str) -> str:
    stem = filename.rsplit(".", 1)[0] if "." in filename else filename
    return stem.replace("_", " ").strip() or filename


def clean_title(title: str) -> str:
    cleaned = clean_text(title)
    if not cleaned:
        raise InvalidInput("the title cannot be empty")
    return cleaned


def clean_media_type(value: str | None) -> str:
    media_type = (value or "application/octet-stream").split(";")[0].strip().lower()
    if not MEDIA_TYPE.match(media_type):
        raise InvalidInput("the Content-Type is not a valid media type")
    return media_type


def check_category(category: str | None) -> str | None:
    if category is not None and category not in CATEGORIES:
        raise InvalidInput(f"category must be one of {', '.join(CATEGORIES)}")
    return category


FIELD_NAME = re.compile(r"^[a-z][a-z_]{0,31}$")
DATE_FIELDS = {"expires_on": r"^\d{4}-\d{2}-\d{2}$", "decision_date": r"^\d{4}-\d{2}-\d{2}$", "pay_period": r"^\d{4}-\d{2}$"}


def check_corrections(fields: dict[str, str] | None, tags: list[str] | None) -> dict[str, object]:
    """Cleaned `fields` and `tags` to store, marked as the person's own."""
    corrected: dict[str, object] = {}
    if fields is not None:
        for name, value in fields.items():
            if not FIELD_NAME.match(name):
                raise InvalidInput(f"a field name is lowercase letters and underscores: {name[:32]!r}")
            if name in DATE_FIELDS and value and not re.match(DATE_FIELDS[name], value):
                raise InvalidInput(f"{name} must look like {'YYYY-MM' if name == 'pay_period' else 'YYYY-MM-DD'}")
        corrected["fields"] = {name: clean_text(value) for name, value in fields.items() if clean_text(value)}
        corrected["fields_source"] = "user"
    if tags is not None:
        corrected["tags"] = sorted({clean_text(tag, 50) for tag in tags if clean_text(tag, 50)})
    return corrected
