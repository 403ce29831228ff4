"""One page image to text: prepare, orient, recognise.

Orientation: a page is read as it stands first (after EXIF orientation,
applied when decoding). Only when that reading is poor is Tesseract's OSD
asked for a turn, which is then checked (see _upright).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from PIL import Image

from vault.tagging import layout, tesseract
from vault.tagging.deskew import deskew
from vault.tagging.images import flatten_lighting, grayscale, normalise_size

GOOD_ENOUGH = 6.0
PROBE_GOOD_ENOUGH = 4.0
MRZ_MARGIN = 1.3


def prepare(image: Image.Image) -> Image.Image:
    """Grayscale, size-normalised, lighting-flattened page (not yet deskewed)."""
    return flatten_lighting(normalise_size(grayscale(image)))


def _read(image: Image.Image, langs: str, deadline: float) -> tuple[list[tesseract.Word], float]:
    words = tesseract.recognise(image, langs, deadline)
    return words, layout.quality(words)


def _turn(page: Image.Image, counter_clockwise: int) -> Image.Image:
    return page.rotate(counter_clockwise, expand=True, fillcolor=255)


def _probe(page: Image.Image, rotation: int, langs: str, deadline: float) -> float:
    """Reading quality of the page turned by `rotation`, read at half size (fast)."""
    half = _turn(page, rotation).reduce(2)
    return layout.quality(tesseract.recognise(half, langs, deadline))


def _orientations(page: Image.Image, deadline: float) -> list[int]:
    """The quarter turns to try, OSD's proposal (on the half-size page) first."""
    proposal = tesseract.orientation(page.reduce(2), deadline)
    others = [r for r in (90, 270, 180) if r != proposal]
    return ([proposal] if proposal else []) + others


def _upright(page: Image.Image, langs: str, deadline: float) -> tuple[Image.Image, list[tesseract.Word]]:
    """The page turned the right way up, and its words.

    When the upright reading is poor, OSD proposes a turn, which is checked
    by reading the turned page at half size; when the check fails, the other
    quarter turns are probed the same way. OSD alone is unreliable on sparse
    pages such as cards (it proposes confident wrong turns), while the
    recogniser's own reading, scored against a lexicon, is a dependable judge.
    """
    page = deskew(page)
    words, score = _read(page, langs, deadline)
    if score >= GOOD_ENOUGH:
        return page, words
    best, best_probe = 0, PROBE_GOOD_ENOUGH / 2
    for rotation in _orientations(page, deadline):
        probed = _probe(page, rotation, langs, deadline)
        if probed > best_probe:
            best, best_probe = rotation, probed
        if probed >= PROBE_GOOD_ENOUGH:
            break
    if best == 0:
        return page, words
    turned = deskew(_turn(page, best))
    turned_words, turned_score = _read(turned, langs, deadline)
    return (turned, turned_words) if turned_score > score else (page, words)


def _is_zone_word(word: tesseract.Word) -> bool:
    return "<<" in word.text or (len(word.text) >= 20 and "<" in word.text)


def _zone_text(page: Image.Image, zone: list[tesseract.Word], deadline: float) -> str:
    """Re-read the machine-readable zone around `zone` words with the MRZ alphabet only."""
    pitch = statistics.median(w.height for w in zone) * MRZ_MARGIN
    top = max(0, round(min(w.top for w in zone) - 1.6 * pitch))
    bottom = min(page.height, round(max(w.top + w.height for w in zone) + 1.6 * pitch))
    left = max(0, round(min(w.left for w in zone) - pitch))
    right = min(page.width, round(max(w.left + w.width for w in zone) + pitch))
    return tesseract.read_zone(page.crop((left, top, right, bottom)), deadline)


@dataclass(frozen=True)
class PageReading:
    """A page made upright and ready for OCR, and the text read from it."""

    page: Image.Image
    text: str


def _text(page: Image.Image, words: list[tesseract.Word], deadline: float) -> str:
    zone = [w for w in words if _is_zone_word(w)]
    rows = layout.rows([w for w in words if not _is_zone_word(w)])
    if zone:
        rows.extend(line for line in _zone_text(page, zone, deadline).splitlines() if line.strip())
    return "\n".join(rows)


def read_page(image: Image.Image, langs: str, deadline: float) -> PageReading:
    """The text of one page image, as rows separated by newlines.

    A machine-readable zone (a run of `<<`) is read a second time with the
    MRZ alphabet only, which Tesseract reads far better in isolation.
    """
    page, words = _upright(prepare(image), langs, deadline)
    return PageReading(page, _text(page, words, deadline))


def reread(reading: PageReading, langs: str, deadline: float) -> str:
    """The same upright page read again, row by row (uniform-block segmentation)."""
    words = tesseract.recognise(reading.page, langs, deadline, tesseract.UNIFORM_BLOCK)
    return _text(reading.page, words, deadline)
