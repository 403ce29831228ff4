"""Cryptography for vault: formats, key derivation, keyrings, key slots and streaming encryption.

Pure functions and small classes, bytes in and bytes out; no I/O. Every decryption
failure is one opaque ``DecryptionError``. Wire formats: ``keys.format`` and docs/FORMAT.md.
"""

from keys.errors import DecryptionError, InvalidRecoveryCode
from keys.keyring import Keyring, fingerprint, unwrap_keyring, wrap_keyring
from keys.metadata import open_metadata, seal_metadata
from keys.passphrase import (
    Argon2Params,
    derive_auth_key,
    derive_kek,
    derive_master_key,
    login_verifier,
    new_salt,
    verify_login,
)
from keys.recovery import derive_recovery_kek, generate_recovery_code, parse_recovery_code
from keys.slots import (
    new_document_key,
    open_document_key,
    open_link_slot,
    seal_document_key,
    seal_keyring_slot,
    seal_link_slot,
)
from keys.stream import (
    CHUNK_SIZE,
    HEADER_SIZE,
    TAG_SIZE,
    ciphertext_size,
    ciphertext_span,
    decrypt_range,
    decrypt_stream,
    encrypt_stream,
    plaintext_size,
)
from keys.symmetric import derive_key, open_sealed, seal
from keys.trustees import (
    claim_check,
    claim_check_matches,
    combine_shares,
    derive_claim_key,
    derive_trustee_kek,
    new_recovery_secret,
    open_share,
    seal_share,
    split_secret,
)

__all__ = [
    "CHUNK_SIZE",
    "HEADER_SIZE",
    "TAG_SIZE",
    "Argon2Params",
    "DecryptionError",
    "InvalidRecoveryCode",
    "Keyring",
    "ciphertext_size",
    "ciphertext_span",
    "claim_check",
    "claim_check_matches",
    "combine_shares",
    "decrypt_range",
    "decrypt_stream",
    "derive_auth_key",
    "derive_claim_key",
    "derive_kek",
    "derive_key",
    "derive_master_key",
    "derive_recovery_kek",
    "derive_trustee_kek",
    "encrypt_stream",
    "fingerprint",
    "generate_recovery_code",
    "login_verifier",
    "new_document_key",
    "new_recovery_secret",
    "new_salt",
    "open_document_key",
    "open_link_slot",
    "open_metadata",
    "open_sealed",
    "open_share",
    "parse_recovery_code",
    "plaintext_size",
    "seal",
    "seal_document_key",
    "seal_keyring_slot",
    "seal_link_slot",
    "seal_metadata",
    "seal_share",
    "split_secret",
    "unwrap_keyring",
    "verify_login",
    "wrap_keyring",
]
