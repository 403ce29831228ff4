"""Share links: a person sends documents to someone without an account, who opens them
in any browser; the key travels only in the link's fragment (DESIGN, "Share links")."""

from vault.shares.model import (
    LinkDamaged,
    LinkEnded,
    LinkExpired,
    LinkLocked,
    LinkRevoked,
    LinkUsedUp,
    NewShare,
    PinRequired,
    ShareLink,
    ShareRequest,
    SharedDocument,
    WrongPin,
)

__all__ = [
    "LinkDamaged",
    "LinkEnded",
    "LinkExpired",
    "LinkLocked",
    "LinkRevoked",
    "LinkUsedUp",
    "NewShare",
    "PinRequired",
    "ShareLink",
    "ShareRequest",
    "SharedDocument",
    "WrongPin",
]
