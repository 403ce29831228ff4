"""Key slots: a document key (DEK) sealed to one reader.

A person's or caseworker's slot is an HPKE seal to their public key, so anyone can add a
reader without holding a secret. A reader who holds their keyring may instead keep a
keyring slot, a sealed box under a key derived from the keyring's index key: opening it
costs microseconds instead of an ML-KEM decapsulation, which is what makes listing and
searching hundreds of documents fast. `open_document_key` opens either suite. A share-link slot is a sealed box under a key derived
from the link secret, which only the link's holder knows.
"""

import os

from cryptography.exceptions import InvalidTag

from keys._checks import require_document_id, require_size
from keys._kem import HYBRID_SUITE, parse_public_key
from keys.errors import DecryptionError
from keys.format import (
    GCM_NONCE_SIZE,
    INFO_KEYRING_SLOT,
    INFO_LINK_PREFIX,
    INFO_SLOT_PREFIX,
    KEY_SIZE,
    KEYRING_SLOT_SIZE,
    LINK_SLOT_SIZE,
    SLOT_SIZE,
    SLOT_SUITE_HPKE_MLKEM768_X25519_SHA256_AES256GCM,
    SLOT_SUITE_KEYRING_AES256GCM,
)
from keys.keyring import Keyring
from keys.symmetric import _seal_from_parts, derive_key, open_sealed, seal


def new_document_key() -> bytes:
    """32 random bytes: the key of one document's content and metadata."""
    return os.urandom(KEY_SIZE)


def seal_document_key(dek: bytes, recipient_public_key: bytes, document_id: str, principal_id: str) -> bytes:
    """``suite 0x01 || HPKE(MLKEM768_X25519, HKDF_SHA256, AES_256_GCM)`` seal of the DEK.

    HPKE info = "vault/v1/slot|" + document_id + "|" + principal_id.
    """
    require_size("document key", dek, KEY_SIZE)
    info = _slot_info(document_id, principal_id)
    public_key = parse_public_key(recipient_public_key)
    sealed = HYBRID_SUITE.encrypt(dek, public_key, info=info)
    return bytes([SLOT_SUITE_HPKE_MLKEM768_X25519_SHA256_AES256GCM]) + sealed


def seal_keyring_slot(dek: bytes, keyring: Keyring, document_id: str, principal_id: str) -> bytes:
    """``suite 0x02 || sealed box`` of the DEK under HKDF(index key, "vault/v1/keyring-slot"),
    AAD = "vault/v1/slot|" + document_id + "|" + principal_id. Needs the reader's keyring."""
    require_size("document key", dek, KEY_SIZE)
    aad = _slot_info(document_id, principal_id)
    return bytes([SLOT_SUITE_KEYRING_AES256GCM]) + seal(_keyring_slot_key(keyring), dek, aad)


def open_document_key(slot: bytes, keyring: Keyring, document_id: str, principal_id: str) -> bytes:
    """The DEK in ``slot`` (either suite); ``DecryptionError`` if the slot is damaged, for
    another key or context."""
    info = _slot_info(document_id, principal_id)
    if len(slot) == KEYRING_SLOT_SIZE and slot[0] == SLOT_SUITE_KEYRING_AES256GCM:
        return _require_dek(open_sealed(_keyring_slot_key(keyring), slot[1:], info))
    if len(slot) != SLOT_SIZE or slot[0] != SLOT_SUITE_HPKE_MLKEM768_X25519_SHA256_AES256GCM:
        raise DecryptionError()
    try:
        dek = HYBRID_SUITE.decrypt(slot[1:], keyring.hpke_private_key, info=info)
    except (InvalidTag, ValueError):
        raise DecryptionError() from None
    return _require_dek(dek)


def seal_link_slot(dek: bytes, link_secret: bytes, link_id: str) -> bytes:
    """Sealed box of the DEK under HKDF(link_secret, info="vault/v1/link|" + link_id), empty AAD."""
    return _seal_link_slot_from_parts(dek, link_secret, link_id, os.urandom(GCM_NONCE_SIZE))


def open_link_slot(slot: bytes, link_secret: bytes, link_id: str) -> bytes:
    """The DEK in a share-link slot; ``DecryptionError`` on any failure."""
    key = derive_key(link_secret, INFO_LINK_PREFIX + link_id)
    if len(slot) != LINK_SLOT_SIZE:
        raise DecryptionError()
    return _require_dek(open_sealed(key, slot, b""))


def _seal_link_slot_from_parts(dek: bytes, link_secret: bytes, link_id: str, nonce: bytes) -> bytes:
    require_size("document key", dek, KEY_SIZE)
    key = derive_key(link_secret, INFO_LINK_PREFIX + link_id)
    return _seal_from_parts(key, dek, b"", nonce)


def _keyring_slot_key(keyring: Keyring) -> bytes:
    return derive_key(keyring.index_key, INFO_KEYRING_SLOT)


def _slot_info(document_id: str, principal_id: str) -> bytes:
    require_document_id(document_id)
    if not principal_id:
        raise ValueError("principal id must not be empty")
    return (INFO_SLOT_PREFIX + document_id + "|" + principal_id).encode("utf-8")


def _require_dek(dek: bytes) -> bytes:
    if len(dek) != KEY_SIZE:
        raise DecryptionError()
    return dek
