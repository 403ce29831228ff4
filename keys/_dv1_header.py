"""The DV1 header: what the blob is, which document it belongs to, and its file nonce, under a MAC.

The MAC key is HKDF(DEK, "vault/v1/header"), so a verified header also proves the DEK is
the one the blob was written with. The payload key is derived from the DEK and the
file nonce, which ties every chunk to this header: chunks carry no associated data.
"""

import hmac

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import hmac as crypto_hmac

from keys._checks import require_document_id, require_size
from keys._dv1_chunks import ChunkCipher
from keys.errors import DecryptionError
from keys.format import (
    DOCUMENT_ID_LENGTH,
    DV1_ALGORITHM,
    DV1_CHUNK_SIZE,
    DV1_HEADER_SIZE,
    DV1_MAGIC,
    DV1_VERSION,
    FILE_NONCE_SIZE,
    HEADER_MAC_OFFSET,
    INFO_HEADER,
    INFO_PAYLOAD,
    KEY_SIZE,
)
from keys.symmetric import derive_key

_FIXED_PREFIX = (
    DV1_MAGIC
    + bytes((DV1_VERSION, DV1_ALGORITHM))
    + DV1_CHUNK_SIZE.to_bytes(4, "big")
    + bytes((DOCUMENT_ID_LENGTH,))
)


def build_header(dek: bytes, document_id: str, file_nonce: bytes) -> tuple[bytes, ChunkCipher]:
    """The 91-byte header and the cipher for the chunks that follow it."""
    require_size("document key", dek, KEY_SIZE)
    require_size("file nonce", file_nonce, FILE_NONCE_SIZE)
    body = _FIXED_PREFIX + require_document_id(document_id) + file_nonce
    return body + _header_mac(dek, body), _payload_cipher(dek, file_nonce)


def read_header(dek: bytes, document_id: str, header: bytes) -> ChunkCipher:
    """Check a header (version first, then MAC, then document id) and return its chunk cipher.

    ``DecryptionError`` for an unknown version or algorithm, a bad MAC, or another document.
    """
    require_size("document key", dek, KEY_SIZE)
    expected_id = require_document_id(document_id)
    if len(header) != DV1_HEADER_SIZE or not header.startswith(_FIXED_PREFIX):
        raise DecryptionError()
    body, mac = header[:HEADER_MAC_OFFSET], header[HEADER_MAC_OFFSET:]
    if not hmac.compare_digest(_header_mac(dek, body), mac):
        raise DecryptionError()
    id_start = len(_FIXED_PREFIX)
    if not hmac.compare_digest(body[id_start : id_start + DOCUMENT_ID_LENGTH], expected_id):
        raise DecryptionError()
    return _payload_cipher(dek, body[id_start + DOCUMENT_ID_LENGTH :])


def _header_mac(dek: bytes, body: bytes) -> bytes:
    mac = crypto_hmac.HMAC(derive_key(dek, INFO_HEADER), hashes.SHA256())
    mac.update(body)
    return mac.finalize()


def _payload_cipher(dek: bytes, file_nonce: bytes) -> ChunkCipher:
    return ChunkCipher(derive_key(dek, INFO_PAYLOAD, salt=file_nonce))
