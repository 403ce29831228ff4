"""CV tags: the languages a person speaks and their skills, as `language:…` / `skill:…`.

Languages are read in the "Langues / Languages" section when there is one
(the rows from its heading to the next section heading, in the heading's
column, by the first words of each row), so a country or a course named
elsewhere does not count; skills are read in the whole CV.
"""

from __future__ import annotations

import re

from vault.tagging import anchors, textmatch, vocabulary
from vault.tagging.rules import Rules

SECTION_ROWS = 6
ENTRY_WORDS = 2
COLUMN_GAP = re.compile(r"\s{3,}")


def _column(row: str, place: float) -> str:
    pieces, position = [], 0
    for segment in COLUMN_GAP.split(row):
        start = row.find(segment, position)
        position = start + len(segment)
        if abs(start / max(len(row), 1) - place) < 0.3 or len(row) < 40:
            pieces.append(segment)
    return " ".join(pieces)


def _is_heading(folded_segment: str, rules: Rules) -> bool:
    words = textmatch.compact(folded_segment)
    return any(words.startswith(textmatch.compact(h)) and len(words) <= len(h) + 12 for h in rules.labels.get("cv_sections", ()))


def _heading_like(folded_row: str, label: anchors.Label) -> bool:
    """Whether the label stands alone in its column, as a section heading does."""
    before = folded_row[: label.start].rsplit("   ", 1)[-1]
    after = folded_row[label.end :].split("   ", 1)[0]
    return sum(c.isalnum() for c in before + after) <= 3


def languages_section(doc: anchors.Doc, rules: Rules) -> str | None:
    """The text of the languages section, or None when the CV has no such heading."""
    labels = anchors.find_labels(doc, {"languages": rules.labels.get("languages_section", ())})
    headings = [lb for lb in labels if _heading_like(doc.folded[lb.row], lb)]
    if not labels:
        return None
    label = (headings or labels)[0]
    place = label.start / max(len(doc.folded[label.row]), 1)
    parts = [doc.folded[label.row][label.end :].split("   ")[0]]
    for index in range(label.row + 1, min(label.row + 1 + SECTION_ROWS, len(doc.rows))):
        segment = _column(doc.folded[index], place)
        if _is_heading(segment, rules):
            break
        parts.append(_leading_words(segment))
    return " ".join(parts)


def _leading_words(segment: str) -> str:
    """A section row names its language first ("Arabe : courant"); a row from
    a neighbouring column ("Cours de français…") must not count."""
    return " ".join(textmatch.compact(segment).split()[:ENTRY_WORDS])


def cv_tags(doc: anchors.Doc, rules: Rules) -> list[str]:
    """`language:…` tags, then `skill:…` tags."""
    section = languages_section(doc, rules)
    scope = textmatch.compact(section) if section is not None else doc.compact
    spoken = vocabulary.every(scope, rules.vocabularies["cv_languages"])
    skills = vocabulary.every(doc.compact, rules.vocabularies["cv_skills"])
    return [f"language:{v}" for v in spoken] + [f"skill:{v}" for v in skills]
