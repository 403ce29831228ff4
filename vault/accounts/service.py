"""Sign-up, login, passphrase change and recovery-code reset.

Every path that runs Argon2id is meant to be called through the login limiter
(web/ runs these in a bounded thread pool), so many simultaneous logins queue
instead of exhausting memory.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from keys import (
    DecryptionError,
    InvalidRecoveryCode,
    Keyring,
    derive_key,
    derive_recovery_kek,
    generate_recovery_code,
    parse_recovery_code,
    seal,
    unwrap_keyring,
    wrap_keyring,
)
from vault import journal, throttle
from vault.accounts import credentials, policy, repository
from vault.errors import Conflict, InvalidInput, Unauthenticated
from vault.runtime import Runtime
from vault.sessions import Grant, Unlocked, open_session
from vault.sessions.service import end_all

PROFILE_INFO = "vault/v1/profile"


@dataclass(frozen=True)
class NewAccount:
    id: str
    handle: str
    recovery_code: str


def sign_up(
    rt: Runtime, handle: str, passphrase: str, display_name: str = "", language: str | None = None,
    kind: str = "person", joined: Callable[[Connection, str], None] | None = None,
) -> NewAccount:
    """Create an account. `joined(conn, account_id)` runs in the same transaction (a caseworker's
    invitation is spent there, so a refused one leaves no account behind)."""
    handle = policy.normalize_handle(handle)
    policy.check_passphrase(passphrase, handle, rt.settings.passphrase_min_length)
    language = policy.check_language(language, rt.settings.default_language)
    account_id, keyring = secrets.token_hex(16), Keyring.generate()
    material = credentials.protect(passphrase, keyring, account_id, rt.server_key, credentials.params_from(rt.settings))
    recovery_code = generate_recovery_code()
    rkek = derive_recovery_kek(parse_recovery_code(recovery_code), account_id)
    profile = json.dumps({"display_name": display_name[:100]}).encode()
    try:
        with rt.engine.begin() as conn:
            repository.insert(
                conn, id=account_id, handle=handle, kind=kind, language=language,
                public_key=keyring.public_key_bytes(),
                keyring_recovery=wrap_keyring(keyring, rkek, account_id, "recovery"),
                sealed_profile=seal(derive_key(keyring.index_key, PROFILE_INFO), profile, account_id.encode()),
                created_at=rt.clock(), **material.columns(),
            )
            journal.record(conn, account_id, account_id, "account.created", rt.clock())
            if joined is not None:
                joined(conn, account_id)
    except IntegrityError as error:
        raise Conflict("this handle is already taken; choose another") from error
    return NewAccount(account_id, handle, recovery_code)


def log_in(rt: Runtime, handle: str, passphrase: str, client: str) -> Grant:
    """Check the passphrase and open a new session (never reuse one: no fixation)."""
    try:
        handle = policy.normalize_handle(handle)
    except InvalidInput:
        handle = "-"
    limits = throttle.limits("login", handle, client, rt.settings.login_attempts_per_15min)
    buckets = list(limits)
    with rt.engine.begin() as conn:
        throttle.check(conn, limits, rt.clock())
        row = repository.by_handle(conn, handle)
    keyring = _try_passphrase(rt, row, passphrase)
    if keyring is None or row is None:
        with rt.engine.begin() as conn:
            throttle.fail(conn, buckets, rt.clock())
        raise Unauthenticated("wrong handle or passphrase")
    with rt.engine.begin() as conn:
        throttle.clear(conn, buckets[0])
        journal.record(conn, row.id, row.id, "session.opened", rt.clock())
    return open_session(rt, row.id, keyring)


def _try_passphrase(rt: Runtime, row: object, passphrase: str) -> Keyring | None:
    if row is None or len(passphrase) > 1024:
        credentials.burn_time(passphrase[:1024], credentials.params_from(rt.settings))
        return None
    try:
        return credentials.unlock(passphrase, row, rt.server_key)
    except DecryptionError:
        return None


def change_passphrase(rt: Runtime, who: Unlocked, current: str, new: str) -> None:
    """Re-wrap the keyring under the new passphrase; other sessions are closed."""
    with rt.engine.begin() as conn:
        row = repository.by_id(conn, who.account_id)
    if row is None or credentials.unlock(current, row, rt.server_key) is None:
        raise Unauthenticated("the current passphrase is wrong")
    policy.check_passphrase(new, row.handle, rt.settings.passphrase_min_length)
    _set_passphrase(rt, who.account_id, who.keyring, new, "passphrase.changed", keep_session=who.session_id)


def recover(rt: Runtime, handle: str, recovery_code: str, new_passphrase: str, client: str) -> Grant:
    """Reset the passphrase with the recovery code; every other session is closed."""
    handle = policy.normalize_handle(handle)
    limits = throttle.limits("recover", handle, client, rt.settings.login_attempts_per_15min)
    buckets = list(limits)
    with rt.engine.begin() as conn:
        throttle.check(conn, limits, rt.clock())
        row = repository.by_handle(conn, handle)
    keyring = _try_recovery_code(row, recovery_code)
    if keyring is None or row is None:
        with rt.engine.begin() as conn:
            throttle.fail(conn, buckets, rt.clock())
        raise Unauthenticated("this recovery code does not match this handle")
    policy.check_passphrase(new_passphrase, handle, rt.settings.passphrase_min_length)
    _set_passphrase(rt, row.id, keyring, new_passphrase, "account.recovered", keep_session=None)
    return open_session(rt, row.id, keyring)


def _try_recovery_code(row: object, recovery_code: str) -> Keyring | None:
    if row is None:
        return None
    try:
        code = parse_recovery_code(recovery_code)
        account_id: str = getattr(row, "id")
        return unwrap_keyring(getattr(row, "keyring_recovery"), derive_recovery_kek(code, account_id), account_id, "recovery")
    except (InvalidRecoveryCode, DecryptionError):
        return None


def _set_passphrase(rt: Runtime, account_id: str, keyring: Keyring, passphrase: str, action: str, keep_session: str | None) -> None:
    material = credentials.protect(passphrase, keyring, account_id, rt.server_key, credentials.params_from(rt.settings))
    with rt.engine.begin() as conn:
        repository.set_credentials(conn, account_id, **material.columns())
        journal.record(conn, account_id, account_id, action, rt.clock())
    end_all(rt, account_id, keep=keep_session)
