"""A document as positioned items in millimetres, drawn as an image or a text PDF."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from bench.corpus.fonts import Face

MM_PER_INCH = 25.4
logging.getLogger("fontTools.ttLib.tables._h_e_a_d").setLevel(logging.ERROR)
Colour = tuple[int, int, int]


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    size: float
    face: Face
    bold: bool = False
    colour: Colour = (20, 20, 20)


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float
    fill: Colour | None = None
    outline: Colour | None = None


@dataclass
class Page:
    width: float
    height: float
    paper: Colour = (255, 255, 255)
    items: list[Text | Box] = field(default_factory=list)

    def text(self, x: float, y: float, text: str, size: float, face: Face, bold: bool = False, colour: Colour = (20, 20, 20)) -> float:
        """Add a line of text at (x, y) (top-left, mm); returns the y below it."""
        self.items.append(Text(x, y, text, size, face, bold, colour))
        return y + size * 0.3528 * 1.45

    def paragraph(self, x: float, y: float, text: str, size: float, face: Face, width: float, bold: bool = False) -> float:
        """Add `text` wrapped to `width` mm; returns the y below it."""
        font = _font(face.bold if bold else face.regular, 100)
        line = ""
        for word in text.split():
            candidate = f"{line} {word}".strip()
            if line and font.getlength(candidate) / 100 * size * 0.3528 > width:
                y = self.text(x, y, line, size, face, bold)
                candidate = word
            line = candidate
        return self.text(x, y, line, size, face, bold) if line else y

    def box(self, x: float, y: float, w: float, h: float, fill: Colour | None = None, outline: Colour | None = None) -> None:
        self.items.append(Box(x, y, w, h, fill, outline))


@lru_cache(maxsize=256)
def _font(path: str, pixels: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, max(pixels, 4))


def to_image(page: Page, dpi: int) -> Image.Image:
    """The page drawn at `dpi` on its paper colour."""
    scale = dpi / MM_PER_INCH
    image = Image.new("RGB", (round(page.width * scale), round(page.height * scale)), page.paper)
    draw = ImageDraw.Draw(image)
    for item in page.items:
        if isinstance(item, Box):
            shape = [item.x * scale, item.y * scale, (item.x + item.w) * scale, (item.y + item.h) * scale]
            draw.rectangle(shape, fill=item.fill, outline=item.outline, width=max(1, round(scale / 4)))
        else:
            font = _font(item.face.bold if item.bold else item.face.regular, round(item.size / 72 * dpi))
            draw.text((item.x * scale, item.y * scale), item.text, font=font, fill=item.colour)
    return image


def to_pdf(pages: list[Page]) -> bytes:
    """The pages as a PDF whose text is real text (a text layer)."""
    from fpdf import FPDF

    pdf = FPDF(unit="mm", format=(pages[0].width, pages[0].height))
    pdf.set_auto_page_break(False)
    loaded: set[str] = set()
    for page in pages:
        pdf.add_page()
        for item in page.items:
            if isinstance(item, Box):
                _pdf_box(pdf, item)
            else:
                _pdf_text(pdf, item, loaded)
    return bytes(pdf.output())


def _pdf_box(pdf: object, item: Box) -> None:
    style = ("F" if item.fill else "") + ("D" if item.outline else "")
    if item.fill:
        pdf.set_fill_color(*item.fill)  # type: ignore[attr-defined]
    if item.outline:
        pdf.set_draw_color(*item.outline)  # type: ignore[attr-defined]
    if style:
        pdf.rect(item.x, item.y, item.w, item.h, style=style)  # type: ignore[attr-defined]


def _pdf_text(pdf: object, item: Text, loaded: set[str]) -> None:
    path = item.face.bold if item.bold else item.face.regular
    name = path.rsplit("/", 1)[-1].split(".")[0]
    if name not in loaded:
        pdf.add_font(name, fname=path)  # type: ignore[attr-defined]
        loaded.add(name)
    pdf.set_font(name, size=item.size)  # type: ignore[attr-defined]
    pdf.set_text_color(*item.colour)  # type: ignore[attr-defined]
    pdf.text(item.x, item.y + item.size * 0.3528 * 0.9, item.text)  # type: ignore[attr-defined]
