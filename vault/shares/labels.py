"""Link labels ("Boulangerie du Marché") say whom a person shares with: they are sealed
under a key derived from the owner's index key, bound to the link's kind and id, and
read back only while the owner's keyring is unlocked."""

from __future__ import annotations

from keys import Keyring, derive_key, open_sealed, seal
from vault.documents.names import clean_text

LABEL_INFO = "vault/v1/link-label|"
MAX_LABEL = 80


def clean_label(label: str | None) -> str:
    return clean_text(label or "", MAX_LABEL)


def seal_label(keyring: Keyring, kind: str, link_id: str, label: str | None) -> bytes | None:
    """The sealed label, or None for no label."""
    text = clean_label(label)
    if not text:
        return None
    return seal(derive_key(keyring.index_key, LABEL_INFO + kind), text.encode("utf-8"), link_id.encode("ascii"))


def open_label(keyring: Keyring, kind: str, link_id: str, sealed: bytes | None) -> str:
    """The label; `DecryptionError` if the stored value was tampered with."""
    if sealed is None:
        return ""
    return open_sealed(derive_key(keyring.index_key, LABEL_INFO + kind), sealed, link_id.encode("ascii")).decode("utf-8")
