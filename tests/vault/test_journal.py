"""The journal records what happened, in order, and detects tampering: any entry edited,
removed, inserted or moved, and entries cut off the end (the chain must end at the head
the account keeps). Every spec runs on SQLite and PostgreSQL."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic import command
from fastapi.testclient import TestClient
from sqlalchemy import Connection, delete, select, update

from tests.conftest import make_settings, make_user, upload
from vault import journal
from vault.db import connect, migrate
from vault.db.engine import alembic_config
from vault.db.schema import accounts
from vault.db.schema import journal as journal_table
from vault.journal.service import GENESIS, chain_hash
from vault.runtime import Runtime
from vault.settings import Settings

AT = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


@pytest.fixture(params=["sqlite", "postgresql"])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    if request.param == "postgresql":
        return make_settings(tmp_path / "data", database_url=request.getfixturevalue("postgres_url"))
    return make_settings(tmp_path / "data")


def actions(runtime: Runtime, account_id: str) -> list[str]:
    with runtime.engine.connect() as conn:
        return [e.action for e in journal.entries(conn, account_id)]


def person_with_entries(client: TestClient, runtime: Runtime, count: int) -> str:
    """A person whose journal holds `count` entries: sign-up, login, then views, each in its own transaction."""
    user = make_user(client)
    for index in range(count - 2):
        with runtime.engine.begin() as conn:
            journal.record(conn, user.id, user.id, "document.viewed", AT + timedelta(seconds=index), secrets.token_hex(16))
    return user.id


def delete_entries(runtime: Runtime, account_id: str, *seqs: int) -> None:
    with runtime.engine.begin() as conn:
        conn.execute(delete(journal_table).where(journal_table.c.account_id == account_id, journal_table.c.seq.in_(seqs)))


def break_of(runtime: Runtime, account_id: str) -> journal.Break | None:
    with runtime.engine.connect() as conn:
        return journal.find_break(conn, account_id)


def test_sign_up_login_and_document_life_are_journaled(client: TestClient, runtime: Runtime) -> None:
    user = make_user(client)
    doc = upload(client, user, b"payslip")
    client.get(f"/api/v1/documents/{doc['id']}", headers=user.auth)
    client.get(f"/api/v1/documents/{doc['id']}/content", headers=user.auth)
    client.patch(f"/api/v1/documents/{doc['id']}", headers=user.auth, json={"title": "new", "category": "payslip"})
    client.delete(f"/api/v1/documents/{doc['id']}", headers=user.auth)
    assert actions(runtime, user.id) == [
        "account.created", "session.opened", "document.added", "document.viewed", "document.downloaded",
        "document.renamed", "document.recategorised", "document.deleted",
    ]
    with runtime.engine.connect() as conn:
        assert journal.verify(conn, user.id) is None


def test_an_untouched_journal_of_many_entries_verifies_and_ends_at_its_head(client: TestClient, runtime: Runtime) -> None:
    person = person_with_entries(client, runtime, 60)
    other = person_with_entries(client, runtime, 5)
    with runtime.engine.connect() as conn:
        found = journal.entries(conn, person)
        head = conn.execute(select(accounts.c.journal_length, accounts.c.journal_head).where(accounts.c.id == person)).one()
        assert journal.verify(conn, person) is None and journal.verify(conn, other) is None
    assert [e.seq for e in found] == list(range(1, 61))
    assert (head.journal_length, head.journal_head) == (60, found[-1].entry_hash)


FIELD_EDITS = {
    "seq": lambda row: row.seq + 1000,
    "at": lambda row: row.at + timedelta(microseconds=1),
    "actor_id": lambda row: "f" * 32,
    "action": lambda row: "document.added" if row.action == "document.viewed" else "document.viewed",
    "document_id": lambda row: None if row.document_id else "e" * 32,
    "prev_hash": lambda row: bytes(32) if row.prev_hash != bytes(32) else b"\x01" * 32,
    "entry_hash": lambda row: bytes(32),
}


def test_editing_any_field_of_any_entry_is_detected(client: TestClient, runtime: Runtime) -> None:
    person = person_with_entries(client, runtime, 4)
    for seq in range(1, 5):
        for field, edit in FIELD_EDITS.items():
            with runtime.engine.begin() as conn:
                original = conn.execute(journal_table.select().where(journal_table.c.account_id == person, journal_table.c.seq == seq)).one()
                conn.execute(update(journal_table).where(journal_table.c.id == original.id).values({field: edit(original)}))
                assert journal.verify(conn, person) == seq, (seq, field)
                conn.execute(update(journal_table).where(journal_table.c.id == original.id).values({field: getattr(original, field)}))
                assert journal.verify(conn, person) is None


@pytest.mark.parametrize(
    ("written", "deleted", "expected"),
    [
        (6, (6,), journal.Break(6, "truncated", 6)),
        (6, (5, 6), journal.Break(5, "truncated", 6)),
        (3, (1, 2, 3), journal.Break(1, "truncated", 3)),
        (6, (3,), journal.Break(3, "altered", 6)),
    ],
    ids=["last entry", "last two", "every entry", "one in the middle"],
)
def test_deleting_entries_is_detected(client: TestClient, runtime: Runtime, written: int, deleted: tuple[int, ...], expected: journal.Break) -> None:
    person = person_with_entries(client, runtime, written)
    delete_entries(runtime, person, *deleted)
    assert break_of(runtime, person) == expected
    with runtime.engine.connect() as conn:
        assert journal.verify(conn, person) == expected.seq


def test_an_entry_recorded_after_a_truncation_leaves_the_gap_visible(client: TestClient, runtime: Runtime) -> None:
    person = person_with_entries(client, runtime, 5)
    delete_entries(runtime, person, 5)
    with runtime.engine.begin() as conn:
        journal.record(conn, person, person, "session.opened", AT + timedelta(days=1))
    assert break_of(runtime, person) == journal.Break(5, "altered", 6)


def test_an_entry_chained_past_the_head_is_detected(client: TestClient, runtime: Runtime) -> None:
    person = person_with_entries(client, runtime, 4)
    with runtime.engine.begin() as conn:
        last = journal.entries(conn, person)[-1]
        append_chained(conn, person, 5, last.entry_hash)
    assert break_of(runtime, person) == journal.Break(5, "altered", 4)


def test_a_rechained_last_entry_that_no_longer_matches_the_head_is_detected(client: TestClient, runtime: Runtime) -> None:
    person = person_with_entries(client, runtime, 4)
    with runtime.engine.begin() as conn:
        prev = journal.entries(conn, person)[-2].entry_hash
        conn.execute(delete(journal_table).where(journal_table.c.account_id == person, journal_table.c.seq == 4))
        append_chained(conn, person, 4, prev)
    assert break_of(runtime, person) == journal.Break(4, "altered", 4)


def test_journals_are_separate_per_person(client: TestClient, runtime: Runtime) -> None:
    first, second = make_user(client), make_user(client)
    upload(client, first, b"a")
    assert actions(runtime, second.id) == ["account.created", "session.opened"]


def test_the_migration_gives_existing_journals_their_head(settings: Settings) -> None:
    settings.data_dir.mkdir(parents=True)
    engine = connect(settings.resolved_database_url)
    command.upgrade(alembic_config(engine), "0003")
    with engine.begin() as conn:
        written, empty = insert_account(conn), insert_account(conn)
        hashes = [GENESIS]
        for seq in (1, 2, 3):
            hashes.append(append_chained(conn, written, seq, hashes[-1]))
    migrate(engine)
    with engine.begin() as conn:
        heads = {row.id: (row.journal_length, row.journal_head) for row in conn.execute(select(accounts))}
        assert heads == {written: (3, hashes[-1]), empty: (0, None)}
        assert journal.verify(conn, written) is None and journal.verify(conn, empty) is None
        journal.record(conn, written, written, "session.opened", AT + timedelta(days=1))
        journal.record(conn, empty, empty, "session.opened", AT + timedelta(days=1))
        assert journal.verify(conn, written) is None and journal.verify(conn, empty) is None
        conn.execute(delete(journal_table).where(journal_table.c.account_id == written, journal_table.c.seq == 4))
        assert journal.verify(conn, written) == 4
    engine.dispose()


def insert_account(conn: Connection) -> str:
    """A bare account row with only the columns every revision has."""
    account_id = secrets.token_hex(16)
    conn.execute(accounts.insert().values(
        id=account_id, handle="h-" + account_id[:8], kind="person", language="fr", salt=b"s", argon2_params="{}",
        verifier=b"v", public_key=b"p", keyring_kek=b"k", keyring_recovery=b"r", sealed_profile=b"x", created_at=AT,
    ))
    return account_id


def append_chained(conn: Connection, account_id: str, seq: int, prev: bytes) -> bytes:
    """Write an entry straight into the table, correctly chained, without touching the head."""
    at = AT + timedelta(hours=seq)
    entry_hash = chain_hash(prev, account_id, seq, at, account_id, "session.opened", None)
    conn.execute(journal_table.insert().values(
        account_id=account_id, seq=seq, at=at, actor_id=account_id, action="session.opened",
        document_id=None, prev_hash=prev, entry_hash=entry_hash,
    ))
    return entry_hash
