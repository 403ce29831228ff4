"""Looking up a rules vocabulary (permit kinds, protection, languages, skills) in text."""

from __future__ import annotations

from vault.tagging import textmatch
from vault.tagging.rules import Vocabulary


def first(compacted: str, vocabulary: Vocabulary) -> str | None:
    """The first value, in the vocabulary's priority order, one of whose phrases occurs."""
    for value, phrases in vocabulary.entries:
        if any(textmatch.contains(compacted, phrase) for phrase in phrases):
            return value
    return None


def every(compacted: str, vocabulary: Vocabulary) -> list[str]:
    """Every value one of whose phrases occurs, in vocabulary order."""
    return [
        value
        for value, phrases in vocabulary.entries
        if any(textmatch.contains(compacted, phrase) for phrase in phrases)
    ]
