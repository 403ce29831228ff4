"""Every wire constant of the key layer, and the bytes they describe.

Integers are big-endian; strings are UTF-8; ``lp(x)`` is a 2-byte length followed by
the bytes of ``x``; ``HKDF`` is HKDF-SHA256 (RFC 5869) with a 32-byte output and an
empty salt unless one is named. docs/FORMAT.md is the long form of this docstring.

Sealed box (``seal``; metadata, link slots, wrapped keyrings)      29 + n bytes::

    +------+------------+----------------------------+
    | 0x01 | nonce (12) | AES-256-GCM(n) || tag (16) |
    +------+------------+----------------------------+
     alg id  random       AAD = the caller's context bytes

Public key (``Keyring.public_key_bytes``)                        1217 bytes::

    | 0x01 kem | ML-KEM-768 encapsulation key (1184) | X25519 public key (32) |

Keyring (``Keyring.to_bytes``, secret)                             130 bytes::

    | 0x01 version | 0x01 kem | ML-KEM-768 seed d||z (64) | X25519 private (32) | index key (32) |

Wrapped keyring (``wrap_keyring``)                                 160 bytes::

    | 0x01 version | sealed box of the keyring (159) |
    AAD = "vault/v1/keyring" || 0x01 || lp(purpose) || lp(user_id) || lp(context)

Document key slot (``seal_document_key``)                         1169 bytes::

    | 0x01 suite | HPKE enc (1120) | HPKE ciphertext of the DEK (32 + 16) |
    suite 0x01 = HPKE base mode, KEM 0x647A (ML-KEM-768 + X25519, "X-Wing"),
                 KDF 0x0001 (HKDF-SHA256), AEAD 0x0002 (AES-256-GCM)
    info = "vault/v1/slot|" + document_id + "|" + principal_id

Link slot (``seal_link_slot``)                                      61 bytes::

    sealed box of the DEK under HKDF(link_secret, info="vault/v1/link|" + link_id), AAD empty

Metadata (``seal_metadata``)                            29 + k * 256 bytes::

    sealed box under HKDF(DEK, info="vault/v1/meta"), AAD = document id;
    plaintext = compact JSON object, padded with spaces to a multiple of 256 bytes

DV1 document blob (``encrypt_stream``)::

    offset size
         0    4  magic "VDOC"
         4    1  version 0x01
         5    1  algorithm 0x01 (HKDF-SHA256, HMAC-SHA256 header, AES-256-GCM STREAM)
         6    4  chunk size, 65536
        10    1  document id length, 32
        11   32  document id, 32 lowercase hex characters
        43   16  file nonce (random)
        59   32  HMAC-SHA256(HKDF(DEK, info="vault/v1/header"), bytes 0..58)
        91       chunk 0, chunk 1, ... chunk n-1
    chunk i = AES-256-GCM(payload key, nonce_i, plaintext_i, AAD empty) || tag (16)
    payload key = HKDF(DEK, salt=file nonce, info="vault/v1/payload")
    nonce_i = i as 11 bytes || 0x01 if i == n-1 else 0x00
    every chunk holds 65536 plaintext bytes except the last, which holds 1..65536
    (0 only when the whole document is empty, then n == 1)

Trustee share slot (``seal_share``)                               1154 bytes::

    | 0x01 suite | HPKE enc (1120) | HPKE ciphertext of index (1) || share (16), + tag (16) |
    same HPKE suite as a document key slot;
    info = "vault/v1/trustee-share|" + context + "|" + principal_id
    the shares come from Shamir's scheme over GF(2^128) (pycryptodome) on a 16-byte
    recovery secret R; TKEK = HKDF(R, info="vault/v1/trustees|" + user_id) wraps the keyring

Recovery code: 26 Crockford base32 digits (128 bits, first digit 0-7) + 2 check digits,
shown in groups of 4 joined by "-"; RKEK = HKDF(code, info="vault/v1/recovery|" + user_id).
"""

from typing import Final

KEY_SIZE: Final = 32
TAG_SIZE: Final = 16
GCM_NONCE_SIZE: Final = 12

SEAL_AES_256_GCM: Final = 0x01
SEAL_OVERHEAD: Final = 1 + GCM_NONCE_SIZE + TAG_SIZE

