"""Reading the saved vectors in tests/vectors/ (schema: docs/FORMAT.md)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from tests.vectors.material import mutate, pattern

DIRECTORY = Path(__file__).resolve().parent.parent / "vectors"

__all__ = ["DIRECTORY", "load", "named", "mutate", "plaintext_of"]


@cache
def _load_text(name: str) -> str:
    return (DIRECTORY / name).read_text(encoding="utf-8")


def load(name: str) -> dict[str, Any]:
    """A fresh copy of one vector file."""
    content: dict[str, Any] = json.loads(_load_text(name))
    return content


def named(items: list[dict[str, Any]], name: str) -> dict[str, Any]:
    return next(item for item in items if item["name"] == name)


def plaintext_of(vector: dict[str, Any]) -> bytes:
    """The plaintext of a dv1.json vector, spelled out or given by the mod-251 rule."""
    if "plaintext" in vector:
        return bytes.fromhex(vector["plaintext"])
    assert vector["plaintext_rule"] == "mod251"
    return pattern(vector["plaintext_size"])
