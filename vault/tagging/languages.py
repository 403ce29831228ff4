"""Which languages a document is written in, as Tesseract codes (fra, eng, ara…).

Latin-script languages are told apart by their most common words; other
scripts by their letters (Persian and Pashto by the letters Arabic lacks,
Ukrainian by і/ї/є/ґ). A language is listed when it carries at least a fifth
of the evidence, most present first.
"""

from __future__ import annotations

import re
from collections import Counter

STOPWORDS = {
    "fra": {"le", "la", "les", "de", "des", "du", "et", "en", "un", "une", "est", "au", "aux", "pour", "par", "sur", "vous", "votre", "date", "nom"},
    "eng": {"the", "of", "and", "to", "in", "is", "for", "on", "with", "your", "date", "name", "by", "at", "from", "until"},
}
SHARE = 0.2


def _script_counts(text: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    counts["ara"] = len(re.findall(r"[\u0600-\u06ff]", text))
    counts["fas"] = len(re.findall(r"[پچژگ]", text)) * 8
    counts["pus"] = len(re.findall(r"[ټډړښږځڅڼ]", text)) * 8
    counts["ukr"] = len(re.findall(r"[іїєґІЇЄҐ]", text)) * 8
    counts["rus"] = len(re.findall(r"[\u0400-\u04ff]", text)) - counts["ukr"] // 8
    counts["amh"] = len(re.findall(r"[\u1200-\u137f]", text))
    return counts


def detect(text: str) -> list[str]:
    """The document's languages, most present first; [] when there is no text."""
    words = re.findall(r"[a-zà-ÿ']+", text.lower())
    counts = _script_counts(text)
    if counts["fas"] or counts["pus"]:
        counts["ara"] = 0
    for code, stop in STOPWORDS.items():
        counts[code] = 4 * sum(1 for w in words if w in stop and not (w == "date" and code == "eng"))
    total = sum(v for v in counts.values() if v > 0)
    if total == 0:
        return []
    return [code for code, count in counts.most_common() if count > 0 and count / total >= SHARE]
