"""The secrets of a share link and what the server keeps of them.

- link secret: 32 random bytes, base64url (43 characters) in the URL fragment only.
  The link slots are sealed under HKDF(secret, "vault/v1/link|" + id) (keys.seal_link_slot).
- proof: HKDF(secret, "vault/v1/link-proof|" + id), sent by the recipient's page when it
  asks for the slots; the row keeps SHA-256(proof). Whoever knows only the link id (it is
  in access logs) can neither open the link nor spend its opens or PIN tries, and the row
  allows no offline test of a secret short of searching 2**256 of them.
- PIN: HMAC-SHA256(HKDF(server key, "vault/v1/link-pin"), salt || PIN) with a per-link
  salt; a 4-8 digit PIN only resists online guessing, which the attempt limits bound.
- access token: 32 random bytes handed out with the slots, for fetching the ciphertexts
  for a short while; the row keeps SHA-256(token).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
import secrets

from keys import derive_key
from keys.format import INFO_LINK_PROOF_PREFIX

SECRET_BYTES = 32
SALT_BYTES = 16
PIN_INFO = "vault/v1/link-pin"
ENCODED_32_BYTES = re.compile(r"^[A-Za-z0-9_-]{43}$")


def new_link_id() -> str:
    """128 random bits as 32 lowercase hex characters (the shape of every id here)."""
    return secrets.token_hex(16)


def new_secret() -> bytes:
    return secrets.token_bytes(SECRET_BYTES)


def encode(value: bytes) -> str:
    """base64url without padding."""
    return base64.urlsafe_b64encode(value).decode("ascii").rstrip("=")


def decode_32(text: str) -> bytes | None:
    """The 32 bytes that `text` (43 base64url characters) encodes, or None."""
    if not isinstance(text, str) or not ENCODED_32_BYTES.match(text):
        return None
    try:
        return base64.urlsafe_b64decode(text + "=")
    except (binascii.Error, ValueError):
        return None


def proof_of(secret: bytes, link_id: str) -> bytes:
    return derive_key(secret, INFO_LINK_PROOF_PREFIX + link_id)


def digest(value: bytes) -> bytes:
    return hashlib.sha256(value).digest()


def same_digest(stored: bytes, value: bytes) -> bool:
    return hmac.compare_digest(stored, digest(value))


def new_salt() -> bytes:
    return secrets.token_bytes(SALT_BYTES)


def hash_pin(server_key: bytes, salt: bytes, pin: str) -> bytes:
    return hmac.new(derive_key(server_key, PIN_INFO), salt + pin.encode("ascii"), hashlib.sha256).digest()


def pin_matches(server_key: bytes, salt: bytes, stored: bytes, pin: str) -> bool:
    """Whether `pin` (already checked to be 4-8 ASCII digits) is the link's PIN."""
    return hmac.compare_digest(stored, hash_pin(server_key, salt, pin))


def new_access_token() -> tuple[str, bytes]:
    """A token for the recipient and the digest the server keeps."""
    token = encode(secrets.token_bytes(SECRET_BYTES))
    return token, digest(token.encode("ascii"))
