"""Key slots: a DEK sealed to one reader (HPKE) or to one share link."""

from __future__ import annotations

import pytest

from keys import (
    DecryptionError,
    Keyring,
    new_document_key,
    open_document_key,
    open_link_slot,
    seal_document_key,
    seal_link_slot,
)
from keys.format import SLOT_SIZE

DOC = "0123456789abcdef0123456789abcdef"
OTHER_DOC = "fedcba9876543210fedcba9876543210"
OWNER, CASEWORKER = "owner-account", "caseworker-account"


@pytest.fixture(scope="module")
def owner() -> Keyring:
    return Keyring.generate()


def test_document_key_round_trips_through_a_slot(owner: Keyring) -> None:
    dek = new_document_key()
    slot = seal_document_key(dek, owner.public_key_bytes(), DOC, OWNER)
    assert open_document_key(slot, owner, DOC, OWNER) == dek


def test_slot_starts_with_its_suite_id_and_has_a_fixed_size(owner: Keyring) -> None:
    slot = seal_document_key(new_document_key(), owner.public_key_bytes(), DOC, OWNER)
    assert slot[0] == 0x01
    assert len(slot) == SLOT_SIZE


def test_sealing_needs_no_secret_and_is_randomized(owner: Keyring) -> None:
    dek, public_key = new_document_key(), owner.public_key_bytes()
    assert seal_document_key(dek, public_key, DOC, OWNER) != seal_document_key(dek, public_key, DOC, OWNER)


@pytest.mark.parametrize("doc, principal", [(OTHER_DOC, OWNER), (DOC, CASEWORKER)])
def test_slot_opened_for_another_document_or_principal_fails(owner: Keyring, doc: str, principal: str) -> None:
    slot = seal_document_key(new_document_key(), owner.public_key_bytes(), DOC, OWNER)
    with pytest.raises(DecryptionError):
        open_document_key(slot, owner, doc, principal)


def test_another_keyring_cannot_open_a_slot(owner: Keyring) -> None:
    slot = seal_document_key(new_document_key(), owner.public_key_bytes(), DOC, OWNER)
    with pytest.raises(DecryptionError):
        open_document_key(slot, Keyring.generate(), DOC, OWNER)


@pytest.mark.parametrize("offset", [0, 1, 600, 1119, 1121, SLOT_SIZE - 1])
def test_damaged_slot_fails(owner: Keyring, offset: int) -> None:
    slot = bytearray(seal_document_key(new_document_key(), owner.public_key_bytes(), DOC, OWNER))
    slot[offset] ^= 0x02
    with pytest.raises(DecryptionError):
        open_document_key(bytes(slot), owner, DOC, OWNER)


def test_malformed_public_key_or_arguments_are_refused(owner: Keyring) -> None:
    public_key = owner.public_key_bytes()
    with pytest.raises(ValueError):
        seal_document_key(new_document_key(), public_key[:-1], DOC, OWNER)
    with pytest.raises(ValueError):
        seal_document_key(new_document_key(), b"\x02" + public_key[1:], DOC, OWNER)
    with pytest.raises(ValueError):
        seal_document_key(b"short", public_key, DOC, OWNER)
    with pytest.raises(ValueError):
        seal_document_key(new_document_key(), public_key, "../etc", OWNER)


def test_link_slot_round_trips_and_is_bound_to_its_link() -> None:
    dek, secret = new_document_key(), bytes(range(32))
    slot = seal_link_slot(dek, secret, "link-1")
    assert open_link_slot(slot, secret, "link-1") == dek
    with pytest.raises(DecryptionError):
        open_link_slot(slot, secret, "link-2")
    with pytest.raises(DecryptionError):
        open_link_slot(slot, bytes(32), "link-1")


def test_link_secret_shorter_than_128_bits_is_refused() -> None:
    with pytest.raises(ValueError):
        seal_link_slot(new_document_key(), bytes(15), "link-1")
