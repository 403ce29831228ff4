"""The blob key rules, independent of any backend."""

from __future__ import annotations

import pytest

from storage import MAX_KEY_LENGTH, InvalidBlobKey, StorageError, validate_key, validate_prefix

GOOD_KEYS = [
    "documents/0123456789abcdef0123456789abcdef", "a", "0", "a.b-c_d/e", "v1/x.y/z-9",
    "documents/" + "a" * (MAX_KEY_LENGTH - len("documents/")),
]
BAD_KEYS = [
    "", "/", "../x", "/abs", "a/../b", "a/..", "..", ".", "./a", "a..b", ".hidden", "-dash",
    "_under", "documents/", "a//b", "A", "ключ", "a\x00b", "a b", "a\\b", "a\nb", "a\tb",
    "a" * (MAX_KEY_LENGTH + 1), "c:/x", "a/b?c", "a/b#c", "a%2fb",
]


@pytest.mark.parametrize("key", GOOD_KEYS)
def test_keys_following_the_rules_are_returned_unchanged(key: str) -> None:
    assert validate_key(key) == key


@pytest.mark.parametrize("key", BAD_KEYS)
def test_keys_breaking_the_rules_are_refused(key: str) -> None:
    with pytest.raises(InvalidBlobKey):
        validate_key(key)


@pytest.mark.parametrize("prefix", ["", "documents", "documents/", "documents/ab", "a/b/"])
def test_prefixes_that_could_begin_a_key_are_accepted(prefix: str) -> None:
    assert validate_prefix(prefix) == prefix


@pytest.mark.parametrize("prefix", ["/", "/documents", "../", "a//", "..", "A", "a/.", ".x", "é"])
def test_prefixes_no_key_could_begin_with_are_refused(prefix: str) -> None:
    with pytest.raises(InvalidBlobKey):
        validate_prefix(prefix)


def test_key_errors_are_value_errors_and_storage_errors() -> None:
    with pytest.raises(ValueError):
        validate_key("../x")
    with pytest.raises(StorageError):
        validate_key("../x")
