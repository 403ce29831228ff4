"""Trustee shares: any k of n rebuild the recovery secret, fewer do not, and each share opens only for its trustee."""

from __future__ import annotations

import itertools

import pytest

from keys import (
    DecryptionError,
    Keyring,
    combine_shares,
    claim_check,
    claim_check_matches,
    derive_claim_key,
    derive_trustee_kek,
    new_recovery_secret,
    open_share,
    seal_share,
    split_secret,
    unwrap_keyring,
    wrap_keyring,
)
from keys.format import SHARE_SLOT_SIZE

PERSON = "a" * 32


@pytest.mark.parametrize(("threshold", "count"), [(1, 1), (1, 3), (2, 3), (3, 5), (5, 5)])
def test_every_threshold_subset_rebuilds_the_secret(threshold: int, count: int) -> None:
    secret = new_recovery_secret()
    shares = split_secret(secret, threshold, count)
    assert len(shares) == count
    for chosen in itertools.combinations(shares, threshold):
        assert combine_shares(list(chosen)) == secret


@pytest.mark.parametrize(("threshold", "count"), [(2, 3), (3, 5), (5, 5)])
def test_fewer_shares_than_the_threshold_do_not_open_the_keyring(threshold: int, count: int) -> None:
    keyring, secret = Keyring.generate(), new_recovery_secret()
    wrapped = wrap_keyring(keyring, derive_trustee_kek(secret, PERSON), PERSON, "trustees")
    shares = split_secret(secret, threshold, count)
    for chosen in itertools.combinations(shares, threshold - 1):
        guess = combine_shares(list(chosen))
        assert guess != secret
        with pytest.raises(DecryptionError):
            unwrap_keyring(wrapped, derive_trustee_kek(guess, PERSON), PERSON, "trustees")
    assert unwrap_keyring(wrapped, derive_trustee_kek(combine_shares(shares[:threshold]), PERSON), PERSON, "trustees") == keyring


@pytest.mark.parametrize(("threshold", "count"), [(0, 3), (4, 3), (2, 6), (1, 0)])
def test_impossible_thresholds_are_refused(threshold: int, count: int) -> None:
    with pytest.raises(ValueError):
        split_secret(new_recovery_secret(), threshold, count)


def test_malformed_or_repeated_shares_are_refused() -> None:
    shares = split_secret(new_recovery_secret(), 2, 3)
    for bad in ([], [shares[0], shares[0]], [shares[0][:-1], shares[1]], [b"\x09" + shares[0][1:], shares[1]]):
        with pytest.raises(ValueError):
            combine_shares(bad)


def test_a_sealed_share_opens_only_for_its_trustee_and_context() -> None:
    trustee, stranger = Keyring.generate(), Keyring.generate()
    share = split_secret(new_recovery_secret(), 2, 2)[0]
    slot = seal_share(share, trustee.public_key_bytes(), PERSON, "t" * 32)
    assert len(slot) == SHARE_SLOT_SIZE
    assert open_share(slot, trustee, PERSON, "t" * 32) == share
    for keyring, context, principal in ((stranger, PERSON, "t" * 32), (trustee, "b" * 32, "t" * 32), (trustee, PERSON, "u" * 32)):
        with pytest.raises(DecryptionError):
            open_share(slot, keyring, context, principal)


@pytest.mark.parametrize("offset", [0, 1, 600, SHARE_SLOT_SIZE - 1])
def test_a_damaged_share_slot_fails_closed(offset: int) -> None:
    trustee = Keyring.generate()
    slot = bytearray(seal_share(split_secret(new_recovery_secret(), 1, 1)[0], trustee.public_key_bytes(), PERSON, "t" * 32))
    slot[offset] ^= 0x01
    with pytest.raises(DecryptionError):
        open_share(bytes(slot), trustee, PERSON, "t" * 32)


SERVER_KEY = bytes(range(32))


def test_claim_keys_differ_per_claim_and_server_and_need_the_full_code() -> None:
    code = bytes(range(16))
    assert derive_claim_key(code, "c1", SERVER_KEY) != derive_claim_key(code, "c2", SERVER_KEY)
    assert derive_claim_key(code, "c1", SERVER_KEY) != derive_claim_key(code, "c1", bytes(32))
    with pytest.raises(ValueError):
        derive_claim_key(code[:15], "c1", SERVER_KEY)
    with pytest.raises(ValueError):
        derive_claim_key(code, "c1", SERVER_KEY[:31])


def test_a_claim_check_names_one_public_key_of_one_claim() -> None:
    key, other = Keyring.generate().public_key_bytes(), Keyring.generate().public_key_bytes()
    check = claim_check("c1", key)
    assert len(check) == 11 and check[5] == "-"
    assert claim_check("c1", key) == check
    assert claim_check("c1", other) != check and claim_check("c2", key) != check


def test_a_claim_check_is_read_leniently_but_exactly() -> None:
    key = Keyring.generate().public_key_bytes()
    check = claim_check("c1", key)
    assert claim_check_matches("c1", key, check)
    assert claim_check_matches("c1", key, " " + check.lower().replace("-", " ") + " ")
    wrong = check[:-1] + ("0" if check[-1] != "0" else "1")
    assert not claim_check_matches("c1", key, wrong)
    assert not claim_check_matches("c1", key, check[:-1])
    assert not claim_check_matches("c1", key, "")
    assert not claim_check_matches("c1", key, "#" + check)
