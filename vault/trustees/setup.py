"""Choosing trusted people: split a fresh recovery secret among them.

The keyring is wrapped under TKEK = HKDF(R, …) (keys.derive_trustee_kek); R is split k-of-n
and each share sealed to one trustee's public key; R itself is not kept. Choosing again
replaces everything (a new R, so shares held before are worth nothing) and cancels an
open claim.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection

from keys import derive_trustee_kek, new_recovery_secret, seal_share, split_secret, wrap_keyring
from vault import journal
from vault.clock import as_utc
from vault.errors import InvalidInput, NotForThisAccount
from vault.mandates import access
from vault.mandates import repository as mandate_rows
from vault.organisations import service as organisations
from vault.runtime import Runtime
from vault.sessions import Unlocked
from vault.trustees import repository
from vault.trustees.model import MAX_TRUSTEES, OPEN, TrusteeSetup


def choose(rt: Runtime, who: Unlocked, trustee_ids: list[str], threshold: int) -> TrusteeSetup:
    """Make `trustee_ids` (caseworkers with an active mandate from `who`) the person's trusted
    people, any `threshold` of whom can start a recovery (1 <= k <= n <= 5)."""
    _require_person(who)
    chosen = sorted(set(trustee_ids))
    if not 1 <= threshold <= len(chosen) <= MAX_TRUSTEES:
        raise InvalidInput(f"choose 1 to {MAX_TRUSTEES} caseworkers and a number of approvals between 1 and how many you chose")
    now = rt.clock()
    secret = new_recovery_secret()
    wrapped = wrap_keyring(who.keyring, derive_trustee_kek(secret, who.account_id), who.account_id, "trustees")
    with rt.engine.begin() as conn:
        keys = {trustee: _public_key(conn, who, trustee, now) for trustee in chosen}
        shares = split_secret(secret, threshold, len(chosen))
        sealed = {trustee: seal_share(share, keys[trustee], who.account_id, trustee) for trustee, share in zip(chosen, shares)}
        _cancel_open(conn, who.account_id, now)
        repository.replace_setup(conn, who.account_id, threshold, wrapped, sealed, now)
        journal.record(conn, who.account_id, who.account_id, "trustees.chosen", now)
    found = current(rt, who)
    assert found is not None
    return found


def current(rt: Runtime, who: Unlocked) -> TrusteeSetup | None:
    now = rt.clock()
    with rt.engine.begin() as conn:
        row = repository.setup(conn, who.account_id)
        if row is None:
            return None
        ids = repository.trustee_ids(conn, who.account_id)
        people = [organisations.caseworker(conn, t) for t in ids]
        lapsed = frozenset(t for t in ids if access.active(conn, t, who.account_id, now) is None)
    chosen = sorted((p for p in people if p is not None), key=lambda p: p.name)
    return TrusteeSetup(row.threshold, chosen, as_utc(row.created_at), lapsed)


def remove(rt: Runtime, who: Unlocked) -> None:
    """No trusted people any more: their shares and the wrapped keyring are deleted."""
    _require_person(who)
    now = rt.clock()
    with rt.engine.begin() as conn:
        _cancel_open(conn, who.account_id, now)
        repository.remove_setup(conn, who.account_id)
        journal.record(conn, who.account_id, who.account_id, "trustees.removed", now)


def _public_key(conn: Connection, who: Unlocked, trustee_id: str, now: datetime) -> bytes:
    if access.active(conn, trustee_id, who.account_id, now) is None:
        raise InvalidInput("each trusted person must be a caseworker with an active mandate from you")
    return mandate_rows.public_key(conn, trustee_id)


def _cancel_open(conn: Connection, account_id: str, now: datetime) -> None:
    row = repository.open_claim(conn, account_id)
    if row is not None and repository.set_claim(conn, row.id, OPEN, status="cancelled", ended_at=now):
        repository.shred_claim(conn, row.id)
        journal.record(conn, account_id, account_id, "recovery.cancelled", now, row.id)


def _require_person(who: Unlocked) -> None:
    if who.kind != "person":
        raise NotForThisAccount("only a person chooses trusted people")
