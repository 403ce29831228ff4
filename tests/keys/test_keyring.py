"""Keyrings: serialization, secrecy in memory dumps and logs, wrapping bound to its context."""

from __future__ import annotations

import copy
import pickle
import re

import pytest

from keys import DecryptionError, Keyring, fingerprint, unwrap_keyring, wrap_keyring
from keys.format import PUBLIC_KEY_SIZE

USER = "4f1c0e7a9b2d4c6e8f0a1b3c5d7e9f01"
SESSION = "0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f50"
KEY = bytes(range(32))


@pytest.fixture(scope="module")
def keyring() -> Keyring:
    return Keyring.generate()


def test_serialization_round_trips(keyring: Keyring) -> None:
    restored = Keyring.from_bytes(keyring.to_bytes())
    assert restored == keyring
    assert restored.public_key_bytes() == keyring.public_key_bytes()
    assert restored.index_key == keyring.index_key


def test_generated_keyrings_differ(keyring: Keyring) -> None:
    other = Keyring.generate()
    assert other != keyring
    assert other.public_key_bytes() != keyring.public_key_bytes()
    assert other.index_key != keyring.index_key


def test_public_key_has_fixed_size_and_algorithm_byte(keyring: Keyring) -> None:
    public_key = keyring.public_key_bytes()
    assert len(public_key) == PUBLIC_KEY_SIZE
    assert public_key[0] == 0x01


@pytest.mark.parametrize("data", [b"", b"\x01" * 129, b"\x02\x01" + bytes(128), b"\x01\x09" + bytes(128)])
def test_malformed_serialization_is_refused(data: bytes) -> None:
    with pytest.raises(ValueError):
        Keyring.from_bytes(data)


def test_repr_and_str_hide_every_secret(keyring: Keyring) -> None:
    secret = keyring.to_bytes()
    for text in (repr(keyring), str(keyring), f"{keyring!r}"):
        assert keyring.index_key.hex() not in text
        assert secret.hex()[4:40] not in text
        assert fingerprint(keyring.public_key_bytes()) in text


def test_pickling_is_refused(keyring: Keyring) -> None:
    with pytest.raises(TypeError):
        pickle.dumps(keyring)
    with pytest.raises(TypeError):
        pickle.dumps({"nested": [keyring]})


def test_copies_are_the_same_immutable_object(keyring: Keyring) -> None:
    assert copy.copy(keyring) is keyring
    assert copy.deepcopy({"k": keyring})["k"] is keyring


def test_fingerprint_is_short_stable_and_distinct(keyring: Keyring) -> None:
    value = fingerprint(keyring.public_key_bytes())
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}", value)
    assert fingerprint(keyring.public_key_bytes()) == value
    assert fingerprint(Keyring.generate().public_key_bytes()) != value


def test_fingerprint_refuses_something_that_is_not_a_public_key() -> None:
    with pytest.raises(ValueError):
        fingerprint(b"\x01" * 100)


@pytest.mark.parametrize("purpose, context", [("kek", ""), ("recovery", ""), ("session", SESSION)])
def test_wrap_round_trips_for_each_purpose(keyring: Keyring, purpose: str, context: str) -> None:
    wrapped = wrap_keyring(keyring, KEY, USER, purpose, context)
    assert unwrap_keyring(wrapped, KEY, USER, purpose, context) == keyring


@pytest.mark.parametrize(
    "key, user, purpose, context",
    [(bytes(32), USER, "session", SESSION), (KEY, "someone-else", "session", SESSION),
     (KEY, USER, "kek", SESSION), (KEY, USER, "session", "another-session"), (KEY, USER, "session", "")],
)
def test_unwrap_in_another_context_fails(keyring: Keyring, key: bytes, user: str, purpose: str, context: str) -> None:
    wrapped = wrap_keyring(keyring, KEY, USER, "session", SESSION)
    with pytest.raises(DecryptionError):
        unwrap_keyring(wrapped, key, user, purpose, context)


def test_fields_of_the_wrap_context_cannot_be_shifted(keyring: Keyring) -> None:
    wrapped = wrap_keyring(keyring, KEY, "ab", "session", "c")
    with pytest.raises(DecryptionError):
        unwrap_keyring(wrapped, KEY, "a", "session", "bc")


def test_every_byte_of_a_wrapped_keyring_is_authenticated(keyring: Keyring) -> None:
    wrapped = wrap_keyring(keyring, KEY, USER, "kek")
    for offset in range(len(wrapped)):
        damaged = bytearray(wrapped)
        damaged[offset] ^= 0x40
        with pytest.raises(DecryptionError):
            unwrap_keyring(bytes(damaged), KEY, USER, "kek")


def test_unknown_purpose_is_a_programming_error(keyring: Keyring) -> None:
    with pytest.raises(ValueError):
        wrap_keyring(keyring, KEY, USER, "backup")
    with pytest.raises(ValueError):
        wrap_keyring(keyring, b"short", USER, "kek")
