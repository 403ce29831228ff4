"""The documents page's search box and filters, read from its GET form.

The query string is read leniently: a hand-edited URL with an unknown kind or a
year that is not a number shows every document of that dimension instead of an
error (the JSON API, for programs, refuses them with 422).
"""

from __future__ import annotations

from vault.documents.model import Document
from vault.documents.names import CATEGORIES
from vault.documents.search import Query, years_of

MAX_TEXT = 200
FIRST_YEAR, LAST_YEAR = 1900, 2200


def read_query(q: str | None, category: str | None, year: str | None) -> Query:
    """The search the form asks for; `Query()` (everything) when nothing usable is given."""
    text = (q or "").strip()[:MAX_TEXT]
    kind = category if category in CATEGORIES else None
    number = int(year) if year and year.isdigit() and FIRST_YEAR <= int(year) <= LAST_YEAR else None
    return Query(text, kind, number)


def filtering(query: Query) -> bool:
    return query != Query()


def year_choices(documents: list[Document], query: Query) -> list[int]:
    """Years the person's documents are about or were added in, newest first (and the one asked for)."""
    years = {year for document in documents for year in years_of(document)}
    if query.year is not None:
        years.add(query.year)
    return sorted(years, reverse=True)
