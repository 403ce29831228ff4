"""Tesseract, run as a child process that reads the image on stdin and answers on stdout.

Why not pytesseract: it writes every input image to a temporary file (and its
output to another) before calling the binary. `tesseract stdin stdout` needs no
file at all, so no plaintext page can be left on a disk, even if the process is
killed half-way; there is no temporary directory to configure or to forget.
The image travels as an uncompressed PGM through a pipe (encoding is ~free).

Each call has a deadline; a child that overruns it is killed and the document
fails with `timeout`. `OMP_THREAD_LIMIT=1` keeps one Tesseract on one core, so a
pool of N workers uses N cores.
"""

from __future__ import annotations

import io
import os
import subprocess  # nosec B404
import time
from dataclasses import dataclass

from PIL import Image

from vault.tagging.model import TaggingFailed

TESSERACT = "tesseract"


@dataclass(frozen=True)
class Word:
    """One recognised word with its box, line identity and confidence (0-100)."""

    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float
    line: tuple[int, int, int]


def remaining(deadline: float) -> float:
    """Seconds left before `deadline` (a time.monotonic() value); fails at zero."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise TaggingFailed("timeout", "the tagging deadline passed")
    return left


def _pgm(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.convert("L").save(buffer, format="PPM")
    return buffer.getvalue()


def _run(image: Image.Image, args: list[str], deadline: float) -> str:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    try:
        done = subprocess.run(  # nosec B603
            [TESSERACT, "stdin", "stdout", *args],
            input=_pgm(image),
            capture_output=True,
            timeout=remaining(deadline),
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise TaggingFailed("timeout", "tesseract overran the deadline") from exc
    except FileNotFoundError as exc:
        raise TaggingFailed("ocr_failed", "tesseract is not installed") from exc
    if done.returncode != 0:
        raise TaggingFailed("ocr_failed", f"tesseract exited with {done.returncode}")
    return done.stdout.decode("utf-8", errors="replace")


AUTOMATIC = "3"
UNIFORM_BLOCK = "6"


def recognise(image: Image.Image, langs: str, deadline: float, segmentation: str = AUTOMATIC) -> list[Word]:
    """OCR `image` into words with boxes.

    AUTOMATIC page segmentation finds columns and blocks (a payslip's
    employer and employee side by side); UNIFORM_BLOCK reads the page row by
    row and keeps text drawn inside boxes and under rules, which automatic
    segmentation sometimes drops as pictures.
    """
    tsv = _run(image, ["-l", langs, "--psm", segmentation, "tsv"], deadline)
    return parse_tsv(tsv)


MRZ_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"


def read_zone(image: Image.Image, deadline: float) -> str:
    """OCR a machine-readable zone: uniform block, MRZ characters only."""
    return _run(image, ["-l", "eng", "--psm", "6", "-c", f"tessedit_char_whitelist={MRZ_ALPHABET}"], deadline)


def parse_tsv(tsv: str) -> list[Word]:
    """Words (level 5) of Tesseract's TSV output, empty ones dropped."""
    words = []
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) != 12 or cells[0] != "5" or not cells[11].strip():
            continue
        block, par, line = int(cells[2]), int(cells[3]), int(cells[4])
        left, top, width, height = (int(c) for c in cells[6:10])
        words.append(Word(cells[11].strip(), left, top, width, height, float(cells[10]), (block, par, line)))
    return words


def orientation(image: Image.Image, deadline: float) -> int | None:
    """Degrees (counter-clockwise, as PIL's rotate) to turn `image` upright, per Tesseract OSD.

    None when OSD cannot tell (too little text) or is not confident.
    """
    try:
        report = _run(image, ["--psm", "0", "-l", "osd"], deadline)
    except TaggingFailed as exc:
        if exc.reason == "timeout":
            raise
        return None
    values = dict(
        (key.strip(), value.strip())
        for key, _, value in (line.partition(":") for line in report.splitlines())
    )
    try:
        rotate, confidence = int(values["Rotate"]), float(values["Orientation confidence"])
    except (KeyError, ValueError):
        return None
    return rotate if confidence >= 1.0 else None
