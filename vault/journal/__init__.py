"""The journal: what happened to a person's vault, append-only and hash-chained."""

from vault.journal.service import Entry, entries, record, verify

__all__ = ["Entry", "entries", "record", "verify"]
