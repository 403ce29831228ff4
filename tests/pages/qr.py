"""Reading a QR code shown on a page (an SVG `data:` URI, as segno draws it: one path of
horizontal runs) back to the text it encodes: the runs are drawn into an image and
zxing-cpp reads it."""

from __future__ import annotations

import re
from urllib.parse import unquote

import zxingcpp
from PIL import Image, ImageDraw

RUN = re.compile(r"([Mmh])(-?[\d.]+)(?:\s(-?[\d.]+))?")
MODULE_PIXELS = 4
QUIET_ZONE = 4


def read_qr(data_uri: str) -> str:
    """The text a page's QR code (`data:image/svg+xml,...`) encodes; `ValueError` if it is not readable."""
    found = zxingcpp.read_barcodes(raster(dark_modules(data_uri)), formats=zxingcpp.BarcodeFormat.QRCode)
    if len(found) != 1:
        raise ValueError(f"{len(found)} QR codes read in this image")
    return str(found[0].text)


def dark_modules(data_uri: str) -> set[tuple[int, int]]:
    """(row, column) of every dark module the SVG path draws."""
    svg = unquote(data_uri.split(",", 1)[1])
    path = re.search(r"\sd=['\"]([^'\"]+)['\"]", svg)
    if path is None:
        raise ValueError("no path in this SVG")
    dark: set[tuple[int, int]] = set()
    x, y = 0.0, 0.0
    for command, first, second in RUN.findall(path.group(1)):
        if command == "M":
            x, y = float(first), float(second)
        elif command == "m":
            x, y = x + float(first), y + float(second)
        else:
            dark.update((int(y), int(x) + i) for i in range(int(float(first))))
            x += float(first)
    return dark


def raster(dark: set[tuple[int, int]]) -> Image.Image:
    top, left = min(r for r, _ in dark), min(c for _, c in dark)
    size = max(max(r for r, _ in dark) - top, max(c for _, c in dark) - left) + 1 + 2 * QUIET_ZONE
    image = Image.new("L", (size * MODULE_PIXELS, size * MODULE_PIXELS), 255)
    draw = ImageDraw.Draw(image)
    for row, column in dark:
        x, y = (column - left + QUIET_ZONE) * MODULE_PIXELS, (row - top + QUIET_ZONE) * MODULE_PIXELS
        draw.rectangle((x, y, x + MODULE_PIXELS - 1, y + MODULE_PIXELS - 1), fill=0)
    return image
