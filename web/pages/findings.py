"""What the tagger found in a document, in the words the document page shows.

Field names are the tagger's (`expires_on`, `protection`, `pay_period`…); each
known one has a label `read.<name>` in the locale files, and values from a
closed list (`protection`, `permit_kind`) have their own words. A field an
operator's rules add is shown under its own name, as it was read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

DAY_FIELDS = ("expires_on", "decision_date")
MONTH_FIELDS = ("pay_period",)
CHOICES: dict[str, tuple[str, ...]] = {
    "permit_kind": (
        "carte_temporaire", "carte_pluriannuelle", "carte_de_resident", "carte_de_resident_longue_duree_ue",
        "recepisse", "autorisation_provisoire",
    ),
    "protection": ("refugee", "subsidiary", "rejected"),
}
FORM_FIELDS: dict[str, tuple[str, ...]] = {
    "residence_permit": ("expires_on", "permit_kind"),
    "asylum_decision": ("decision_date", "protection", "ofpra_number"),
    "payslip": ("pay_period", "employer", "net_pay"),
}
LABELLED = frozenset(name for names in FORM_FIELDS.values() for name in names)
TAG_ERRORS = (
    "too_large", "empty", "unsupported_type", "pixel_flood", "unreadable_image", "unreadable_pdf",
    "encrypted_pdf", "too_many_pages", "timeout", "ocr_failed",
)
TAG_ERROR_WORDS = {"too large to read": "too_large"}
TAG_KINDS = ("language", "skill")


@dataclass(frozen=True)
class Fact:
    """One field as shown: `label` and `words` are locale keys, else `name` and `text` are shown as they are."""

    name: str
    label: str | None
    text: str
    words: str | None = None


@dataclass(frozen=True)
class Entry:
    """One input of the correction form: `kind` is date, month, choice or text; `label` as in `Fact`;
    a choice is (value, locale key of its words, or None for a value shown as it is)."""

    name: str
    label: str | None
    kind: str
    value: str
    choices: tuple[tuple[str, str | None], ...] = ()


def facts(fields: dict[str, str]) -> list[Fact]:
    """The fields, known ones first in the form's order, then the others by name."""
    known = [name for names in FORM_FIELDS.values() for name in names if name in fields]
    others = sorted(name for name in fields if name not in LABELLED)
    return [fact(name, fields[name]) for name in known + others]


def fact(name: str, value: str) -> Fact:
    label = label_of(name)
    if name in CHOICES and value in CHOICES[name]:
        return Fact(name, label, value, f"{name}.{value}")
    return Fact(name, label, shown_value(name, value))


def shown_value(name: str, value: str) -> str:
    """Dates as 31/03/2027, months as 03/2025, amounts with their euro sign, choices without underscores."""
    if name in DAY_FIELDS:
        try:
            return date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value
    if name in MONTH_FIELDS and re.fullmatch(r"\d{4}-\d{2}", value):
        return f"{value[5:]}/{value[:4]}"
    if name == "net_pay" and re.fullmatch(r"\d+(\.\d+)?", value):
        return f"{value} €"
    return value.replace("_", " ") if name in CHOICES else value


def entries(category: str, fields: dict[str, str]) -> list[Entry]:
    """The correction form's inputs: the fields of the document's kind, then any other field it has."""
    names = list(FORM_FIELDS.get(category, ()))
    names += sorted(name for name in fields if name not in names)
    return [entry(name, fields.get(name, "")) for name in names]


def entry(name: str, value: str) -> Entry:
    label = label_of(name)
    if name in DAY_FIELDS:
        return Entry(name, label, "date", value)
    if name in MONTH_FIELDS:
        return Entry(name, label, "month", value)
    if name in CHOICES:
        known = tuple((choice, f"{name}.{choice}") for choice in CHOICES[name])
        unknown = ((value, None),) if value and value not in CHOICES[name] else ()
        return Entry(name, label, "choice", value, known + unknown)
    return Entry(name, label, "text", value)


def label_of(name: str) -> str | None:
    return f"read.{name}" if name in LABELLED else None


def tag_problem(error: str | None) -> str:
    """The locale key saying in plain words why the document could not be read."""
    reason = TAG_ERROR_WORDS.get(error or "", error or "")
    return f"tag_error.{reason}" if reason in TAG_ERRORS else "tag_error.other"


def tag_parts(tag: str) -> tuple[str | None, str]:
    """`language:french` → ("read.tag_language", "french"); a plain tag has no kind."""
    kind, sep, value = tag.partition(":")
    if sep and kind in TAG_KINDS and value:
        return f"read.tag_{kind}", value.replace("_", " ")
    return None, tag
