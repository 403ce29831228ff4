"""Finding the value that belongs to a printed label ("Date d'expiration : …").

A value belongs to a label when it follows it on the same row (before the next
label), or sits on one of the next rows at about the same horizontal place —
unless a label on its own row claims it first. This keeps a date of birth
printed in a column beside the expiry date out of the expiry field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from vault.tagging import dates, textmatch

LOOKAHEAD_ROWS = 2


@dataclass(frozen=True)
class Doc:
    """The document's text as rows, original and folded (same offsets)."""

    rows: tuple[str, ...]
    folded: tuple[str, ...]
    compact: str

    @classmethod
    def from_text(cls, text: str) -> Doc:
        rows = tuple(row for row in text.splitlines() if row.strip())
        return cls(rows, tuple(textmatch.fold(r) for r in rows), textmatch.compact(text))


@dataclass(frozen=True)
class Label:
    row: int
    start: int
    end: int
    group: str


def find_labels(doc: Doc, groups: dict[str, tuple[str, ...]]) -> list[Label]:
    """Every label of `groups` in `doc`, overlapping finds resolved longest-first."""
    found: list[Label] = []
    for index, row in enumerate(doc.folded):
        hits = []
        for group, phrases in groups.items():
            for phrase in phrases:
                match = textmatch.find(row, phrase, fuzzy=len(phrase) >= 9)
                if match:
                    hits.append(Label(index, match.start, match.end, group))
        found.extend(_bilingual_merged(doc.folded[index], _without_overlaps(hits)))
    return sorted(found, key=lambda lb: (lb.row, lb.start))


def _bilingual_merged(row: str, labels: list[Label]) -> list[Label]:
    """"Date de naissance / Date of birth" is one label, not two."""
    merged: list[Label] = []
    for label in sorted(labels, key=lambda lb: lb.start):
        last = merged[-1] if merged else None
        if last and last.group == label.group and not row[last.end : label.start].strip(" /|-:"):
            merged[-1] = Label(last.row, last.start, label.end, last.group)
        else:
            merged.append(label)
    return merged


def _without_overlaps(hits: list[Label]) -> list[Label]:
    kept: list[Label] = []
    for hit in sorted(hits, key=lambda h: h.start - h.end):
        if all(hit.end <= k.start or hit.start >= k.end for k in kept):
            kept.append(hit)
    return kept


class Positioned(Protocol):
    @property
    def start(self) -> int: ...


Value = TypeVar("Value", bound=Positioned)


def _owner(labels: list[Label], row: int, position: int) -> Label | None:
    before = [lb for lb in labels if lb.row == row and lb.end <= position]
    return max(before, key=lambda lb: lb.end) if before else None


def values_for(
    doc: Doc, label: Label, labels: list[Label], finder: Callable[[str], list[Value]], lookahead: int = LOOKAHEAD_ROWS
) -> list[Value]:
    """The values `finder` sees that belong to `label` (see module docstring),
    looking at most `lookahead` rows below it."""
    row = doc.folded[label.row]
    stop = min((lb.start for lb in labels if lb.row == label.row and lb.start >= label.end), default=len(row))
    same_row = finder(row[label.end : stop])
    if same_row:
        return same_row
    place = label.start / max(len(row), 1)
    for index in range(label.row + 1, min(label.row + 1 + lookahead, len(doc.rows))):
        below = doc.folded[index]
        free = [f for f in finder(below) if _owner(labels, index, f.start) is None]
        if free:
            return [min(free, key=lambda f: abs(f.start / max(len(below), 1) - place))]
        if any(lb.row == index for lb in labels):
            return []
    return []


def dated(doc: Doc, groups: dict[str, tuple[str, ...]], wanted: str) -> list[dt.date]:
    """Dates that belong to labels of group `wanted`, in reading order."""
    labels = find_labels(doc, groups)
    found: list[dt.date] = []
    for label in labels:
        if label.group == wanted:
            found.extend(f.value for f in values_for(doc, label, labels, dates.find_dates))
    return found


def text_after(doc: Doc, phrases: Iterable[str]) -> list[str]:
    """For each label found, the rest of its row (or the next row when empty)."""
    result = []
    for index, row in enumerate(doc.folded):
        for phrase in phrases:
            match = textmatch.find(row, phrase, fuzzy=len(phrase) >= 9)
            if match is None:
                continue
            rest = doc.rows[index][match.end :].strip(" :.-|/\t")
            if not rest and index + 1 < len(doc.rows):
                rest = doc.rows[index + 1].strip(" :.-|/\t")
            result.append(rest)
            break
    return result
