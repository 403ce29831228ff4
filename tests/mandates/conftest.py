"""Builders for the mandate and recovery specs: people and caseworkers signed up through the
real services (a caseworker through an operator's invitation), and a clock the test moves."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

import pytest

from tests.conftest import PASSPHRASE
from vault.accounts import service as accounts
from vault.documents import service as documents
from vault.documents.model import Document
from vault.organisations import service as organisations
from vault.runtime import Runtime
from vault.sessions import Unlocked, unlock

START = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


@dataclass
class Clock:
    """Stands in for `Runtime.clock`: time moves only when the test says."""

    now: datetime = field(default=START)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture
def clock(runtime: Runtime) -> Clock:
    moving = Clock()
    runtime.clock = moving
    return moving


def log_in(rt: Runtime, handle: str, passphrase: str = PASSPHRASE) -> Unlocked:
    return unlock(rt, accounts.log_in(rt, handle, passphrase, "test").token)


def make_person(rt: Runtime, handle: str | None = None) -> Unlocked:
    handle = handle or "person-" + secrets.token_hex(4)
    accounts.sign_up(rt, handle, PASSPHRASE, "Amina")
    return log_in(rt, handle)


def make_caseworker(rt: Runtime, organisation: str = "Centre Alpha", name: str = "Claire Martin", handle: str | None = None) -> Unlocked:
    handle = handle or "cw-" + secrets.token_hex(4)
    if not any(o.name == organisation for o in organisations.list_organisations(rt)):
        organisations.create_organisation(rt, organisation)
    invitation = organisations.invite(rt, organisation)
    organisations.join(rt, invitation.id, invitation.code, handle, PASSPHRASE, name, "test")
    return log_in(rt, handle)


def add(rt: Runtime, who: Unlocked, category: str, data: bytes | None = None) -> Document:
    content = data or f"%PDF-1.4 {category} {secrets.token_hex(4)}".encode()
    return documents.add(rt, who, documents.Upload(f"{category}.pdf", "application/pdf", category=category), [content])
