"""Recovery codes: typed by people, so typos must be caught, not turned into a wrong key."""

from __future__ import annotations

import re

import pytest

from keys import InvalidRecoveryCode, derive_recovery_kek, generate_recovery_code, parse_recovery_code
from keys._crockford import ALPHABET
from keys.recovery import _recovery_code_from_parts

SAMPLES = [bytes(16), b"\xff" * 16, bytes(range(16)), bytes.fromhex("37f060ff4d17a1bd1b1c9fc62796400b")]


def test_generated_code_is_7_groups_of_4_and_round_trips() -> None:
    code = generate_recovery_code()
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){6}", code)
    assert len(parse_recovery_code(code)) == 16
    assert generate_recovery_code() != code


@pytest.mark.parametrize("secret", SAMPLES)
def test_every_single_wrong_character_is_detected(secret: bytes) -> None:
    plain = _recovery_code_from_parts(secret).replace("-", "")
    for position, original in enumerate(plain):
        for replacement in ALPHABET:
            if replacement != original:
                with pytest.raises(InvalidRecoveryCode):
                    parse_recovery_code(plain[:position] + replacement + plain[position + 1 :])


@pytest.mark.parametrize("secret", SAMPLES)
def test_every_swap_of_neighbouring_characters_is_detected(secret: bytes) -> None:
    plain = _recovery_code_from_parts(secret).replace("-", "")
    for i in range(len(plain) - 1):
        if plain[i] != plain[i + 1]:
            with pytest.raises(InvalidRecoveryCode):
                parse_recovery_code(plain[:i] + plain[i + 1] + plain[i] + plain[i + 2 :])


def test_input_is_tolerant_of_case_spacing_and_lookalikes() -> None:
    secret = bytes.fromhex("37f060ff4d17a1bd1b1c9fc62796400b")
    code = _recovery_code_from_parts(secret)
    for text in (code.lower(), code.replace("-", " "), f" {code} ", code.replace("1", "l").replace("0", "o"),
                 code.replace("1", "I")):
        assert parse_recovery_code(text) == secret


@pytest.mark.parametrize(
    "text",
    ["", "ABCD", "0000-0000-0000-0000-0000-0000-00000", "UUUU-0000-0000-0000-0000-0000-0000",
     "0000-0000-0000-0000-0000-0000-000*"],
)
def test_wrong_length_or_character_is_refused(text: str) -> None:
    with pytest.raises(InvalidRecoveryCode):
        parse_recovery_code(text)


def test_invalid_recovery_code_is_a_value_error() -> None:
    assert issubclass(InvalidRecoveryCode, ValueError)


def test_recovery_kek_depends_on_code_and_user() -> None:
    kek = derive_recovery_kek(SAMPLES[2], "user-1")
    assert len(kek) == 32
    assert kek != derive_recovery_kek(SAMPLES[2], "user-2")
    assert kek != derive_recovery_kek(SAMPLES[3], "user-1")
    with pytest.raises(ValueError):
        derive_recovery_kek(b"short", "user-1")
