"""Passphrase to master key, login verifier and KEK."""

from __future__ import annotations

import unicodedata

import pytest

from keys import (
    Argon2Params,
    derive_auth_key,
    derive_kek,
    derive_master_key,
    login_verifier,
    new_salt,
    verify_login,
)

FAST = Argon2Params(memory_kib=8192, iterations=1, lanes=1)
SALT = bytes(range(16))
SERVER_KEY = bytes(range(32, 64))
PASSPHRASE = "correct horse battery staple"


def test_default_params_are_rfc_9106_low_memory_and_give_32_bytes() -> None:
    params = Argon2Params()
    assert (params.memory_kib, params.iterations, params.lanes) == (65536, 3, 4)
    master = derive_master_key(PASSPHRASE, SALT, params)
    assert len(master) == 32
    assert master != derive_master_key(PASSPHRASE, SALT, FAST)


@pytest.mark.parametrize(
    "changed", [Argon2Params(16384, 1, 1), Argon2Params(8192, 2, 1), Argon2Params(8192, 1, 2)]
)
def test_each_argon2_parameter_changes_the_master_key(changed: Argon2Params) -> None:
    assert derive_master_key(PASSPHRASE, SALT, changed) != derive_master_key(PASSPHRASE, SALT, FAST)


def test_salt_and_passphrase_change_the_master_key() -> None:
    base = derive_master_key(PASSPHRASE, SALT, FAST)
    assert derive_master_key(PASSPHRASE, bytes(16), FAST) != base
    assert derive_master_key(PASSPHRASE + " ", SALT, FAST) != base
    assert derive_master_key(PASSPHRASE, SALT, FAST) == base


def test_composed_and_decomposed_accents_give_the_same_key() -> None:
    composed = unicodedata.normalize("NFC", "mot de passe éprouvé")
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    assert derive_master_key(composed, SALT, FAST) == derive_master_key(decomposed, SALT, FAST)


def test_params_round_trip_through_a_dict() -> None:
    params = Argon2Params(32768, 4, 2)
    assert params.to_dict() == {"memory_kib": 32768, "iterations": 4, "lanes": 2}
    assert Argon2Params.from_dict(params.to_dict()) == params


@pytest.mark.parametrize(
    "data",
    [{"memory_kib": 8192, "iterations": 1}, {"memory_kib": 8192, "iterations": 1, "lanes": 1, "x": 1},
     {"memory_kib": 8192, "iterations": True, "lanes": 1}, {"memory_kib": "8192", "iterations": 1, "lanes": 1},
     {"memory_kib": 7, "iterations": 1, "lanes": 1}, {"memory_kib": 8192, "iterations": 0, "lanes": 1},
     {"memory_kib": 2**40, "iterations": 1, "lanes": 1}],
)
def test_degenerate_or_malformed_params_are_refused(data: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        Argon2Params.from_dict(data)


def test_salt_is_16_fresh_bytes() -> None:
    assert len(new_salt()) == 16
    assert new_salt() != new_salt()
    with pytest.raises(ValueError):
        derive_master_key(PASSPHRASE, b"short", FAST)


def test_login_verifier_accepts_only_the_right_auth_key() -> None:
    auth = derive_auth_key(derive_master_key(PASSPHRASE, SALT, FAST))
    verifier = login_verifier(SERVER_KEY, auth)
    assert verify_login(SERVER_KEY, auth, verifier)
    wrong = derive_auth_key(derive_master_key("wrong passphrase", SALT, FAST))
    assert not verify_login(SERVER_KEY, wrong, verifier)
    assert not verify_login(bytes(32), auth, verifier)
    assert not verify_login(SERVER_KEY, auth, verifier[:-1])


def test_kek_needs_master_key_server_key_and_user_id() -> None:
    master = derive_master_key(PASSPHRASE, SALT, FAST)
    kek = derive_kek(master, SERVER_KEY, "user-1")
    assert kek != derive_auth_key(master)
    assert kek != derive_kek(master, bytes(32), "user-1")
    assert kek != derive_kek(master, SERVER_KEY, "user-2")
    with pytest.raises(ValueError):
        derive_kek(master, b"short", "user-1")
