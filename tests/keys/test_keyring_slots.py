"""Keyring slots: the owner's fast slot opens only with that keyring, that document and that principal."""

from __future__ import annotations

import pytest

from keys import DecryptionError, Keyring, new_document_key, open_document_key, seal_document_key, seal_keyring_slot

DOC, OTHER_DOC = "a" * 32, "b" * 32
OWNER, OTHER = "c" * 32, "d" * 32


def test_keyring_slot_round_trips_and_is_small() -> None:
    keyring, dek = Keyring.generate(), new_document_key()
    slot = seal_keyring_slot(dek, keyring, DOC, OWNER)
    assert slot[0] == 0x02 and len(slot) == 62
    assert open_document_key(slot, keyring, DOC, OWNER) == dek


@pytest.mark.parametrize("document_id, principal_id", [(OTHER_DOC, OWNER), (DOC, OTHER)])
def test_keyring_slot_is_bound_to_document_and_principal(document_id: str, principal_id: str) -> None:
    keyring = Keyring.generate()
    slot = seal_keyring_slot(new_document_key(), keyring, DOC, OWNER)
    with pytest.raises(DecryptionError):
        open_document_key(slot, keyring, document_id, principal_id)


def test_keyring_slot_needs_the_same_keyring() -> None:
    slot = seal_keyring_slot(new_document_key(), Keyring.generate(), DOC, OWNER)
    with pytest.raises(DecryptionError):
        open_document_key(slot, Keyring.generate(), DOC, OWNER)


def test_every_flipped_bit_fails_closed() -> None:
    keyring = Keyring.generate()
    slot = seal_keyring_slot(new_document_key(), keyring, DOC, OWNER)
    for position in range(len(slot)):
        damaged = bytearray(slot)
        damaged[position] ^= 0x01
        with pytest.raises(DecryptionError):
            open_document_key(bytes(damaged), keyring, DOC, OWNER)


def test_both_suites_open_with_the_same_call() -> None:
    keyring, dek = Keyring.generate(), new_document_key()
    hpke = seal_document_key(dek, keyring.public_key_bytes(), DOC, OWNER)
    assert open_document_key(hpke, keyring, DOC, OWNER) == open_document_key(seal_keyring_slot(dek, keyring, DOC, OWNER), keyring, DOC, OWNER) == dek
