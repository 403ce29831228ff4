"""Reading a mandate's scope from a form (categories, documents, permissions, duration) and
the choices the form offers."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.datastructures import FormData

from vault.documents.names import CATEGORIES
from vault.mandates import DEFAULT_DAYS, Scope, check_scope
from web.pages.link_forms import text, whole_number

DURATIONS = (1, 7, 30, 90, 183, 365)


@dataclass(frozen=True)
class ScopeChoices:
    """What a scope form shows: every category, the person's documents (on the person's side), durations."""

    categories: tuple[str, ...] = CATEGORIES
    durations: tuple[int, ...] = DURATIONS


def scope_from(form: FormData, with_documents: bool = True) -> Scope:
    """The scope a posted form chose; `InvalidInput` when it is not a valid one."""
    days = whole_number(text(form, "days"), DEFAULT_DAYS)
    documents = [v for v in form.getlist("document") if isinstance(v, str)] if with_documents else []
    return check_scope(
        [v for v in form.getlist("category") if isinstance(v, str)],
        [v for v in form.getlist("permission") if isinstance(v, str)], days, documents,
    )
