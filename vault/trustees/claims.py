"""A recovery claim: k trusted people approve, the person waits, then sets a new passphrase
with the one-time code.

A trustee with an active mandate starts a claim for a person in front of them: the claim
gets an ephemeral keyring wrapped under the one-time code and the server key
(keys.derive_claim_key), and the code is shown to that trustee once, to hand over in
person, with the claim's check (keys.claim_check). Each approving trustee (also with an
active mandate) types the check the person reads to them, then their session opens their
share and re-seals it to the claim's public key; the server alone can open none of them,
and a claim or public key planted in the database fails the check. After k approvals the waiting period starts; the person's logged-in sessions show
it and can cancel. Then the code opens the claim's keyring, the shares rebuild the
recovery secret, which opens the person's keyring; it is wrapped under the new passphrase.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection

from keys import (
    DecryptionError,
    InvalidRecoveryCode,
    Keyring,
    claim_check,
    claim_check_matches,
    combine_shares,
    derive_claim_key,
    derive_trustee_kek,
    generate_recovery_code,
    open_share,
    parse_recovery_code,
    seal_share,
    unwrap_keyring,
    wrap_keyring,
)
from vault import journal, throttle
from vault.accounts import credentials, policy
from vault.accounts import repository as account_rows
from vault.clock import as_utc
from vault.errors import Conflict, Forbidden, InvalidInput, NotFound, Unauthenticated
from vault.mandates import access
from vault.runtime import Runtime
from vault.sessions import Grant, Unlocked, open_session
from vault.sessions.service import end_all
from vault.trustees import repository
from vault.trustees.model import CLAIM_DAYS, OPEN, Claim, NewClaim

MISSING = "no such recovery"
WRONG_CODE = "this one-time code does not match a recovery of this account"
WRONG_CHECK = "this check does not match the recovery: ask the person to read it from the slip they were given"
NO_MANDATE = "only a trusted person with an active mandate from this person can do this"


class NotReady(Conflict):
    """The waiting period is not over (or not enough trusted people approved yet)."""

    code = "recovery_not_ready"


def start(rt: Runtime, who: Unlocked, person_id: str) -> NewClaim:
    """A trustee with an active mandate starts a recovery for a person who chose them; it counts as their approval."""
    now = rt.clock()
    with rt.engine.begin() as conn:
        setup = repository.setup(conn, person_id)
        if setup is None or repository.sealed_share(conn, person_id, who.account_id) is None:
            raise NotFound(MISSING)
        _require_mandate(conn, who, person_id, now)
        if _open(conn, person_id, now) is not None:
            raise Conflict("a recovery of this account is already under way")
        code, claim_id, ephemeral = generate_recovery_code(), secrets.token_hex(16), Keyring.generate()
        claim_key = derive_claim_key(parse_recovery_code(code), claim_id, rt.server_key)
        wrapped = wrap_keyring(ephemeral, claim_key, person_id, "claim", claim_id)
        repository.insert_claim(
            conn, id=claim_id, account_id=person_id, started_by=who.account_id, status="collecting",
            public_key=ephemeral.public_key_bytes(), wrapped_keyring=wrapped, created_at=now,
            expires_at=now + timedelta(hours=rt.settings.recovery_wait_hours) + CLAIM_DAYS,
        )
        journal.record(conn, person_id, who.account_id, "recovery.started", now, claim_id)
        _approve(rt, conn, who, _claim_row(conn, claim_id), setup.threshold, now)
        check = claim_check(claim_id, ephemeral.public_key_bytes())
        return NewClaim(_claim(conn, _claim_row(conn, claim_id), setup.threshold), code, check)


def approve(rt: Runtime, who: Unlocked, claim_id: str, check: str) -> Claim:
    """Another trusted person approves, having typed the claim's `check`: their share, re-sealed to the claim."""
    now = rt.clock()
    with rt.engine.begin() as conn:
        row, setup = _as_trustee(conn, who, claim_id, now)
        if any(a.trustee_id == who.account_id for a in repository.approvals(conn, claim_id)):
            raise Conflict("you have already approved this recovery")
        if not claim_check_matches(claim_id, row.public_key, check):
            raise InvalidInput(WRONG_CHECK)
        _approve(rt, conn, who, row, setup.threshold, now)
        return _claim(conn, _claim_row(conn, claim_id), setup.threshold)


