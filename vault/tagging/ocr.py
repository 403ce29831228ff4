"""One page image to text: prepare, orient, recognise.

Orientation: a page is read as it stands first. Only when that reading is poor
is Tesseract's OSD asked for a rotation, and the rotated reading is kept only
if it is better. OSD alone is unreliable on sparse pages such as ID cards
(it proposes 180° for upright cards with high confidence), while the OCR's
own confidence is a dependable judge.
"""

from __future__ import annotations

from PIL import Image

from vault.tagging import layout, tesseract
from vault.tagging.deskew import deskew
from vault.tagging.images import flatten_lighting, grayscale, normalise_size

GOOD_ENOUGH = 12.0


def prepare(image: Image.Image) -> Image.Image:
    """Grayscale, size-normalised, lighting-flattened, deskewed page."""
    return deskew(flatten_lighting(normalise_size(grayscale(image))))


def _read(image: Image.Image, langs: str, deadline: float) -> tuple[list[tesseract.Word], float]:
    words = tesseract.recognise(image, langs, deadline)
    return words, layout.quality(words)


def read_page(image: Image.Image, langs: str, deadline: float) -> str:
    """The text of one page image, as rows separated by newlines."""
    page = prepare(image)
    words, score = _read(page, langs, deadline)
    if score < GOOD_ENOUGH:
        rotation = tesseract.orientation(page, deadline)
        if rotation:
            turned = deskew(page.rotate(rotation, expand=True, fillcolor=255))
            turned_words, turned_score = _read(turned, langs, deadline)
            if turned_score > score:
                words = turned_words
    return "\n".join(layout.rows(words))
