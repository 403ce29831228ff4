"""symmetric.json, passphrase.json and recovery.json: derivations, sealed boxes, recovery codes."""

from __future__ import annotations

import unicodedata
from typing import Any

from keys import (
    Argon2Params,
    derive_auth_key,
    derive_kek,
    derive_key,
    derive_master_key,
    derive_recovery_kek,
    login_verifier,
)
from keys import _crockford
from keys.recovery import _checksum, _recovery_code_from_parts
from keys.symmetric import _seal_from_parts
from tests.vectors.material import material

USER_ID = "4f1c0e7a9b2d4c6e8f0a1b3c5d7e9f01"
ARGON2_CASES = [
    ("small", "correct horse battery staple", Argon2Params(8192, 1, 1)),
    ("two-lanes", "pâte à crêpes 🥞", Argon2Params(16384, 2, 2)),
    ("nfd-input", unicodedata.normalize("NFD", "pâte à crêpes 🥞"), Argon2Params(16384, 2, 2)),
    ("default", "correct horse battery staple", Argon2Params()),
]


def build_symmetric() -> dict[str, Any]:
    hkdf = [_hkdf("no-salt", None, "vault/v1/meta"), _hkdf("salted", material("hkdf salt", 16), "vault/v1/payload"),
            _hkdf("utf8-info", None, "vault/v1/link|lien-é")]
    boxes = [_box("empty-aad", b"", b"hello"), _box("with-aad", b"0123456789abcdef0123456789abcdef", b"\x00" * 40),
             _box("empty-plaintext", b"context", b"")]
    negative = [
        _box_negative("bit-flip-alg-id", "with-aad", [{"op": "xor", "offset": 0, "mask": 2}]),
        _box_negative("bit-flip-nonce", "with-aad", [{"op": "xor", "offset": 1, "mask": 1}]),
        _box_negative("bit-flip-ciphertext", "with-aad", [{"op": "xor", "offset": 13, "mask": 128}]),
        _box_negative("bit-flip-tag", "with-aad", [{"op": "xor", "offset": 13 + 40 + 15, "mask": 1}]),
        _box_negative("too-short", "empty-plaintext", [{"op": "truncate", "length": 28}]),
        _box_negative("wrong-aad", "with-aad", [], aad=b"0123456789abcdef0123456789abcdee".hex()),
        _box_negative("wrong-key", "with-aad", [], key=material("sealed box wrong key", 32).hex()),
    ]
    return {"format": "symmetric", "schema": 1, "hkdf": hkdf, "sealed_boxes": boxes, "negative": negative}


def _hkdf(name: str, salt: bytes | None, info: str) -> dict[str, Any]:
    secret = material("hkdf secret|" + name, 32)
    return {"name": name, "secret": secret.hex(), "salt": None if salt is None else salt.hex(), "info": info,
            "key": derive_key(secret, info, salt).hex()}


def _box(name: str, aad: bytes, plaintext: bytes) -> dict[str, Any]:
    key, nonce = material("sealed box key|" + name, 32), material("sealed box nonce|" + name, 12)
    return {"name": name, "key": key.hex(), "nonce": nonce.hex(), "aad": aad.hex(), "plaintext": plaintext.hex(),
            "sealed": _seal_from_parts(key, plaintext, aad, nonce).hex()}


def _box_negative(name: str, box: str, mutations: list[dict[str, Any]], **overrides: str) -> dict[str, Any]:
    return {"name": name, "box": box, "mutations": mutations, **overrides, "expect": "DecryptionError"}


def build_passphrase() -> dict[str, Any]:
    master = material("passphrase master", 32)
    server_key = material("passphrase server key", 32)
    auth = derive_auth_key(master)
    return {
        "format": "passphrase", "schema": 1,
        "argon2id": [_argon2(name, text, params) for name, text, params in ARGON2_CASES],
        "auth": [{"master_key": master.hex(), "auth_key": auth.hex()}],
        "verifier": [{"server_key": server_key.hex(), "auth_key": auth.hex(),
                      "verifier": login_verifier(server_key, auth).hex()}],
        "kek": [{"master_key": master.hex(), "server_key": server_key.hex(), "user_id": user_id,
                 "kek": derive_kek(master, server_key, user_id).hex()} for user_id in (USER_ID, "Amina")],
    }


def _argon2(name: str, passphrase: str, params: Argon2Params) -> dict[str, Any]:
    salt = material("argon2 salt|" + name.replace("nfd-input", "two-lanes"), 16)
    nfc = unicodedata.normalize("NFC", passphrase).encode()
    master = derive_master_key(passphrase, salt, params)
    return {"name": name, "passphrase": passphrase, "passphrase_nfc_utf8": nfc.hex(), "salt": salt.hex(),
            "params": params.to_dict(), "master_key": master.hex()}


def build_recovery() -> dict[str, Any]:
    raw = {"zeros": bytes(16), "ones": b"\xff" * 16, "random": material("recovery code", 16)}
    codes = {name: _recovery_code_from_parts(value) for name, value in raw.items()}
    return {
        "format": "recovery code", "schema": 1,
        "codes": [{"name": name, "bytes": raw[name].hex(), "code": code} for name, code in codes.items()],
        "accepted_inputs": _accepted(codes["zeros"], raw["zeros"]) + _accepted(codes["random"], raw["random"]),
        "rejected_inputs": _rejected(codes["random"]),
        "recovery_kek": [{"bytes": raw["random"].hex(), "user_id": USER_ID,
                          "rkek": derive_recovery_kek(raw["random"], USER_ID).hex()}],
    }


def _accepted(code: str, value: bytes) -> list[dict[str, str]]:
    variants = [code, code.lower(), code.replace("-", " "), code.replace("-", ""), f"  {code}\n",
                code.replace("0", "O").replace("1", "I"), code.lower().replace("0", "o").replace("1", "l")]
    return [{"text": text, "bytes": value.hex()} for text in dict.fromkeys(variants)]


def _rejected(code: str) -> list[dict[str, str]]:
    plain = code.replace("-", "")
    other = "X" if plain[5] != "X" else "Y"
    swap = next(i for i in range(len(plain) - 1) if plain[i] != plain[i + 1])
    overflow = "8" + plain[1:26]
    overflow += _crockford.encode(_checksum(_crockford.values(overflow)), 2)
    cases = {
        "one-wrong-character": plain[:5] + other + plain[6:],
        "neighbours-swapped": plain[:swap] + plain[swap + 1] + plain[swap] + plain[swap + 2 :],
        "wrong-check-digit": plain[:-1] + ("0" if plain[-1] != "0" else "1"),
        "one-character-missing": plain[:-1],
        "one-character-too-many": plain + "0",
        "unknown-character": "U" + plain[1:],
        "empty": "",
        "more-than-128-bits": overflow,
    }
    return [{"name": name, "text": text, "expect": "InvalidRecoveryCode"} for name, text in cases.items()]
