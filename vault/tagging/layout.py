"""Turning Tesseract's words back into reading rows.

Tesseract's own lines are kept whole (they follow a slightly skewed baseline),
then lines whose vertical centres fall within each other's height are joined
left to right into one row. Wherever words stand far apart (a column break),
three spaces separate them, so later readers can tell the columns apart. A form's label and the value printed to its right
thus end up on one text line even when Tesseract put them in different blocks.
"""

from __future__ import annotations

from dataclasses import dataclass

from vault.tagging import textmatch
from vault.tagging.tesseract import Word

MIN_WORD_CONF = 20.0
COLUMN_GAP = 2.5
LEXICON = frozenset(
    """le la les de des du et en un une est au aux pour par sur dans avec vous votre vos nous notre ne pas qui que
    date nom prenom prenoms ne nee naissance lieu adresse nationalite sexe type titre carte sejour valable jusqu
    expiration delivrance prefecture republique francaise remarques travailler autorise resident temporaire
    pluriannuelle decision directeur general office protection refugies refugie apatrides asile demande article
    madame monsieur salaire brut net payer paye bulletin paie periode employeur salarie emploi cotisations total
    montant taux base heures securite sociale retraite impot revenu conges mois experience professionnelle formation
    competences langues francais anglais arabe permis centres interet objet service client facture agreer
    the of and to in is for on with your name surname given names birth expiry valid until issue permit residence
    address remarks skills languages work education languages english french interests date total paid
    nombre fait suite dossier page numero rue avenue boulevard tel mail contact""".split()
)


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
        """The words left to right; a gap wider than COLUMN_GAP heights is a column break."""
        ordered = sorted(self.words, key=lambda w: w.left)
        parts = [ordered[0].text]
        for before, word in zip(ordered, ordered[1:]):
            gap = word.left - (before.left + before.width)
            parts.append(("   " if gap > COLUMN_GAP * self.height else " ") + word.text)
        return "".join(parts)


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
    """How readable the OCR is: the confidence-weighted count of common words.

    Text read upside down yields confident nonsense ("enbuqny"), so only
    words of a small French/English lexicon count. Tesseract also reads
    sideways pages by turning their lines internally, but then its words
    stand taller than wide and its rows come out of order: such a reading
    scores zero, so the page gets turned.
    """
    long_words = [w for w in words if len(w.text) >= 4]
    if sum(1 for w in long_words if w.height > w.width) > len(long_words) / 2:
        return 0.0
    hits = (w for w in words if w.conf >= 40 and textmatch.compact(w.text) in LEXICON)
    return sum(w.conf / 100 for w in hits)
