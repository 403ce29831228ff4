"""Turning Tesseract's words back into reading rows.

Tesseract's own lines are kept whole (they follow a slightly skewed baseline),
then lines whose vertical centres fall within each other's height are joined
left to right into one row. A form's label and the value printed to its right
thus end up on one text line even when Tesseract put them in different blocks.
"""

from __future__ import annotations

from dataclasses import dataclass

from vault.tagging.tesseract import Word

MIN_WORD_CONF = 20.0


@dataclass
class _Line:
    words: list[Word]

    @property
    def left(self) -> int:
        return min(w.left for w in self.words)

    @property
    def centre(self) -> float:
        return sum(w.top + w.height / 2 for w in self.words) / len(self.words)

    @property
    def height(self) -> float:
        return sorted(w.height for w in self.words)[len(self.words) // 2]

    def text(self) -> str:
        return " ".join(w.text for w in sorted(self.words, key=lambda w: w.left))


def _lines(words: list[Word]) -> list[_Line]:
    grouped: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        if word.conf >= MIN_WORD_CONF:
            grouped.setdefault(word.line, []).append(word)
    return [_Line(ws) for ws in grouped.values()]


def rows(words: list[Word]) -> list[str]:
    """Text rows, top to bottom, each row's lines left to right."""
    result: list[list[_Line]] = []
    for line in sorted(_lines(words), key=lambda ln: ln.centre):
        row = result[-1] if result else None
        if row and abs(row[-1].centre - line.centre) < 0.5 * min(row[-1].height, line.height):
            row.append(line)
        else:
            result.append([line])
    return ["   ".join(ln.text() for ln in sorted(row, key=lambda ln: ln.left)) for row in result]


def quality(words: list[Word]) -> float:
    """A score of how readable the OCR is: confident words of 3+ letters, weighted."""
    good = [w for w in words if w.conf >= 60 and sum(c.isalpha() for c in w.text) >= 3]
    return sum(w.conf / 100 for w in good)
