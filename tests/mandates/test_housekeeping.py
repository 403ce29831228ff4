"""The running service expires lapsed mandates on its own (at start, then every
VAULT_HOUSEKEEPING_MINUTES): their key slots go even if neither side ever comes back."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from tests.mandates.conftest import Clock, add, make_caseworker, make_person
from vault import journal
from vault.db.schema import key_slots
from vault.mandates import check_scope
from vault.mandates import service as mandates
from vault.runtime import Runtime
from vault.sessions import Unlocked
from web.app import create_app


def slots_of(rt: Runtime, caseworker: Unlocked) -> int:
    with rt.engine.begin() as conn:
        return int(conn.execute(select(func.count()).select_from(key_slots).where(key_slots.c.principal_id == caseworker.account_id)).scalar_one())


def one_day_mandate(rt: Runtime) -> tuple[Unlocked, Unlocked]:
    person, caseworker = make_person(rt), make_caseworker(rt)
    add(rt, person, "cv")
    mandates.grant(rt, person, caseworker.handle, check_scope(["cv"], None, 1))
    assert slots_of(rt, caseworker) == 1
    return person, caseworker


def test_a_lapsed_mandate_is_expired_when_the_service_starts(runtime: Runtime, clock: Clock) -> None:
    person, caseworker = one_day_mandate(runtime)
    clock.advance(days=1, seconds=1)
    with TestClient(create_app(runtime=runtime)):
        assert slots_of(runtime, caseworker) == 0
    with runtime.engine.begin() as conn:
        assert "mandate.expired" in [e.action for e in journal.entries(conn, person.account_id)]


def test_a_mandate_lapsing_while_the_service_runs_is_expired_without_any_request(runtime: Runtime, clock: Clock) -> None:
    person, caseworker = one_day_mandate(runtime)
    settings = runtime.settings.model_copy(update={"housekeeping_minutes": 0.005})
    with TestClient(create_app(settings, runtime=runtime)):
        time.sleep(0.6)
        assert slots_of(runtime, caseworker) == 1
        clock.advance(days=1)
        deadline = time.monotonic() + 10
        while slots_of(runtime, caseworker) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert slots_of(runtime, caseworker) == 0


def test_housekeeping_can_be_turned_off(runtime: Runtime, clock: Clock) -> None:
    _, caseworker = one_day_mandate(runtime)
    clock.advance(days=2)
    settings = runtime.settings.model_copy(update={"housekeeping_minutes": 0})
    with TestClient(create_app(settings, runtime=runtime)):
        assert slots_of(runtime, caseworker) == 1
