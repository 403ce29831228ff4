"""keyring.json, slots.json and metadata.json.

HPKE encapsulation draws its randomness inside the library, so a document slot cannot be
recomputed: the generator carries a saved slot forward when it still opens to the
expected key, and seals a fresh one otherwise.
"""

from __future__ import annotations

from typing import Any

from keys import DecryptionError, Keyring, fingerprint, open_document_key, seal_document_key
from keys.format import INFO_LINK_PREFIX, INFO_METADATA, SLOT_SIZE
from keys.keyring import _keyring_from_parts, _wrap_aad, _wrap_keyring_from_parts
from keys.metadata import _seal_metadata_from_parts
from keys.slots import _seal_link_slot_from_parts
from keys.symmetric import derive_key, open_sealed
from tests.vectors.material import document_id, material

USER_ID = "4f1c0e7a9b2d4c6e8f0a1b3c5d7e9f01"
CASEWORKER_ID = "9a8b7c6d5e4f30211203f4e5d6c7b8a9"
SESSION_ID = "0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f50"
METADATA = {
    "title": "Titre de séjour",
    "type": "residence_permit",
    "tags": ["identité", "préfecture"],
    "fields": {"expiry": "2027-03-31"},
    "ocr_text": "RÉPUBLIQUE FRANÇAISE\nTITRE DE SÉJOUR",
    "filename": "titre.jpg",
    "mime": "image/jpeg",
    "size": 123456,
}


def keyring_parts(name: str) -> dict[str, str]:
    return {"name": name,
            "mlkem_seed": material("keyring mlkem|" + name, 64).hex(),
            "x25519_private": material("keyring x25519|" + name, 32).hex(),
            "index_key": material("keyring index|" + name, 32).hex()}


def keyring_from(parts: dict[str, str]) -> Keyring:
    fields = ("mlkem_seed", "x25519_private", "index_key")
    return _keyring_from_parts(*(bytes.fromhex(parts[field]) for field in fields))


def _keyring_entry(name: str) -> dict[str, str]:
    parts = keyring_parts(name)
    keyring = keyring_from(parts)
    public_key = keyring.public_key_bytes()
    return {**parts, "keyring_bytes": keyring.to_bytes().hex(), "public_key": public_key.hex(),
            "fingerprint": fingerprint(public_key)}


def build_keyring() -> dict[str, Any]:
    wraps = [_wrap("kek", "kek", USER_ID, ""), _wrap("recovery", "recovery", USER_ID, ""),
             _wrap("session", "session", USER_ID, SESSION_ID)]
    return {"format": "keyring", "schema": 1, "keyrings": [_keyring_entry("owner"), _keyring_entry("caseworker")],
            "wraps": wraps, "negative": _wrap_negatives(), "malformed_keyring_bytes": _malformed_keyrings()}


def _wrap(name: str, purpose: str, user_id: str, context: str) -> dict[str, Any]:
    key, nonce = material("wrap key|" + name, 32), material("wrap nonce|" + name, 12)
    wrapped = _wrap_keyring_from_parts(keyring_from(keyring_parts("owner")), key, user_id, purpose, context, nonce)
    return {"name": name, "keyring": "owner", "purpose": purpose, "user_id": user_id, "context": context,
            "wrapping_key": key.hex(), "nonce": nonce.hex(), "aad": _wrap_aad(user_id, purpose, context).hex(),
            "wrapped": wrapped.hex()}


def _wrap_negatives() -> list[dict[str, Any]]:
    cases = [("wrong-purpose", "kek", [], {"purpose": "recovery"}),
             ("wrong-user-id", "kek", [], {"user_id": CASEWORKER_ID}),
             ("wrong-session-id", "session", [], {"context": "0" * 32}),
             ("missing-context", "session", [], {"context": ""}),
             ("wrong-wrapping-key", "kek", [], {"wrapping_key": material("wrap key|other", 32).hex()}),
             ("unknown-wrap-version", "kek", [{"op": "xor", "offset": 0, "mask": 3}], {}),
             ("bit-flip-keyring", "kek", [{"op": "xor", "offset": 20, "mask": 1}], {}),
             ("truncated", "kek", [{"op": "truncate", "length": 159}], {})]
    return [{"name": name, "wrap": wrap, "mutations": mutations, **overrides, "expect": "DecryptionError"}
            for name, wrap, mutations, overrides in cases]


def _malformed_keyrings() -> list[dict[str, str]]:
    good = bytes.fromhex(_keyring_entry("owner")["keyring_bytes"])
    cases = {"too-short": good[:-1], "too-long": good + b"\x00", "unknown-version": b"\x02" + good[1:],
             "unknown-kem": good[:1] + b"\x02" + good[2:]}
    return [{"name": name, "hex": value.hex(), "expect": "ValueError"} for name, value in cases.items()]


