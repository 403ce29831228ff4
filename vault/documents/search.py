"""Search and filters over a person's documents, on metadata decrypted in memory.

There is no index on the server: a person has a few hundred documents at most,
and their metadata is decrypted for the request and dropped after it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from vault.documents.model import Document

DATE_FIELDS = ("expires_on", "decision_date", "pay_period")


def fold(text: str) -> str:
    """Lowercase, accents stripped, whitespace collapsed: 'Séjour' and 'SEJOUR' match."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", bare.casefold()).strip()


@dataclass(frozen=True)
class Query:
    text: str = ""
    category: str | None = None
    year: int | None = None

    def matches(self, document: Document) -> bool:
        if self.category is not None and document.category != self.category:
            return False
        if self.year is not None and self.year not in years_of(document):
            return False
        return all(word in haystack(document) for word in fold(self.text).split())


def haystack(document: Document) -> str:
    parts = [document.title, document.filename, document.category, *document.tags, *document.fields.values(), document.ocr_text]
    return fold(" ".join(parts))


def years_of(document: Document) -> set[int]:
    """The document's own dates (expiry, decision, pay period) and when it was added."""
    years = {document.created_at.year}
    for name in DATE_FIELDS:
        match = re.match(r"^(\d{4})-\d{2}", document.fields.get(name, ""))
        if match:
            years.add(int(match.group(1)))
    return years


def search(documents: list[Document], query: Query) -> list[Document]:
    return [d for d in documents if query.matches(d)]
