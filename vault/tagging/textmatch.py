"""Text folding and fuzzy phrase search that survive OCR noise.

`fold` keeps one character for one character (lower case, accents dropped,
look-alike punctuation unified), so a match found in folded text points at the
same span of the original text, from which values are read with their case
and accents. `compact` also collapses every non-alphanumeric run to one space
and is what classification works on. Phrases match exactly on word
boundaries, or fuzzily (edit-based similarity) when long enough for that to be
safe; a one-word phrase is also compared word by word, which forgives one
wrong, added or lost letter in a word of seven or more ("frangais",
"ambharique"), and split or merged words are covered by matching with spaces
removed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

LOOKALIKES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "«": "<", "‹": "<", "–": "-", "—": "-", "\u00a0": " ", "\u202f": " "})
FUZZY_MIN_LENGTH = 7
CONFUSABLES = str.maketrans("01l|", "oiii")
WORD_CUTOFF = 85.0


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    base = base.lower()
    return base[0] if len(base) >= 1 else " "


def fold(text: str) -> str:
    """Lower case, accents dropped, same length as `text`."""
    return "".join(_fold_char(c) for c in text.translate(LOOKALIKES))


def compact(text: str) -> str:
    """Folded, every run of non-alphanumerics one space."""
    return " ".join(re.findall(r"[a-z0-9]+", fold(text)))


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    score: float


def skeleton(folded: str) -> str:
    """Folded text with OCR-confusable characters merged (0/o, 1/l/i), same length."""
    return folded.translate(CONFUSABLES)


def _pattern(phrase: str) -> re.Pattern[str]:
    words = re.findall(r"[a-z0-9]+", skeleton(compact(phrase)))
    return re.compile(r"(?<![a-z0-9])" + r"[^a-z0-9]{0,3}".join(map(re.escape, words)) + r"(?![a-z0-9])")


@lru_cache(maxsize=2048)
def compiled(phrase: str) -> re.Pattern[str]:
    return _pattern(phrase)


def _cutoff(length: int) -> float:
    return 92.0 if length < 10 else 88.0 if length < 16 else 85.0


def find(folded: str, phrase: str, fuzzy: bool = True) -> Match | None:
    """The first place `phrase` occurs in `folded` text (see `fold`)."""
    folded = skeleton(folded)
    exact = compiled(phrase).search(folded)
    if exact:
        return Match(exact.start(), exact.end(), 100.0)
    needle = skeleton(compact(phrase))
    if not fuzzy or len(needle) < FUZZY_MIN_LENGTH or len(folded) < len(needle) - 2:
        return None
    found = fuzz.partial_ratio_alignment(needle, folded, score_cutoff=_cutoff(len(needle)))
    if found is None:
        return None
    return Match(found.dest_start, found.dest_end, found.score)


def contains(compacted: str, phrase: str, fuzzy: bool = True) -> bool:
    """Whether `phrase` occurs in `compacted` text (see `compact`), allowing OCR noise."""
    compacted = skeleton(compacted)
    needle = skeleton(compact(phrase))
    if not needle:
        return False
    if compiled(phrase).search(compacted):
        return True
    if not fuzzy or len(needle) < FUZZY_MIN_LENGTH:
        return False
    if fuzz.partial_ratio(needle, compacted, score_cutoff=_cutoff(len(needle))):
        return True
    if " " not in needle:
        return process.extractOne(needle, compacted.split(), scorer=fuzz.ratio, score_cutoff=WORD_CUTOFF) is not None
    return needle.replace(" ", "") in compacted.replace(" ", "")
