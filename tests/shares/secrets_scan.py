"""Looking for a link's secret in everything a server wrote: its log, its database files
(with the WAL), its blobs and its temporary directory."""

from __future__ import annotations

import base64
from pathlib import Path

from keys import derive_key
from tests.shares.recipient import Link
from tests.test_zero_access import files_under, places_holding
from vault.shares.credentials import encode, proof_of


def needles(link: Link) -> list[bytes]:
    """The secret and what derives from it, in every encoding a leak would take."""
    link_key = derive_key(link.secret, "vault/v1/link|" + link.id)
    proof = proof_of(link.secret, link.id)
    found = []
    for value in (link.secret, link_key, proof):
        found += [value, value.hex().encode(), encode(value).encode(), base64.b64encode(value).rstrip(b"=")]
    return found


def leaks(link: Link, *roots: Path) -> list[str]:
    return places_holding(needles(link), files_under(*roots))
