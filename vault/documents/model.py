"""A document as its reader sees it, rebuilt from the encrypted metadata."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from vault.clock import as_utc


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    filename: str
    mime: str
    size: int
    sha256: str
    category: str
    category_source: str
    tag_state: str
    created_at: datetime
    updated_at: datetime
    tags: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    tag_error: str | None = None
    added_by: str | None = None
    ocr_text: str = ""

    @classmethod
    def from_parts(cls, row: Any, meta: dict[str, Any]) -> Document:
        return cls(
            id=row.id, title=meta["title"], filename=meta["filename"], mime=meta["mime"],
            size=int(row.size), sha256=meta["sha256"], category=meta.get("category", "other"),
            category_source=meta.get("category_source", "none"), tag_state=row.tag_state,
            created_at=as_utc(row.created_at), updated_at=as_utc(row.updated_at),
            tags=list(meta.get("tags", [])), fields=dict(meta.get("fields", {})),
            tag_error=meta.get("tag_error"), added_by=meta.get("added_by"), ocr_text=meta.get("ocr_text", ""),
        )

    def public(self) -> dict[str, Any]:
        """The API's view: everything except the OCR text."""
        view = asdict(self)
        view.pop("ocr_text")
        return view
