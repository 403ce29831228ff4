"""Argument checks shared by the key layer: they run before any cryptography."""

import re

from keys.format import DOCUMENT_ID_LENGTH

_DOCUMENT_ID = re.compile(rf"[0-9a-f]{{{DOCUMENT_ID_LENGTH}}}")


def require_size(name: str, value: bytes, size: int) -> None:
    """Raise ``ValueError`` unless ``value`` is bytes of exactly ``size`` bytes."""
    if not isinstance(value, bytes) or len(value) != size:
        raise ValueError(f"{name} must be {size} bytes")


def require_document_id(document_id: str) -> bytes:
    """Return the ASCII bytes of a document id (32 lowercase hex characters) or raise ``ValueError``."""
    if not isinstance(document_id, str) or not _DOCUMENT_ID.fullmatch(document_id):
        raise ValueError(f"document id must be {DOCUMENT_ID_LENGTH} lowercase hex characters")
    return document_id.encode("ascii")


def length_prefixed(*fields: bytes) -> bytes:
    """Concatenate ``fields``, each preceded by its 2-byte big-endian length."""
    out = bytearray()
    for field in fields:
        if len(field) > 0xFFFF:
            raise ValueError("field too long")
        out += len(field).to_bytes(2, "big") + field
    return bytes(out)
