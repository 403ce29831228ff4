"""The orphan sweeper: blobs whose row never came (a crash between the two
writes, a failed transaction) are deleted once older than the grace period.
The grace period protects uploads still in flight."""

from __future__ import annotations

from datetime import timedelta

from vault.documents import repository
from vault.runtime import Runtime

PREFIX = "documents/"


def sweep_orphans(rt: Runtime, dry_run: bool = False) -> list[str]:
    """Delete orphan blobs older than the grace period; return their keys."""
    cutoff = rt.clock() - timedelta(minutes=rt.settings.orphan_grace_minutes)
    with rt.engine.begin() as conn:
        known = repository.blob_keys(conn)
    orphans = [blob.key for blob in rt.blobs.list(PREFIX) if blob.key not in known and blob.modified <= cutoff]
    if not dry_run:
        for key in orphans:
            rt.blobs.delete(key)
    return orphans