def cancel(rt: Runtime, who: Unlocked, claim_id: str) -> None:
    """Stop a recovery: by the person (from any logged-in device) or one of their trusted people."""
    now = rt.clock()
    with rt.engine.begin() as conn:
        row = _claim_row(conn, claim_id)
        allowed = row is not None and (row.account_id == who.account_id or repository.sealed_share(conn, row.account_id, who.account_id))
        if row is None or not allowed:
            raise NotFound(MISSING)
        if not repository.set_claim(conn, claim_id, OPEN, status="cancelled", ended_at=now):
            raise Conflict("this recovery is not under way")
        repository.shred_claim(conn, claim_id)
        journal.record(conn, row.account_id, who.account_id, "recovery.cancelled", now, claim_id)


def under_way(rt: Runtime, who: Unlocked) -> list[Claim]:
    """Open recoveries `who` should know of: their own account's, and those of people who trust them."""
    now = rt.clock()
    with rt.engine.begin() as conn:
        trusting = [row.id for row in repository.trusting(conn, who.account_id)]
        people = [who.account_id] + [p for p in trusting if access.active(conn, who.account_id, p, now) is not None]
        found = []
        for row in repository.open_claims_of(conn, people):
            setup = repository.setup(conn, row.account_id)
            if _lapse_if_due(conn, row, now) and setup is not None:
                found.append(_claim(conn, row, setup.threshold))
        return found


def own(rt: Runtime, account_id: str) -> list[Claim]:
    """Recoveries of this account under way: every page of the person shows them, to be cancelled."""
    now = rt.clock()
    with rt.engine.begin() as conn:
        row, setup = _open(conn, account_id, now), repository.setup(conn, account_id)
        return [_claim(conn, row, setup.threshold)] if row is not None and setup is not None else []


def complete(rt: Runtime, handle: str, code: str, new_passphrase: str, client: str) -> Grant:
    """The person sets a new passphrase with the one-time code, once the waiting period is over.

    `Unauthenticated` for a wrong handle or code (one answer), `NotReady` before time,
    `RateLimited` after repeated failures. Every session of the account is closed.
    """
    handle = policy.normalize_handle(handle)
    now = rt.clock()
    row, ephemeral = _presented(rt, handle, code, client, now)
    if row.status != "waiting" or now < as_utc(row.ready_at):
        raise NotReady("the recovery is not ready yet: it needs its approvals and the end of the waiting period")
    policy.check_passphrase(new_passphrase, handle, rt.settings.passphrase_min_length)
    keyring = _rebuild(rt, row, ephemeral)
    material = credentials.protect(new_passphrase, keyring, row.account_id, rt.server_key, credentials.params_from(rt.settings))
    with rt.engine.begin() as conn:
        approvers = [a.trustee_id for a in repository.approvals(conn, row.id)]
        if not repository.set_claim(conn, row.id, ("waiting",), status="completed", ended_at=now):
            raise Unauthenticated(WRONG_CODE)
        account_rows.set_credentials(conn, row.account_id, **material.columns())
        repository.shred_claim(conn, row.id)
        journal.record(conn, row.account_id, row.account_id, "recovery.completed", now, row.id)
        for trustee in approvers:
            journal.record(conn, trustee, trustee, "recovery.completed", now, row.id)
    end_all(rt, row.account_id)
    return open_session(rt, row.account_id, keyring)


def _presented(rt: Runtime, handle: str, code: str, client: str, now: datetime) -> tuple[Any, Keyring]:
    """The open claim of `handle` and its keyring, if `code` opens it; failures count towards the limits."""
    limits = throttle.limits("claim", handle, client, rt.settings.login_attempts_per_15min)
    with rt.engine.begin() as conn:
        throttle.check(conn, limits, now)
        person = account_rows.by_handle(conn, handle)
        row = _open(conn, person.id, now) if person is not None else None
    ephemeral = _open_claim_keyring(rt, row, code)
    if row is None or ephemeral is None:
        with rt.engine.begin() as conn:
            throttle.fail(conn, list(limits), now)
        raise Unauthenticated(WRONG_CODE)
    return row, ephemeral


