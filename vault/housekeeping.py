"""Housekeeping the service does on its own, so that nothing waits for a visit or for cron:
mandates whose time is up are expired (their key slots deleted) and ended share and
deposit links lose their key slots."""

from __future__ import annotations

from dataclasses import dataclass

from vault.deposits import service as deposits
from vault.mandates import access
from vault.runtime import Runtime
from vault.shares import service as shares


@dataclass(frozen=True)
class Purged:
    mandates: int
    links: int


def purge(rt: Runtime) -> Purged:
    """Expire lapsed mandates and clear ended links, now; how many of each."""
    with rt.engine.begin() as conn:
        mandates = access.purge_lapsed(conn, rt.clock())
    return Purged(mandates=mandates, links=shares.purge_expired(rt) + deposits.purge_expired(rt))
