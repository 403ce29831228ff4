"""Tagging leaves no trace of the document on any disk.

A document carrying a unique marker is tagged (through tag_document and
through the worker pool); then every file written since, under /tmp,
/var/tmp, TMPDIR and the working directory, is read and must contain neither
the marker nor a slice of the document's bytes.
"""

from __future__ import annotations

import io
import os
import secrets
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from bench.corpus.fonts import SANS, faces
from tests.tagging.conftest import needs_tesseract
from vault.tagging import TaggingOptions, TaggingPool, tag_document

pytestmark = needs_tesseract
SCANNED = [Path("/tmp"), Path("/var/tmp"), Path(tempfile.gettempdir()), Path.cwd()]
SKIPPED_PARTS = {".git", ".venv", "node_modules", "__pycache__", ".mypy_cache"}


def marked_document(marker: str) -> bytes:
    font = ImageFont.truetype(faces(SANS)[0].bold, 44)
    image = Image.new("L", (1700, 1000), 255)
    draw = ImageDraw.Draw(image)
    for row, line in enumerate(["TITRE DE SÉJOUR / RESIDENCE PERMIT", f"NOM : {marker}", "Date d'expiration : 01/02/2030"]):
        draw.text((80, 120 + row * 110), line, font=font, fill=0)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def files_written_since(moment: float) -> Iterator[Path]:
    seen: set[Path] = set()
    for root in SCANNED:
        for folder, dirs, names in os.walk(root, onerror=lambda _: None):
            dirs[:] = [d for d in dirs if d not in SKIPPED_PARTS]
            for name in names:
                path = Path(folder, name)
                try:
                    fresh = path.is_file() and not path.is_symlink() and path.stat().st_mtime >= moment
                except OSError:
                    continue
                if fresh and path not in seen:
                    seen.add(path)
                    yield path


def traces(moment: float, needles: list[bytes]) -> list[Path]:
    found = []
    for path in files_written_since(moment):
        try:
            content = path.read_bytes()
        except OSError:
            continue
        if any(needle in content for needle in needles):
            found.append(path)
    return found


def needles_for(marker: str, data: bytes) -> list[bytes]:
    return [marker.encode(), marker.encode("utf-16-le"), data[len(data) // 2 : len(data) // 2 + 48]]


def test_tagging_writes_no_plaintext_to_disk() -> None:
    marker = "QZX" + secrets.token_hex(5).upper()
    data = marked_document(marker)
    started = time.time() - 1
    result = tag_document(data, "image/png", TaggingOptions())
    assert marker in result.text.replace(" ", ""), "the marker must go through OCR for this test to mean anything"
    assert result.fields["expires_on"] == "2030-02-01"
    assert traces(started, needles_for(marker, data)) == []


def test_worker_pool_writes_no_plaintext_to_disk() -> None:
    marker = "QZX" + secrets.token_hex(5).upper()
    data = marked_document(marker)
    started = time.time() - 1
    with TaggingPool(TaggingOptions(), workers=1) as pool:
        result = pool.submit(data, "image/png").result(timeout=120)
    assert marker in result.text.replace(" ", "")
    assert traces(started, needles_for(marker, data)) == []


def test_the_scan_would_see_a_leftover_file(tmp_path: Path) -> None:
    started = time.time() - 1
    leftover = tmp_path / "page.txt"
    leftover.write_bytes(b"...QZXLEFTOVER...")
    assert traces(started, [b"QZXLEFTOVER"]) == [leftover]
