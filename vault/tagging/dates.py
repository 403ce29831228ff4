"""Dates and amounts as printed on French documents, read despite OCR noise.

Accepted dates: dd/mm/yyyy, dd.mm.yyyy, dd-mm-yyyy, dd mm yyyy, dd/mm/yy,
"12 mars 2024", "1er janvier 2025", "12 March 2024", "March 12, 2024".
Works on folded text (see textmatch.fold); letters that OCR often puts for
digits inside a number (o for 0, l/i for 1) are read as those digits.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    "janvier": 1, "janv": 1, "january": 1, "jan": 1,
    "fevrier": 2, "fevr": 2, "fev": 2, "february": 2, "feb": 2,
    "mars": 3, "march": 3, "mar": 3,
    "avril": 4, "april": 4, "avr": 4, "apr": 4,
    "mai": 5, "may": 5,
    "juin": 6, "june": 6, "jun": 6,
    "juillet": 7, "juil": 7, "july": 7, "jul": 7,
    "aout": 8, "august": 8, "aug": 8,
    "septembre": 9, "september": 9, "sept": 9, "sep": 9,
    "octobre": 10, "october": 10, "oct": 10,
    "novembre": 11, "november": 11, "nov": 11,
    "decembre": 12, "december": 12, "dec": 12,
}
MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
DIGITISH = re.compile(r"(?<![a-z])[0-9oil|]*[0-9][0-9oil|]*(?![a-z])")
NUMERIC = re.compile(r"(?<!\d)(\d{1,2}) ?([/.\-]) ?(\d{1,2}) ?\2 ?(\d{4}|\d{2})(?![\d/])")
SPACED = re.compile(r"(?<![\d/.])(\d{2}) {1,2}(\d{2}) {1,2}(\d{4})(?!\d)")
DAY_MONTH_YEAR = re.compile(r"(?<!\d)(\d{1,2})(?:er|st|nd|rd|th)? +" + MONTH + r" +(\d{4})(?!\d)")
MONTH_DAY_YEAR = re.compile(r"(?<![a-z])" + MONTH + r" +(\d{1,2})(?:st|nd|rd|th)?,? +(\d{4})(?!\d)")
MONTH_YEAR = re.compile(r"(?<![a-z])" + MONTH + r" +(\d{4})(?!\d)")
NUMERIC_MONTH_YEAR = re.compile(r"(?<![\d/.])(\d{1,2}) ?[/.\-] ?(\d{4})(?![\d/])")
AMOUNT = re.compile(r"(?<![\d,./])(\d{1,3}(?:[ .]\d{3})+|\d+)[,.](\d{2})(?![\d]|[.,/]\d)")


@dataclass(frozen=True)
class Found:
    """A date, or a year-month (day 1), and where it sits in the searched text."""

    value: dt.date
    start: int
    end: int


def digits(folded: str) -> str:
    """`folded` with o/l/i/| read as 0/1 inside numbers; same length."""
    return DIGITISH.sub(lambda m: m.group(0).translate(str.maketrans("oil|", "0111")), folded)


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 and year < 70 else year + 1900 if year < 100 else year


def _make(year: int, month: int, day: int) -> dt.date | None:
    if not 1900 <= year <= 2100:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_dates(folded: str) -> list[Found]:
    """Every full date in `folded` text, in reading order."""
    text = digits(folded)
    found: dict[int, Found] = {}
    for m in NUMERIC.finditer(text):
        _add(found, _make(_year(m[4]), int(m[3]), int(m[1])), m)
    for m in SPACED.finditer(text):
        _add(found, _make(int(m[3]), int(m[2]), int(m[1])), m)
    for m in DAY_MONTH_YEAR.finditer(text):
        _add(found, _make(int(m[3]), MONTHS[m[2]], int(m[1])), m)
    for m in MONTH_DAY_YEAR.finditer(text):
        _add(found, _make(int(m[3]), MONTHS[m[1]], int(m[2])), m)
    return sorted(found.values(), key=lambda f: f.start)


def _add(found: dict[int, Found], value: dt.date | None, match: re.Match[str]) -> None:
    if value is not None and match.start() not in found:
        found[match.start()] = Found(value, match.start(), match.end())


def find_months(folded: str) -> list[Found]:
    """Year-months written without a day ("mars 2024", "03/2024"), day set to 1."""
    text = digits(folded)
    found: dict[int, Found] = {}
    for m in MONTH_YEAR.finditer(text):
        _add(found, _make(int(m[2]), MONTHS[m[1]], 1), m)
    for m in NUMERIC_MONTH_YEAR.finditer(text):
        _add(found, _make(int(m[2]), int(m[1]), 1), m)
    return sorted(found.values(), key=lambda f: f.start)


@dataclass(frozen=True)
class Amount:
    """A money amount as a decimal string ("1523.45") and where it sits."""

    value: str
    start: int
    end: int


def find_amounts(folded: str) -> list[Amount]:
    """Money amounts with cents ("1 523,45", "1.523,45", "980.00"), in reading order."""
    text = digits(folded)
    return [
        Amount(f"{int(re.sub(r'[ .]', '', m[1]))}.{m[2]}", m.start(), m.end())
        for m in AMOUNT.finditer(text)
    ]
