"""The journal: what happened to a person's vault, append-only and hash-chained."""

from vault.journal.service import Break, Entry, entries, find_break, record, verify

__all__ = ["Break", "Entry", "entries", "find_break", "record", "verify"]
