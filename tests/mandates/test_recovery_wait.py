"""The waiting period after the trusted people approve a recovery comes from
`VAULT_RECOVERY_WAIT_HOURS` (48 hours unless set): here 1 hour, counted from the last approval
needed."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from tests.conftest import make_settings
from tests.mandates.conftest import Clock, log_in, make_caseworker, make_person
from vault.mandates import check_scope
from vault.mandates import service as mandates
from vault.runtime import Runtime
from vault.sessions import Unlocked
from vault.settings import Settings
from vault.trustees import claims, setup

NEW_PASSPHRASE = "seven blue herons at dawn"


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("VAULT_RECOVERY_WAIT_HOURS", "1")
    return make_settings(tmp_path / "data")


def trusted(rt: Runtime, person: Unlocked, count: int) -> list[Unlocked]:
    helpers = [make_caseworker(rt) for _ in range(count)]
    for caseworker in helpers:
        mandates.grant(rt, person, caseworker.handle, check_scope(["cv"], None, 365))
    setup.choose(rt, person, [c.account_id for c in helpers], count)
    return helpers


def test_the_wait_set_in_the_environment_is_honoured(runtime: Runtime, clock: Clock) -> None:
    assert runtime.settings.recovery_wait_hours == 1
    person = make_person(runtime)
    (only,) = trusted(runtime, person, 1)
    started = claims.start(runtime, only, person.account_id)
    assert started.claim.status == "waiting" and started.claim.ready_at == clock.now + timedelta(hours=1)
    clock.advance(minutes=59)
    with pytest.raises(claims.NotReady):
        claims.complete(runtime, person.handle, started.code, NEW_PASSPHRASE, "office")
    clock.advance(minutes=1)
    assert claims.complete(runtime, person.handle, started.code, NEW_PASSPHRASE, "office").token
    assert log_in(runtime, person.handle, NEW_PASSPHRASE).account_id == person.account_id


def test_the_wait_starts_at_the_last_approval_needed(runtime: Runtime, clock: Clock) -> None:
    person = make_person(runtime)
    first, second = trusted(runtime, person, 2)
    started = claims.start(runtime, first, person.account_id)
    clock.advance(minutes=30)
    assert claims.approve(runtime, second, started.claim.id, started.check).ready_at == clock.now + timedelta(hours=1)
    clock.advance(minutes=59)
    with pytest.raises(claims.NotReady):
        claims.complete(runtime, person.handle, started.code, NEW_PASSPHRASE, "office")
    clock.advance(minutes=1)
    assert claims.complete(runtime, person.handle, started.code, NEW_PASSPHRASE, "office").token
