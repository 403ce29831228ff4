"""Classification rules kept as data: the built-in JSON plus an operator's file.

A rule file (see rules/default.json) holds, per document type, weighted cues
(phrases matched with OCR tolerance, or a regex over the compact text) and a
minimum score; plus the field labels and vocabularies the extractors use. An
operator's file has the same shape: its cues, labels and vocabulary entries
are added to the built-in ones, its min_score values replace them, and a type
it names that does not exist yet becomes a new type.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from vault.tagging import textmatch

RULES_VERSION = 1


@dataclass(frozen=True)
class Cue:
    name: str
    weight: int
    phrases: tuple[str, ...] = ()
    regex: str = ""

    def matches(self, compacted: str) -> bool:
        if self.regex:
            return re.search(self.regex, compacted) is not None
        return any(textmatch.contains(compacted, phrase) for phrase in self.phrases)


@dataclass(frozen=True)
class TypeRule:
    name: str
    min_score: int
    cues: tuple[Cue, ...]


@dataclass(frozen=True)
class Vocabulary:
    """Canonical values, each with the phrases that reveal it, in priority order."""

    entries: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class Rules:
    types: tuple[TypeRule, ...]
    labels: dict[str, tuple[str, ...]]
    vocabularies: dict[str, Vocabulary]
    legal_forms: tuple[str, ...]


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    merged: dict[str, Any] = json.loads(json.dumps(base))
    for name, rule in extra.get("types", {}).items():
        target = merged["types"].setdefault(name, {"min_score": 5, "cues": []})
        target["cues"].extend(rule.get("cues", []))
        target["min_score"] = rule.get("min_score", target["min_score"])
    for name, phrases in extra.get("labels", {}).items():
        merged["labels"].setdefault(name, []).extend(phrases)
    for name in ("permit_kinds", "protection", "cv_languages", "cv_skills"):
        merged[name].extend(extra.get(name, []))
    merged["legal_forms"].extend(extra.get("legal_forms", []))
    return merged


def _vocabulary(entries: list[dict[str, Any]]) -> Vocabulary:
    grouped: dict[str, list[str]] = {}
    for entry in entries:
        grouped.setdefault(str(entry["value"]), []).extend(entry["phrases"])
    return Vocabulary(tuple((value, tuple(phrases)) for value, phrases in grouped.items()))


def _cue(raw: dict[str, Any]) -> Cue:
    return Cue(str(raw["name"]), int(raw["weight"]), tuple(raw.get("phrases", ())), str(raw.get("regex", "")))


def _build(raw: dict[str, Any]) -> Rules:
    if raw.get("version") != RULES_VERSION:
        raise ValueError(f"unknown rules version {raw.get('version')!r}")
    types = tuple(
        TypeRule(name, int(rule["min_score"]), tuple(_cue(c) for c in rule["cues"]))
        for name, rule in raw["types"].items()
    )
    return Rules(
        types=types,
        labels={name: tuple(phrases) for name, phrases in raw["labels"].items()},
        vocabularies={name: _vocabulary(raw[name]) for name in ("permit_kinds", "protection", "cv_languages", "cv_skills")},
        legal_forms=tuple(raw["legal_forms"]),
    )


@lru_cache(maxsize=8)
def load_rules(extra: Path | None = None) -> Rules:
    """The built-in rules, with `extra` (an operator's JSON file) merged in.

    Raises ValueError for a malformed or unknown-version file.
    """
    raw = json.loads(resources.files("vault.tagging").joinpath("rules/default.json").read_text("utf-8"))
    if extra is not None:
        added = json.loads(Path(extra).read_text("utf-8"))
        if added.get("version", RULES_VERSION) != RULES_VERSION:
            raise ValueError(f"unknown rules version in {extra}")
        raw = _merge(raw, added)
    return _build(raw)


def classify(compacted: str, rules: Rules) -> tuple[str, list[str]]:
    """The best-scoring type (or "other") and every cue that matched, as `type:cue`."""
    best, best_score = "other", 0
    cues: list[str] = []
    for rule in rules.types:
        matched = [cue for cue in rule.cues if cue.matches(compacted)]
        cues.extend(f"{rule.name}:{cue.name}" for cue in matched)
        score = sum(cue.weight for cue in matched)
        if score >= rule.min_score and score > best_score:
            best, best_score = rule.name, score
    return best, cues
