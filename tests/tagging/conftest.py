"""Builders for tagging tests: generated documents with their ground truth."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from functools import lru_cache

import pytest

from bench.corpus.common import Spec
from bench.corpus.generate import document

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None,
    reason="this machine lacks the tesseract binary (Debian package tesseract-ocr)",
)

SEED = 2024


@dataclass(frozen=True)
class Sample:
    spec: Spec
    data: bytes
    mime: str
    capture: str


@lru_cache(maxsize=32)
def make_document(kind: str, how: str, index: int = 0, seed: int = SEED) -> Sample:
    """The generated document of `kind`, captured as `how` (see bench.corpus.capture)."""
    spec, data, mime, _, capture = document(seed, index, kind, how)
    return Sample(spec, data, mime, capture)
