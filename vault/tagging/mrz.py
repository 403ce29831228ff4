"""Machine-readable zones (ICAO 9303): the expiry date of a card or passport.

In TD1 (ID-1 cards such as the French titre de séjour) the second line reads
`YYMMDD c S YYMMDD c NAT …`: date of birth, its check digit, sex, date of
expiry, its check digit. TD3 passports carry the same run in mid-line, so one
pattern serves both. OCR misreads (O for 0, I/L for 1, B for 8…) are
undone inside numeric fields, and a date counts only if its check digit holds,
which also guarantees the birth date is never taken for the expiry.
"""

from __future__ import annotations

import datetime as dt
import re

TO_DIGIT = str.maketrans({"O": "0", "Q": "0", "D": "0", "I": "1", "L": "1", "Z": "2", "S": "5", "G": "6", "B": "8", "T": "7"})
DATE_RUN = re.compile(r"([0-9OQDILZSGBT]{6})([0-9OQDILZSGBT])([MFX<K])([0-9OQDILZSGBT]{6})([0-9OQDILZSGBT])")
WEIGHTS = (7, 3, 1)


def check_digit(field: str) -> int:
    """ICAO 9303 check digit of `field` (digits, A-Z, '<')."""
    total = 0
    for index, char in enumerate(field):
        value = int(char) if char.isdigit() else ord(char) - 55 if char.isalpha() else 0
        total += value * WEIGHTS[index % 3]
    return total % 10


def _zone_lines(text: str) -> list[str]:
    lines = []
    for line in text.upper().splitlines():
        squeezed = re.sub(r"\s+", "", line.replace("«", "<").replace("‹", "<"))
        if squeezed.count("<") >= 2 or re.search(r"\d{6}.[MFX<]\d{6}", squeezed):
            lines.append(squeezed)
    return lines


def _date(yymmdd: str, future: bool) -> dt.date | None:
    year, month, day = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
    century = 2000 if (future or year <= dt.date.today().year % 100) else 1900
    try:
        return dt.date(century + year, month, day)
    except ValueError:
        return None


def expiry(text: str) -> dt.date | None:
    """The MRZ expiry date in `text`, only when its check digit is right."""
    for line in _zone_lines(text):
        for match in DATE_RUN.finditer(line):
            birth, birth_check = match[1].translate(TO_DIGIT), match[2].translate(TO_DIGIT)
            expires, expires_check = match[4].translate(TO_DIGIT), match[5].translate(TO_DIGIT)
            if check_digit(expires) != int(expires_check):
                continue
            if check_digit(birth) != int(birth_check) and not line.startswith(match[0]):
                continue
            found = _date(expires, future=True)
            if found is not None:
                return found
    return None
