"""Split-key sessions: the database holds the keyring under a key only the client's token opens."""

from vault.sessions.service import Grant, Unlocked, end, open_session, unlock

__all__ = ["Grant", "Unlocked", "end", "open_session", "unlock"]