def _approve(rt: Runtime, conn: Connection, who: Unlocked, row: Any, threshold: int, now: datetime) -> None:
    sealed = repository.sealed_share(conn, row.account_id, who.account_id)
    assert sealed is not None
    share = open_share(sealed, who.keyring, row.account_id, who.account_id)
    repository.add_approval(conn, row.id, who.account_id, seal_share(share, row.public_key, row.id, who.account_id), now)
    if len(_counted(conn, row, now)) >= threshold:
        repository.set_claim(conn, row.id, ("collecting",), status="waiting", ready_at=now + timedelta(hours=rt.settings.recovery_wait_hours))
    journal.record(conn, row.account_id, who.account_id, "recovery.approved", now, row.id)
    journal.record(conn, who.account_id, who.account_id, "recovery.approved", now, row.id)


def _rebuild(rt: Runtime, row: Any, ephemeral: Keyring) -> Keyring:
    """The person's keyring from the approvals' shares; `NotReady` if they do not open it."""
    with rt.engine.begin() as conn:
        setup = repository.setup(conn, row.account_id)
        approvals = _counted(conn, row, rt.clock())
    assert setup is not None
    if len(approvals) < setup.threshold:
        raise NotReady("some approvals no longer count: the mandate of a trusted person who approved has ended")
    try:
        shares = [open_share(a.sealed_share, ephemeral, row.id, a.trustee_id) for a in approvals]
        secret = combine_shares(shares)
        return unwrap_keyring(setup.wrapped_keyring, derive_trustee_kek(secret, row.account_id), row.account_id, "trustees")
    except (DecryptionError, ValueError) as error:
        raise NotReady("the approvals collected do not open this account") from error


def _open_claim_keyring(rt: Runtime, row: Any, code: str) -> Keyring | None:
    if row is None:
        return None
    try:
        key = derive_claim_key(parse_recovery_code(code), row.id, rt.server_key)
        return unwrap_keyring(row.wrapped_keyring, key, row.account_id, "claim", row.id)
    except (InvalidRecoveryCode, DecryptionError):
        return None


def _as_trustee(conn: Connection, who: Unlocked, claim_id: str, now: datetime) -> tuple[Any, Any]:
    row = _claim_row(conn, claim_id)
    if row is None or repository.sealed_share(conn, row.account_id, who.account_id) is None:
        raise NotFound(MISSING)
    _require_mandate(conn, who, row.account_id, now)
    setup = repository.setup(conn, row.account_id)
    if setup is None or row.status not in OPEN or not _lapse_if_due(conn, row, now):
        raise Conflict("this recovery is not under way")
    return row, setup


def _counted(conn: Connection, row: Any, now: datetime) -> list[Any]:
    """The approvals that count: those of trusted people whose mandate is still active. Ending a
    mandate takes back the approval with the trust, so a revoked starter (who knows the code)
    cannot finish a recovery with the others' approvals."""
    return [a for a in repository.approvals(conn, row.id) if access.active(conn, a.trustee_id, row.account_id, now) is not None]


def _require_mandate(conn: Connection, who: Unlocked, person_id: str, now: datetime) -> None:
    """A trusted person whose mandate was revoked, ended or expired is no longer trusted."""
    if access.active(conn, who.account_id, person_id, now) is None:
        raise Forbidden(NO_MANDATE)


def _open(conn: Connection, account_id: str, now: datetime) -> Any | None:
    row = repository.open_claim(conn, account_id)
    return row if row is not None and _lapse_if_due(conn, row, now) else None


def _lapse_if_due(conn: Connection, row: Any, now: datetime) -> bool:
    """True if the open claim still runs; else mark it lapsed (and shred it)."""
    if now < as_utc(row.expires_at):
        return True
    if repository.set_claim(conn, row.id, OPEN, status="lapsed", ended_at=now):
        repository.shred_claim(conn, row.id)
    return False


def _claim_row(conn: Connection, claim_id: str) -> Any:
    return repository.claim(conn, claim_id)


def _claim(conn: Connection, row: Any, threshold: int) -> Claim:
    return Claim(
        id=row.id, person_id=row.account_id, person_handle=row.person_handle, status=row.status, started_by=row.started_by,
        threshold=threshold, approved_by=[a.trustee_id for a in repository.approvals(conn, row.id)],
        created_at=as_utc(row.created_at), expires_at=as_utc(row.expires_at), ready_at=as_utc(row.ready_at) if row.ready_at else None,
    )
