"""Recovery through trusted people (trustees): a recovery secret split k-of-n, each share sealed to one trustee.

::

    R       = 16 random bytes (the recovery secret)
    TKEK    = HKDF(R, info="vault/v1/trustees|" + user_id)      wraps the keyring (purpose "trustees")
    shares  = Shamir's scheme over GF(2^128) on R (pycryptodome), threshold k of n, n <= 5
    share   = index (1, 1..n) || share value (16)
    slot    = 0x01 || HPKE seal of the share to a public key (same suite as a document key slot),
              info = "vault/v1/trustee-share|" + context + "|" + principal_id

Fewer than k shares give a wrong R, hence a TKEK that fails to unwrap the keyring: the
scheme itself never says which share was wrong. A recovery claim is an ephemeral keyring
wrapped under ``derive_claim_key(one-time code, claim id, server key)``; trustees re-seal
their share to it after typing the claim's check (``claim_check``), read to them from the
slip the starting trustee printed, so nobody can swap in a public key of their own.
"""

import hashlib
import hmac
import os

from Crypto.Protocol.SecretSharing import Shamir  # nosec B413: pycryptodome (maintained) installs as `Crypto`, not the old PyCrypto
from cryptography.exceptions import InvalidTag

from keys import _crockford as crockford
from keys._checks import require_size
from keys._kem import HYBRID_SUITE, parse_public_key
from keys.errors import DecryptionError
from keys.format import (
    CLAIM_CHECK_DIGITS,
    CLAIM_CHECK_LABEL,
    INFO_CLAIM_PREFIX,
    KEY_SIZE,
    INFO_TRUSTEE_SHARE_PREFIX,
    INFO_TRUSTEES_PREFIX,
    MAX_TRUSTEES,
    RECOVERY_CODE_SIZE,
    RECOVERY_SECRET_SIZE,
    SHARE_SIZE,
    SHARE_SLOT_SIZE,
    SLOT_SUITE_HPKE_MLKEM768_X25519_SHA256_AES256GCM,
)
from keys.keyring import Keyring
from keys.symmetric import derive_key


def new_recovery_secret() -> bytes:
    """16 random bytes to split among trustees."""
    return os.urandom(RECOVERY_SECRET_SIZE)


def split_secret(secret: bytes, threshold: int, count: int) -> list[bytes]:
    """``count`` shares of ``secret``, any ``threshold`` of which rebuild it (1 <= k <= n <= 5)."""
    require_size("recovery secret", secret, RECOVERY_SECRET_SIZE)
    if not 1 <= threshold <= count <= MAX_TRUSTEES:
        raise ValueError(f"need 1 <= threshold <= count <= {MAX_TRUSTEES}")
    return [bytes([index]) + value for index, value in Shamir.split(threshold, count, secret, ssss=False)]


def combine_shares(shares: list[bytes]) -> bytes:
    """The secret behind ``shares`` (wrong if fewer than the threshold); ``ValueError`` if malformed."""
    if not shares or any(len(share) != SHARE_SIZE or not 1 <= share[0] <= MAX_TRUSTEES for share in shares):
        raise ValueError("shares must be index (1..5) || 16 bytes")
    if len({share[0] for share in shares}) != len(shares):
        raise ValueError("two shares have the same index")
    return bytes(Shamir.combine([(share[0], share[1:]) for share in shares], ssss=False))


def derive_trustee_kek(secret: bytes, user_id: str) -> bytes:
    """TKEK = HKDF(R, info="vault/v1/trustees|" + user_id): wraps the keyring with purpose "trustees"."""
    require_size("recovery secret", secret, RECOVERY_SECRET_SIZE)
    return derive_key(secret, INFO_TRUSTEES_PREFIX + user_id)


def derive_claim_key(code: bytes, claim_id: str, server_key: bytes) -> bytes:
    """HKDF(one-time code, salt=server key, info="vault/v1/claim|" + claim_id): wraps a claim's
    keyring with purpose "claim". The server key means the code and a copy of the database
    are not enough to open a claim outside the service (where the waiting period is kept)."""
    require_size("one-time code", code, RECOVERY_CODE_SIZE)
    require_size("server key", server_key, KEY_SIZE)
    return derive_key(code, INFO_CLAIM_PREFIX + claim_id, salt=server_key)


def claim_check(claim_id: str, public_key: bytes) -> str:
    """Ten Crockford digits, grouped 5-5, naming a claim's public key: SHA-256(label || claim id
    || "|" || public key), first 50 bits. Shown once, with the one-time code, to the trustee who
    starts the claim; the others type it to approve, so a public key swapped in later is refused."""
    if not claim_id:
        raise ValueError("claim id must not be empty")
    parse_public_key(public_key)
    digest = hashlib.sha256(CLAIM_CHECK_LABEL + claim_id.encode("utf-8") + b"|" + public_key).digest()
    number = int.from_bytes(digest[:8], "big") >> (64 - 5 * CLAIM_CHECK_DIGITS)
    return crockford.group(crockford.encode(number, CLAIM_CHECK_DIGITS), CLAIM_CHECK_DIGITS // 2)


def claim_check_matches(claim_id: str, public_key: bytes, typed: str) -> bool:
    """Whether ``typed`` is the claim's check, read leniently (case, dashes, spaces, O/0, I/L/1)."""
    wanted = crockford.normalize(claim_check(claim_id, public_key))
    given = crockford.normalize(typed) or ""
    return hmac.compare_digest(given.encode("ascii"), (wanted or "").encode("ascii"))


def seal_share(share: bytes, recipient_public_key: bytes, context: str, principal_id: str) -> bytes:
    """``0x01 || HPKE seal`` of one share to a public key; needs no secret."""
    require_size("share", share, SHARE_SIZE)
    sealed = HYBRID_SUITE.encrypt(share, parse_public_key(recipient_public_key), info=_share_info(context, principal_id))
    return bytes([SLOT_SUITE_HPKE_MLKEM768_X25519_SHA256_AES256GCM]) + sealed


def open_share(slot: bytes, keyring: Keyring, context: str, principal_id: str) -> bytes:
    """The share in ``slot``; ``DecryptionError`` if damaged, for another key or another context."""
    if len(slot) != SHARE_SLOT_SIZE or slot[0] != SLOT_SUITE_HPKE_MLKEM768_X25519_SHA256_AES256GCM:
        raise DecryptionError()
    try:
        share = HYBRID_SUITE.decrypt(slot[1:], keyring.hpke_private_key, info=_share_info(context, principal_id))
    except (InvalidTag, ValueError):
        raise DecryptionError() from None
    if len(share) != SHARE_SIZE:
        raise DecryptionError()
    return share


def _share_info(context: str, principal_id: str) -> bytes:
    if not context or not principal_id:
        raise ValueError("context and principal id must not be empty")
    return (INFO_TRUSTEE_SHARE_PREFIX + context + "|" + principal_id).encode("utf-8")