def build_slots(previous: dict[str, Any] | None) -> dict[str, Any]:
    saved = {slot["name"]: slot["slot"] for slot in (previous or {}).get("document_slots", [])}
    slots = [_document_slot("owner", "owner", USER_ID, saved),
             _document_slot("caseworker", "caseworker", CASEWORKER_ID, saved)]
    return {"format": "key slots", "schema": 1,
            "keyrings": [_keyring_entry("owner"), _keyring_entry("caseworker")],
            "document_slots": slots, "document_slot_negative": _slot_negatives(),
            "link_slots": [_link_slot("employer")], "link_slot_negative": _link_negatives()}


def _document_slot(name: str, keyring_name: str, principal: str, saved: dict[str, str]) -> dict[str, Any]:
    keyring = keyring_from(keyring_parts(keyring_name))
    dek, doc = material("slot dek|" + name, 32), document_id("slot|" + name)
    slot = _carried_slot(saved.get(name), keyring, dek, doc, principal)
    return {"name": name, "keyring": keyring_name, "document_id": doc, "principal_id": principal,
            "info": f"vault/v1/slot|{doc}|{principal}", "dek": dek.hex(), "slot": slot.hex()}


def _carried_slot(saved: str | None, keyring: Keyring, dek: bytes, doc: str, principal: str) -> bytes:
    if saved is not None:
        try:
            if open_document_key(bytes.fromhex(saved), keyring, doc, principal) == dek:
                return bytes.fromhex(saved)
        except DecryptionError:
            pass
    return seal_document_key(dek, keyring.public_key_bytes(), doc, principal)


def _slot_negatives() -> list[dict[str, Any]]:
    cases = [("wrong-document-id", [], {"document_id": document_id("slot|other")}),
             ("wrong-principal-id", [], {"principal_id": CASEWORKER_ID}),
             ("wrong-keyring", [], {"keyring": "caseworker"}),
             ("unknown-suite", [{"op": "xor", "offset": 0, "mask": 3}], {}),
             ("bit-flip-encapsulation", [{"op": "xor", "offset": 500, "mask": 1}], {}),
             ("bit-flip-x25519-share", [{"op": "xor", "offset": 1100, "mask": 1}], {}),
             ("bit-flip-ciphertext", [{"op": "xor", "offset": SLOT_SIZE - 20, "mask": 1}], {}),
             ("truncated", [{"op": "truncate", "length": SLOT_SIZE - 1}], {}),
             ("trailing-byte", [{"op": "append", "hex": "00"}], {})]
    return [{"name": name, "slot": "owner", "mutations": mutations, **overrides, "expect": "DecryptionError"}
            for name, mutations, overrides in cases]


def _link_slot(name: str) -> dict[str, Any]:
    secret, link_id = material("link secret|" + name, 32), material("link id|" + name, 16).hex()
    dek, nonce = material("link dek|" + name, 32), material("link nonce|" + name, 12)
    return {"name": name, "link_secret": secret.hex(), "link_id": link_id,
            "link_key": derive_key(secret, INFO_LINK_PREFIX + link_id).hex(), "nonce": nonce.hex(),
            "dek": dek.hex(), "slot": _seal_link_slot_from_parts(dek, secret, link_id, nonce).hex()}


def _link_negatives() -> list[dict[str, Any]]:
    cases = [("wrong-link-id", [], {"link_id": material("link id|other", 16).hex()}),
             ("wrong-link-secret", [], {"link_secret": material("link secret|other", 32).hex()}),
             ("bit-flip-tag", [{"op": "xor", "offset": 60, "mask": 1}], {}),
             ("truncated", [{"op": "truncate", "length": 60}], {})]
    return [{"name": name, "slot": "employer", "mutations": mutations, **overrides, "expect": "DecryptionError"}
            for name, mutations, overrides in cases]


def build_metadata() -> dict[str, Any]:
    dek, doc, nonce = material("metadata dek", 32), document_id("metadata"), material("metadata nonce", 12)
    sealed = _seal_metadata_from_parts(dek, doc, METADATA, nonce)
    key = derive_key(dek, INFO_METADATA)
    vector = {"name": "residence-permit", "dek": dek.hex(), "document_id": doc, "metadata_key": key.hex(),
              "nonce": nonce.hex(), "metadata": METADATA, "plaintext": open_sealed(key, sealed, doc.encode()).hex(),
              "sealed": sealed.hex()}
    cases = [("wrong-document-id", [], {"document_id": document_id("metadata|other")}),
             ("wrong-dek", [], {"dek": material("metadata dek|other", 32).hex()}),
             ("bit-flip-padding", [{"op": "xor", "offset": len(sealed) - 17, "mask": 1}], {}),
             ("truncated", [{"op": "truncate", "length": len(sealed) - 1}], {})]
    negative = [{"name": name, "vector": "residence-permit", "mutations": m, **o, "expect": "DecryptionError"}
                for name, m, o in cases]
    return {"format": "metadata", "schema": 1, "vectors": [vector], "negative": negative}
