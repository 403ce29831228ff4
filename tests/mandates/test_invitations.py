"""Caseworkers exist only through an operator's one-time invitation; the CLI makes organisations,
invitations and checks every journal."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, select, update
from typer.testing import CliRunner

from tests.conftest import FAST_ARGON2, PASSPHRASE
from tests.mandates.conftest import Clock, add, log_in, make_caseworker, make_person
from vault import journal
from vault.accounts import repository as account_rows
from vault.bootstrap import build_runtime, close_runtime
from vault.db.schema import caseworkers, key_slots
from vault.db.schema import journal as journal_table
from vault.db.schema import mandates as mandate_table
from vault.errors import Conflict, NotFound, RateLimited
from vault.mandates import check_scope
from vault.mandates import service as mandates
from vault.organisations import service as organisations
from vault.runtime import Runtime
from vault.settings import Settings
from web.cli import app

runner = CliRunner()


def kind_of(rt: Runtime, handle: str) -> str | None:
    with rt.engine.begin() as conn:
        row = account_rows.by_handle(conn, handle)
    return row.kind if row else None


def test_an_invitation_makes_a_caseworker_of_its_organisation(runtime: Runtime, clock: Clock) -> None:
    caseworker = make_caseworker(runtime, organisation="Centre Alpha", name="Claire Martin")
    assert caseworker.kind == "caseworker"
    found = organisations.find_caseworker(runtime, caseworker.handle)
    assert (found.name, found.organisation) == ("Claire Martin", "Centre Alpha")
    assert len(found.fingerprint) == 19 and found.fingerprint.count("-") == 3


def test_an_invitation_works_once(runtime: Runtime, clock: Clock) -> None:
    organisations.create_organisation(runtime, "Centre Alpha")
    invitation = organisations.invite(runtime, "Centre Alpha")
    organisations.join(runtime, invitation.id, invitation.code, "first-cw", PASSPHRASE, "First", "test")
    with pytest.raises(NotFound):
        organisations.join(runtime, invitation.id, invitation.code, "second-cw", PASSPHRASE, "Second", "test")
    assert kind_of(runtime, "second-cw") is None


def test_racing_sign_ups_on_one_invitation_make_one_account(runtime: Runtime, clock: Clock) -> None:
    organisations.create_organisation(runtime, "Centre Alpha")
    invitation = organisations.invite(runtime, "Centre Alpha")

    def attempt(index: int) -> str:
        try:
            organisations.join(runtime, invitation.id, invitation.code, f"racer-{index}", PASSPHRASE, "Racer", "test")
            return "joined"
        except NotFound:
            return "refused"

    with ThreadPoolExecutor(6) as pool:
        outcomes = list(pool.map(attempt, range(6)))
    assert outcomes.count("joined") == 1
    with runtime.engine.begin() as conn:
        assert len(conn.execute(select(caseworkers)).all()) == 1
    assert sum(kind_of(runtime, f"racer-{i}") == "caseworker" for i in range(6)) == 1


def test_an_expired_invitation_or_a_wrong_code_is_refused(runtime: Runtime, clock: Clock) -> None:
    organisations.create_organisation(runtime, "Centre Alpha")
    expired, fresh = organisations.invite(runtime, "Centre Alpha", hours=1), organisations.invite(runtime, "Centre Alpha")
    clock.advance(hours=1)
    with pytest.raises(NotFound):
        organisations.join(runtime, expired.id, expired.code, "late-cw", PASSPHRASE, "Late", "test")
    with pytest.raises(NotFound):
        organisations.join(runtime, fresh.id, expired.code, "wrong-cw", PASSPHRASE, "Wrong", "test")
    assert not organisations.invitation_open(runtime, expired.id) and organisations.invitation_open(runtime, fresh.id)


def test_guessing_invitation_codes_is_limited(runtime: Runtime, clock: Clock) -> None:
    organisations.create_organisation(runtime, "Centre Alpha")
    invitation = organisations.invite(runtime, "Centre Alpha")
    for _ in range(10):
        with pytest.raises(NotFound):
            organisations.join(runtime, invitation.id, "0000-0000-0000-0000-0000-0000-0000", "guess-cw", PASSPHRASE, "G", "mallory")
    with pytest.raises(RateLimited):
        organisations.join(runtime, invitation.id, invitation.code, "guess-cw", PASSPHRASE, "G", "mallory")


def test_a_person_signing_up_is_never_a_caseworker(runtime: Runtime, clock: Clock) -> None:
    person = make_person(runtime)
    assert person.kind == "person"
    with pytest.raises(NotFound):
        organisations.find_caseworker(runtime, person.handle)


def test_organisation_names_are_unique(runtime: Runtime) -> None:
    organisations.create_organisation(runtime, "Centre Alpha")
    with pytest.raises(Conflict):
        organisations.create_organisation(runtime, "Centre Alpha")
    with pytest.raises(NotFound):
        organisations.invite(runtime, "Centre Omega")


@pytest.fixture
def operator_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    monkeypatch.setenv("VAULT_DATA_DIR", str(data))
    monkeypatch.setenv("VAULT_PUBLIC_URL", "https://vault.example")
    for name, value in FAST_ARGON2.items():
        monkeypatch.setenv(f"VAULT_{name.upper()}", str(value))
    return data


def test_cli_creates_an_organisation_and_a_working_invitation(operator_env: Path) -> None:
    created = runner.invoke(app, ["admin", "org", "create", "Centre Alpha"])
    assert created.exit_code == 0, created.output
    assert runner.invoke(app, ["admin", "org", "create", "Centre Alpha"]).exit_code == 1
    invited = runner.invoke(app, ["admin", "invite-caseworker", "Centre Alpha", "--hours", "24"])
    assert invited.exit_code == 0, invited.output
    link = next(line.split(": ")[1] for line in invited.output.splitlines() if "link:" in line)
    code = next(line.split(": ")[1] for line in invited.output.splitlines() if "code:" in line)
    assert link.startswith("https://vault.example/join/")
    rt = build_runtime(Settings(), with_tagger=False)
    try:
        organisations.join(rt, link.rsplit("/", 1)[1], code, "cli-cw", PASSPHRASE, "From CLI", "test")
        assert log_in(rt, "cli-cw").kind == "caseworker"
    finally:
        close_runtime(rt)
    assert runner.invoke(app, ["admin", "invite-caseworker", "Centre Omega"]).exit_code == 1


def test_cli_verify_journal_finds_a_tampered_entry(operator_env: Path) -> None:
    rt = build_runtime(Settings(), with_tagger=False)
    try:
        person = make_person(rt, "tampered")
        make_person(rt, "untouched")
        clean = runner.invoke(app, ["admin", "verify-journal"])
        assert clean.exit_code == 0 and "checked 2 journal(s): 0 broken" in clean.output
        with rt.engine.begin() as conn:
            conn.execute(update(journal_table).where(journal_table.c.account_id == person.account_id, journal_table.c.seq == 1).values(actor_id="f" * 32))
    finally:
        close_runtime(rt)
    broken = runner.invoke(app, ["admin", "verify-journal"])
    assert broken.exit_code == 1
    assert "journal of tampered" in broken.output and "altered at entry 1" in broken.output and "untouched" not in broken.output.split("checked")[0]


def test_cli_verify_journal_names_a_truncated_journal_and_what_is_missing(operator_env: Path) -> None:
    rt = build_runtime(Settings(), with_tagger=False)
    try:
        last_cut, two_cut = make_person(rt, "last-cut"), make_person(rt, "two-cut")
        make_person(rt, "untouched")
        with rt.engine.begin() as conn:
            lengths = {p.handle: len(journal.entries(conn, p.account_id)) for p in (last_cut, two_cut)}
            for person, cut in ((last_cut, 1), (two_cut, 2)):
                gone = range(lengths[person.handle] - cut + 1, lengths[person.handle] + 1)
                conn.execute(delete(journal_table).where(journal_table.c.account_id == person.account_id, journal_table.c.seq.in_(gone)))
    finally:
        close_runtime(rt)
    broken = runner.invoke(app, ["admin", "verify-journal"])
    assert broken.exit_code == 1 and "checked 3 journal(s): 2 broken" in broken.output
    one, two = lengths["last-cut"], lengths["two-cut"]
    assert f"journal of last-cut ({last_cut.account_id}): truncated: entry {one} is missing" in broken.output
    assert f"journal of two-cut ({two_cut.account_id}): truncated: entries {two - 1} to {two} are missing" in broken.output
    assert "untouched" not in broken.output.split("checked")[0]


def test_cli_purge_mandates_expires_lapsed_ones_and_deletes_their_slots(operator_env: Path) -> None:
    rt = build_runtime(Settings(), with_tagger=False)
    try:
        person, caseworker = make_person(rt), make_caseworker(rt)
        add(rt, person, "cv")
        granted = mandates.grant(rt, person, caseworker.handle, check_scope(["cv"], None, 1))
        with rt.engine.begin() as conn:
            conn.execute(update(mandate_table).where(mandate_table.c.id == granted.id).values(expires_at=rt.clock() - timedelta(seconds=1)))
        purged = runner.invoke(app, ["admin", "purge-mandates"])
        assert purged.exit_code == 0 and "expired 1 mandate(s)" in purged.output
        with rt.engine.begin() as conn:
            assert conn.execute(select(key_slots).where(key_slots.c.principal_id == caseworker.account_id)).first() is None
            assert conn.execute(select(mandate_table.c.status)).scalar() == "expired"
    finally:
        close_runtime(rt)
