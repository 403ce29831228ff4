"""System fonts used to draw documents, found through fontconfig (fc-match).

Debian packages: fonts-dejavu-core, fonts-liberation2, fonts-noto-core,
fonts-freefont-ttf, fonts-crosextra-carlito, fonts-ocr-b. A family that is not
installed is skipped; the generator needs at least one sans and the OCR-B face.
"""

from __future__ import annotations

import subprocess  # nosec B404
from dataclasses import dataclass
from functools import lru_cache

SANS = ["DejaVu Sans", "Liberation Sans", "Noto Sans", "FreeSans", "Carlito"]
SERIF = ["DejaVu Serif", "Liberation Serif", "Noto Serif", "FreeSerif"]
MONO = ["DejaVu Sans Mono", "Liberation Mono"]
MRZ = "OCR B"


@dataclass(frozen=True)
class Face:
    family: str
    regular: str
    bold: str


def _match(pattern: str) -> str:
    done = subprocess.run(["fc-match", "-f", "%{family}|%{file}", pattern], capture_output=True, text=True, check=False)  # nosec
    return done.stdout


@lru_cache(maxsize=64)
def face(family: str) -> Face | None:
    """The installed regular and bold files of `family`, or None."""
    regular, bold = _match(family), _match(f"{family}:bold")
    if not regular.split("|")[0].startswith(family.split()[0]) or "|" not in bold:
        return None
    bold_file = bold.split("|", 1)[1]
    return Face(family, regular.split("|", 1)[1], bold_file)


def faces(families: list[str]) -> list[Face]:
    """The installed faces among `families`, in order."""
    return [f for f in (face(name) for name in families) if f is not None]


def mrz_face() -> Face:
    """The OCR-B face for machine-readable zones."""
    found = face(MRZ)
    if found is None:
        raise RuntimeError("the OCR-B font is missing (Debian package fonts-ocr-b)")
    return found
