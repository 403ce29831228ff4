"""The correction form of the document page, turned into the person's `Change`.

The form holds every field of the document, so what it posts is the whole new
set: an emptied input removes that field. Dates come from `<input type=date>`
(2027-03-31) or, where a phone has no date picker, as written in France
(31/03/2027, 31.03.2027, 31-03-2027); months as 2025-03 or 03/2025.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from vault.documents.service import Change
from web.pages.findings import DAY_FIELDS, MONTH_FIELDS

NOT_FIELDS = ("csrf_token", "tags")
ISO_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
FRENCH_DAY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
FRENCH_MONTH = re.compile(r"^(\d{1,2})[/.-](\d{4})$")
MAX_TAGS = 50


class Unclear(ValueError):
    """A value the page cannot store; `problem` pins a sentence to its input."""

    def __init__(self, field: str, key: str) -> None:
        super().__init__(f"{field}: {key}")
        self.problem: dict[str, Any] = {"field": field, "key": key, "values": {}}


def typed_fields(posted: dict[str, str]) -> dict[str, str]:
    """The field inputs as posted, to show them again next to a problem."""
    return {name: value for name, value in posted.items() if name not in NOT_FIELDS}


def change_from(posted: dict[str, str]) -> Change:
    """The new fields and tags; raises `Unclear` for a date or month that is not one."""
    fields = {name: normalised(name, value.strip()) for name, value in typed_fields(posted).items()}
    return Change(fields={name: value for name, value in fields.items() if value}, tags=tags_from(posted.get("tags", "")))


def normalised(name: str, value: str) -> str:
    if not value:
        return ""
    if name in DAY_FIELDS:
        return iso_day(name, value)
    if name in MONTH_FIELDS:
        return iso_month(name, value)
    return value


def iso_day(name: str, value: str) -> str:
    iso, french = ISO_DAY.match(value), FRENCH_DAY.match(value)
    try:
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3])).isoformat()
        if french:
            return date(int(french[3]), int(french[2]), int(french[1])).isoformat()
    except ValueError:
        pass
    raise Unclear(name, "error.date_invalid")


def iso_month(name: str, value: str) -> str:
    found = ISO_MONTH.match(value) or FRENCH_MONTH.match(value)
    if found:
        year, month = (found[1], found[2]) if found.re is ISO_MONTH else (found[2], found[1])
        if 1 <= int(month) <= 12:
            return f"{int(year):04d}-{int(month):02d}"
    raise Unclear(name, "error.month_invalid")


def tags_from(text: str) -> list[str]:
    """Tags separated by commas or new lines, blanks dropped."""
    return [tag.strip() for tag in re.split(r"[,\n،]", text) if tag.strip()][:MAX_TAGS]
