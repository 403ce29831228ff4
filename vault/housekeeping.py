"""Housekeeping the service does on its own, so that nothing waits for a visit or for cron:
mandates whose time is up are expired (their key slots deleted) and ended share and
deposit links lose their key slots. `vault admin purge-mandates` / `purge-links` run the
same steps by hand."""

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


def purge_mandates(rt: Runtime) -> int:
    """Expire every mandate whose time is up, deleting its key slots; how many."""
    with rt.engine.begin() as conn:
        return access.purge_lapsed(conn, rt.clock())


def purge_links(rt: Runtime) -> int:
    """Clear the key slots of ended share and deposit links; how many links."""
    return shares.purge_expired(rt) + deposits.purge_expired(rt)


def purge(rt: Runtime) -> Purged:
    """Both, now."""
    return Purged(mandates=purge_mandates(rt), links=purge_links(rt))
