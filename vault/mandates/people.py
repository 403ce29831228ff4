"""A caseworker's view of the people they follow: each active mandate with the documents in
its scope and the residence permits among them that expire soon.

Reading a person's documents is journaled in that person's journal (`documents.listed`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from vault import reminders
from vault.documents import service as documents
from vault.documents.model import Document
from vault.errors import NotFound
from vault.mandates import service as mandates
from vault.mandates.model import Mandate
from vault.reminders import Reminder
from vault.runtime import Runtime
from vault.sessions import Unlocked

MISSING = "no such person"


@dataclass(frozen=True)
class Followed:
    mandate: Mandate
    documents: list[Document] = field(default_factory=list)
    reminders: list[Reminder] = field(default_factory=list)


def followed(rt: Runtime, who: Unlocked) -> list[Followed]:
    """Every person with an active mandate to `who`, by handle."""
    active = [m for m in mandates.list_mandates(rt, who) if m.status == "active" and m.caseworker.id == who.account_id]
    return [_follow(rt, who, m) for m in sorted(active, key=lambda m: m.person_handle)]


def one(rt: Runtime, who: Unlocked, person_id: str) -> Followed:
    """The person, if they gave `who` an active mandate; `NotFound` otherwise (expired ones included)."""
    for mandate in mandates.list_mandates(rt, who):
        if mandate.person_id == person_id and mandate.caseworker.id == who.account_id and mandate.status == "active":
            return _follow(rt, who, mandate)
    raise NotFound(MISSING)


def _follow(rt: Runtime, who: Unlocked, mandate: Mandate) -> Followed:
    if "view" not in mandate.scope.permissions:
        return Followed(mandate)
    found = documents.list_documents(rt, who, mandate.person_id)
    return Followed(mandate, found, reminders.due(found, rt.clock().date()))
