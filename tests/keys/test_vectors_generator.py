"""The generator reproduces every saved vector file byte for byte."""

from __future__ import annotations

from tests.vectors import generate
from tests.keys.vectors import DIRECTORY


def test_generator_reproduces_saved_vectors_byte_for_byte() -> None:
    produced = generate.generate(DIRECTORY)
    assert sorted(produced) == sorted(path.name for path in DIRECTORY.glob("*.json"))
    for name, text in produced.items():
        assert (DIRECTORY / name).read_text(encoding="utf-8") == text, f"{name} differs from its generator"
