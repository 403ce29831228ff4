"""A document's metadata (title, type, tags, OCR text, ...) sealed under a key derived from its DEK.

The JSON is padded with spaces to a multiple of 256 bytes so the stored size says little
about the length of a title or of the OCR text. JSON parsers ignore trailing spaces.
"""

import json
import os
from typing import Any

from keys._checks import require_document_id, require_size
from keys.errors import DecryptionError
from keys.format import GCM_NONCE_SIZE, INFO_METADATA, KEY_SIZE, METADATA_PADDING
from keys.symmetric import _seal_from_parts, derive_key, open_sealed


def seal_metadata(dek: bytes, document_id: str, metadata: dict[str, Any]) -> bytes:
    """Sealed box of the padded JSON under HKDF(DEK, "vault/v1/meta"), AAD = document id.

    ``metadata`` must be JSON-serialisable (no NaN or infinity); ``TypeError``/``ValueError`` otherwise.
    """
    return _seal_metadata_from_parts(dek, document_id, metadata, os.urandom(GCM_NONCE_SIZE))


def open_metadata(dek: bytes, document_id: str, sealed: bytes) -> dict[str, Any]:
    """The metadata dictionary; ``DecryptionError`` for a wrong key, document id or any damage."""
    aad = require_document_id(document_id)
    plaintext = open_sealed(_metadata_key(dek), sealed, aad)
    try:
        metadata = json.loads(plaintext.decode("utf-8"))
    except ValueError:
        raise DecryptionError() from None
    if not isinstance(metadata, dict):
        raise DecryptionError()
    return metadata


def _seal_metadata_from_parts(dek: bytes, document_id: str, metadata: dict[str, Any], nonce: bytes) -> bytes:
    aad = require_document_id(document_id)
    if not isinstance(metadata, dict):
        raise TypeError("metadata must be a dict")
    text = json.dumps(metadata, ensure_ascii=False, allow_nan=False, sort_keys=True, separators=(",", ":"))
    plaintext = text.encode("utf-8")
    padded = plaintext + b" " * (-len(plaintext) % METADATA_PADDING)
    return _seal_from_parts(_metadata_key(dek), padded, aad, nonce)


def _metadata_key(dek: bytes) -> bytes:
    require_size("document key", dek, KEY_SIZE)
    return derive_key(dek, INFO_METADATA)
