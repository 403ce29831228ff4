"""A mandate: one person's consent to one caseworker, with its scope and its life.

Life: `requested` (the caseworker asked) → `active` (the person approved, or granted it
themselves) → `revoked` (by the person), `ended` (by the caseworker) or `expired`. A
request can also be `declined` (by the person) or `withdrawn` (by the caseworker). While
active, the caseworker may ask for more scope; the ask waits in `asked` until answered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from vault.documents.names import CATEGORIES
from vault.errors import InvalidInput
from vault.organisations import Caseworker

PERMISSIONS = ("view", "add")
MIN_DAYS, MAX_DAYS, DEFAULT_DAYS = 1, 365, 183
LIVE = ("requested", "active")
STATUSES = ("requested", "active", "declined", "withdrawn", "revoked", "ended", "expired")


@dataclass(frozen=True)
class Scope:
    """What the caseworker may do: read documents of `categories` or listed in `document_ids`
    (with `view`), add documents to the inbox (with `add`), for `days` from approval."""

    categories: frozenset[str] = frozenset()
    permissions: frozenset[str] = frozenset({"view"})
    days: int = DEFAULT_DAYS
    document_ids: frozenset[str] = frozenset()

    def covers(self, document_id: str, category: str) -> bool:
        """Whether the caseworker may read this document."""
        return "view" in self.permissions and (category in self.categories or document_id in self.document_ids)

    @property
    def can_add(self) -> bool:
        return "add" in self.permissions


def check_scope(categories: list[str] | None, permissions: list[str] | None, days: int | None, document_ids: list[str] | None = None) -> Scope:
    """A valid scope, or `InvalidInput` saying what is wrong."""
    scope = Scope(
        frozenset(categories or ()), frozenset(permissions if permissions is not None else ("view",)),
        DEFAULT_DAYS if days is None else days, frozenset(document_ids or ()),
    )
    if not scope.categories <= set(CATEGORIES):
        raise InvalidInput(f"categories must be among {', '.join(CATEGORIES)}")
    if not scope.permissions or not scope.permissions <= set(PERMISSIONS):
        raise InvalidInput("permissions must be view, add or both")
    if not MIN_DAYS <= scope.days <= MAX_DAYS:
        raise InvalidInput(f"a mandate lasts {MIN_DAYS} to {MAX_DAYS} days")
    if "view" in scope.permissions and not (scope.categories or scope.document_ids):
        raise InvalidInput("to view, choose at least one category or document")
    return scope


def joined(values: frozenset[str]) -> str:
    return ",".join(sorted(values))


def split(text: str | None) -> frozenset[str]:
    return frozenset(part for part in (text or "").split(",") if part)


@dataclass(frozen=True)
class Mandate:
    id: str
    status: str
    started_by: str
    person_id: str
    person_handle: str
    caseworker: Caseworker
    scope: Scope
    created_at: datetime
    approved_at: datetime | None = None
    expires_at: datetime | None = None
    ended_at: datetime | None = None
    asked: Scope | None = field(default=None)
