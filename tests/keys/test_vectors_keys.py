"""The other vector files: derivations, sealed boxes, keyrings, slots, metadata and recovery codes."""

from __future__ import annotations

from typing import Any

import pytest

from keys import (
    Argon2Params,
    DecryptionError,
    InvalidRecoveryCode,
    Keyring,
    derive_auth_key,
    derive_kek,
    derive_key,
    derive_master_key,
    derive_recovery_kek,
    fingerprint,
    login_verifier,
    open_document_key,
    open_link_slot,
    open_metadata,
    open_sealed,
    parse_recovery_code,
    unwrap_keyring,
)
from keys.keyring import _keyring_from_parts
from tests.keys.vectors import load, mutate, named

SYMMETRIC, PASSPHRASE, RECOVERY = load("symmetric.json"), load("passphrase.json"), load("recovery.json")
KEYRING, SLOTS, METADATA = load("keyring.json"), load("slots.json"), load("metadata.json")


def _h(value: str) -> bytes:
    return bytes.fromhex(value)


def _keyring(entry: dict[str, str]) -> Keyring:
    return _keyring_from_parts(_h(entry["mlkem_seed"]), _h(entry["x25519_private"]), _h(entry["index_key"]))


@pytest.mark.parametrize("case", SYMMETRIC["hkdf"], ids=lambda c: c["name"])
def test_hkdf_known_answers(case: dict[str, Any]) -> None:
    salt = None if case["salt"] is None else _h(case["salt"])
    assert derive_key(_h(case["secret"]), case["info"], salt).hex() == case["key"]


@pytest.mark.parametrize("case", SYMMETRIC["sealed_boxes"], ids=lambda c: c["name"])
def test_sealed_box_known_answers(case: dict[str, Any]) -> None:
    assert open_sealed(_h(case["key"]), _h(case["sealed"]), _h(case["aad"])).hex() == case["plaintext"]


@pytest.mark.parametrize("case", SYMMETRIC["negative"], ids=lambda c: c["name"])
def test_sealed_box_negative_vectors_fail(case: dict[str, Any]) -> None:
    box = named(SYMMETRIC["sealed_boxes"], case["box"])
    sealed = mutate(_h(box["sealed"]), case["mutations"])
    with pytest.raises(DecryptionError):
        open_sealed(_h(case.get("key", box["key"])), sealed, _h(case.get("aad", box["aad"])))


@pytest.mark.parametrize("case", PASSPHRASE["argon2id"], ids=lambda c: c["name"])
def test_argon2id_known_answers(case: dict[str, Any]) -> None:
    params = Argon2Params.from_dict(case["params"])
    assert derive_master_key(case["passphrase"], _h(case["salt"]), params).hex() == case["master_key"]


def test_passphrase_derivations_known_answers() -> None:
    auth, verifier = PASSPHRASE["auth"][0], PASSPHRASE["verifier"][0]
    assert derive_auth_key(_h(auth["master_key"])).hex() == auth["auth_key"]
    assert login_verifier(_h(verifier["server_key"]), _h(verifier["auth_key"])).hex() == verifier["verifier"]
    for case in PASSPHRASE["kek"]:
        assert derive_kek(_h(case["master_key"]), _h(case["server_key"]), case["user_id"]).hex() == case["kek"]


def test_recovery_codes_known_answers() -> None:
    for case in RECOVERY["codes"]:
        assert parse_recovery_code(case["code"]).hex() == case["bytes"]
    for case in RECOVERY["accepted_inputs"]:
        assert parse_recovery_code(case["text"]).hex() == case["bytes"]
    for case in RECOVERY["recovery_kek"]:
        assert derive_recovery_kek(_h(case["bytes"]), case["user_id"]).hex() == case["rkek"]


@pytest.mark.parametrize("case", RECOVERY["rejected_inputs"], ids=lambda c: c["name"])
def test_recovery_code_negative_vectors_are_rejected(case: dict[str, Any]) -> None:
    with pytest.raises(InvalidRecoveryCode):
        parse_recovery_code(case["text"])


