"""Sessions (DESIGN, "split key").

A token is `<session id>.<secret>` (128-bit id, 256-bit secret, base64url). The
row stores the keyring wrapped under HKDF(secret) with the session id as
context; neither the row nor the token alone opens anything. Each request
unwraps the keyring for itself; logout or expiry deletes the row.
"""

from __future__ import annotations

import base64
import binascii
import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update

from keys import DecryptionError, Keyring, derive_key, unwrap_keyring, wrap_keyring
from vault.clock import as_utc
from vault.db.schema import accounts, sessions
from vault.errors import Unauthenticated
from vault.runtime import Runtime

SESSION_KEY_INFO = "vault/v1/session"
TOKEN = re.compile(r"^([0-9a-f]{32})\.([A-Za-z0-9_-]{43})$")
TOUCH_EVERY = timedelta(seconds=30)


@dataclass(frozen=True)
class Grant:
    token: str
    session_id: str
    expires_at: datetime


@dataclass(frozen=True)
class Unlocked:
    """An account whose keyring this request has opened."""

    account_id: str
    session_id: str
    kind: str
    language: str
    handle: str
    keyring: Keyring = field(repr=False)
    secret: bytes = field(repr=False)


def open_session(rt: Runtime, account_id: str, keyring: Keyring) -> Grant:
    session_id, secret = secrets.token_hex(16), secrets.token_bytes(32)
    now = rt.clock()
    expires_at = now + timedelta(hours=rt.settings.session_absolute_hours)
    wrapped = wrap_keyring(keyring, derive_key(secret, SESSION_KEY_INFO), account_id, "session", session_id)
    with rt.engine.begin() as conn:
        conn.execute(
            sessions.insert().values(
                id=session_id, account_id=account_id, wrapped_keyring=wrapped,
                created_at=now, last_seen_at=now, expires_at=expires_at,
            )
        )
    token = session_id + "." + base64.urlsafe_b64encode(secret).decode().rstrip("=")
    return Grant(token, session_id, expires_at)


def parse_token(token: str) -> tuple[str, bytes]:
    match = TOKEN.match(token)
    if not match:
        raise Unauthenticated("no valid session; log in again")
    try:
        return match.group(1), base64.urlsafe_b64decode(match.group(2) + "=")
    except (binascii.Error, ValueError) as error:
        raise Unauthenticated("no valid session; log in again") from error


def unlock(rt: Runtime, token: str) -> Unlocked:
    """Open the session's keyring, enforcing idle and absolute timeouts."""
    session_id, secret = parse_token(token)
    now = rt.clock()
    with rt.engine.begin() as conn:
        row = conn.execute(
            select(sessions, accounts.c.kind, accounts.c.language, accounts.c.handle)
            .join(accounts, accounts.c.id == sessions.c.account_id)
            .where(sessions.c.id == session_id)
        ).first()
        if row is None:
            raise Unauthenticated("no valid session; log in again")
        idle_limit = as_utc(row.last_seen_at) + timedelta(minutes=rt.settings.session_idle_minutes)
        if now >= as_utc(row.expires_at) or now >= idle_limit:
            conn.execute(delete(sessions).where(sessions.c.id == session_id))
            expired = True
        else:
            expired = False
            if now - as_utc(row.last_seen_at) >= TOUCH_EVERY:
                conn.execute(update(sessions).where(sessions.c.id == session_id).values(last_seen_at=now))
    if expired:
        raise Unauthenticated("your session has expired; log in again")
    try:
        keyring = unwrap_keyring(row.wrapped_keyring, derive_key(secret, SESSION_KEY_INFO), row.account_id, "session", session_id)
    except DecryptionError as error:
        raise Unauthenticated("no valid session; log in again") from error
    return Unlocked(row.account_id, session_id, row.kind, row.language, row.handle, keyring, secret)


def end(rt: Runtime, session_id: str) -> None:
    with rt.engine.begin() as conn:
        conn.execute(delete(sessions).where(sessions.c.id == session_id))


def end_all(rt: Runtime, account_id: str, keep: str | None = None) -> None:
    """Close every session of the account except `keep`."""
    condition = sessions.c.account_id == account_id
    if keep is not None:
        condition = condition & (sessions.c.id != keep)
    with rt.engine.begin() as conn:
        conn.execute(delete(sessions).where(condition))


def purge_expired(rt: Runtime) -> int:
    now = rt.clock()
    idle_cutoff = now - timedelta(minutes=rt.settings.session_idle_minutes)
    with rt.engine.begin() as conn:
        result = conn.execute(delete(sessions).where((sessions.c.expires_at <= now) | (sessions.c.last_seen_at <= idle_cutoff)))
    return int(result.rowcount or 0)