KEM_MLKEM768_X25519: Final = 0x01
MLKEM768_PUBLIC_KEY_SIZE: Final = 1184
MLKEM768_SEED_SIZE: Final = 64
X25519_KEY_SIZE: Final = 32
PUBLIC_KEY_SIZE: Final = 1 + MLKEM768_PUBLIC_KEY_SIZE + X25519_KEY_SIZE

KEYRING_VERSION: Final = 0x01
KEYRING_SIZE: Final = 2 + MLKEM768_SEED_SIZE + X25519_KEY_SIZE + KEY_SIZE

WRAP_VERSION: Final = 0x01
WRAP_AAD_LABEL: Final = b"vault/v1/keyring"
WRAP_PURPOSES: Final = frozenset({"kek", "recovery", "session", "trustees", "claim"})
WRAPPED_KEYRING_SIZE: Final = 1 + SEAL_OVERHEAD + KEYRING_SIZE

SLOT_SUITE_HPKE_MLKEM768_X25519_SHA256_AES256GCM: Final = 0x01
SLOT_SUITE_KEYRING_AES256GCM: Final = 0x02
HPKE_ENC_SIZE: Final = 1120
SLOT_SIZE: Final = 1 + HPKE_ENC_SIZE + KEY_SIZE + TAG_SIZE
KEYRING_SLOT_SIZE: Final = 1 + SEAL_OVERHEAD + KEY_SIZE
LINK_SLOT_SIZE: Final = SEAL_OVERHEAD + KEY_SIZE

METADATA_PADDING: Final = 256

INFO_AUTH: Final = "vault/v1/auth"
INFO_KEK_PREFIX: Final = "vault/v1/kek|"
INFO_RECOVERY_PREFIX: Final = "vault/v1/recovery|"
INFO_SLOT_PREFIX: Final = "vault/v1/slot|"
INFO_KEYRING_SLOT: Final = "vault/v1/keyring-slot"
INFO_LINK_PREFIX: Final = "vault/v1/link|"
INFO_LINK_PROOF_PREFIX: Final = "vault/v1/link-proof|"
INFO_METADATA: Final = "vault/v1/meta"
INFO_HEADER: Final = "vault/v1/header"
INFO_PAYLOAD: Final = "vault/v1/payload"
INFO_TRUSTEES_PREFIX: Final = "vault/v1/trustees|"
INFO_TRUSTEE_SHARE_PREFIX: Final = "vault/v1/trustee-share|"
INFO_CLAIM_PREFIX: Final = "vault/v1/claim|"
CLAIM_CHECK_LABEL: Final = b"vault/v1/claim-check|"
CLAIM_CHECK_DIGITS: Final = 10
FINGERPRINT_LABEL: Final = b"vault/v1/fingerprint|"

DV1_MAGIC: Final = b"VDOC"
DV1_VERSION: Final = 0x01
DV1_ALGORITHM: Final = 0x01
DV1_CHUNK_SIZE: Final = 65536
DOCUMENT_ID_LENGTH: Final = 32
FILE_NONCE_SIZE: Final = 16
HEADER_MAC_SIZE: Final = 32
HEADER_MAC_OFFSET: Final = 4 + 1 + 1 + 4 + 1 + DOCUMENT_ID_LENGTH + FILE_NONCE_SIZE
DV1_HEADER_SIZE: Final = HEADER_MAC_OFFSET + HEADER_MAC_SIZE
CHUNK_COUNTER_SIZE: Final = 11
LAST_CHUNK_FLAG: Final = 0x01
NOT_LAST_CHUNK_FLAG: Final = 0x00

SALT_SIZE: Final = 16
RECOVERY_CODE_SIZE: Final = 16
RECOVERY_DATA_DIGITS: Final = 26
RECOVERY_CHECK_DIGITS: Final = 2
RECOVERY_CHECK_MODULUS: Final = 1021
RECOVERY_GROUP: Final = 4
FINGERPRINT_DIGITS: Final = 16

RECOVERY_SECRET_SIZE: Final = 16
SHARE_SIZE: Final = 1 + RECOVERY_SECRET_SIZE
SHARE_SLOT_SIZE: Final = 1 + HPKE_ENC_SIZE + SHARE_SIZE + TAG_SIZE
MAX_TRUSTEES: Final = 5