@pytest.mark.parametrize("entry", KEYRING["keyrings"], ids=lambda e: e["name"])
def test_keyring_serialization_known_answers(entry: dict[str, str]) -> None:
    keyring = _keyring(entry)
    assert keyring.to_bytes().hex() == entry["keyring_bytes"]
    assert keyring.public_key_bytes().hex() == entry["public_key"]
    assert fingerprint(keyring.public_key_bytes()) == entry["fingerprint"]
    assert Keyring.from_bytes(_h(entry["keyring_bytes"])) == keyring


@pytest.mark.parametrize("case", KEYRING["wraps"], ids=lambda c: c["name"])
def test_saved_wrapped_keyrings_still_unwrap(case: dict[str, Any]) -> None:
    key = _h(case["wrapping_key"])
    keyring = unwrap_keyring(_h(case["wrapped"]), key, case["user_id"], case["purpose"], case["context"])
    assert keyring.to_bytes().hex() == named(KEYRING["keyrings"], case["keyring"])["keyring_bytes"]


@pytest.mark.parametrize("case", KEYRING["negative"], ids=lambda c: c["name"])
def test_wrapped_keyring_negative_vectors_fail(case: dict[str, Any]) -> None:
    wrap = named(KEYRING["wraps"], case["wrap"])
    args = {field: case.get(field, wrap[field]) for field in ("user_id", "purpose", "context")}
    key = _h(case.get("wrapping_key", wrap["wrapping_key"]))
    with pytest.raises(DecryptionError):
        unwrap_keyring(mutate(_h(wrap["wrapped"]), case["mutations"]), key, **args)


@pytest.mark.parametrize("case", KEYRING["malformed_keyring_bytes"], ids=lambda c: c["name"])
def test_malformed_keyring_bytes_are_refused(case: dict[str, str]) -> None:
    with pytest.raises(ValueError):
        Keyring.from_bytes(_h(case["hex"]))


@pytest.mark.parametrize("case", SLOTS["document_slots"], ids=lambda c: c["name"])
def test_saved_document_slots_still_open(case: dict[str, Any]) -> None:
    keyring = _keyring(named(SLOTS["keyrings"], case["keyring"]))
    assert open_document_key(_h(case["slot"]), keyring, case["document_id"], case["principal_id"]).hex() == case["dek"]


@pytest.mark.parametrize("case", SLOTS["document_slot_negative"], ids=lambda c: c["name"])
def test_document_slot_negative_vectors_fail(case: dict[str, Any]) -> None:
    slot = named(SLOTS["document_slots"], case["slot"])
    keyring = _keyring(named(SLOTS["keyrings"], case.get("keyring", slot["keyring"])))
    with pytest.raises(DecryptionError):
        open_document_key(mutate(_h(slot["slot"]), case["mutations"]), keyring,
                          case.get("document_id", slot["document_id"]), case.get("principal_id", slot["principal_id"]))


def test_saved_link_slots_still_open_and_negatives_fail() -> None:
    for case in SLOTS["link_slots"]:
        assert open_link_slot(_h(case["slot"]), _h(case["link_secret"]), case["link_id"]).hex() == case["dek"]
    for case in SLOTS["link_slot_negative"]:
        slot = named(SLOTS["link_slots"], case["slot"])
        secret = _h(case.get("link_secret", slot["link_secret"]))
        with pytest.raises(DecryptionError):
            open_link_slot(mutate(_h(slot["slot"]), case["mutations"]), secret, case.get("link_id", slot["link_id"]))


def test_saved_metadata_still_opens_and_negatives_fail() -> None:
    vector = METADATA["vectors"][0]
    assert open_metadata(_h(vector["dek"]), vector["document_id"], _h(vector["sealed"])) == vector["metadata"]
    for case in METADATA["negative"]:
        with pytest.raises(DecryptionError):
            open_metadata(_h(case.get("dek", vector["dek"])), case.get("document_id", vector["document_id"]),
                          mutate(_h(vector["sealed"]), case["mutations"]))
