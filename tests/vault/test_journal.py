"""The journal records what happened, in order, and detects tampering."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import delete, update

from tests.conftest import make_user, upload
from vault import journal
from vault.db.schema import journal as journal_table
from vault.runtime import Runtime


def actions(runtime: Runtime, account_id: str) -> list[str]:
    with runtime.engine.connect() as conn:
        return [e.action for e in journal.entries(conn, account_id)]


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


def test_untouched_journal_verifies(client: TestClient, runtime: Runtime) -> None:
    user = make_user(client)
    upload(client, user, b"a")
    with runtime.engine.connect() as conn:
        assert journal.verify(conn, user.id) is None


def test_editing_any_entry_is_detected(client: TestClient, runtime: Runtime) -> None:
    user = make_user(client)
    for _ in range(3):
        upload(client, user, b"a")
    with runtime.engine.connect() as conn:
        count = len(journal.entries(conn, user.id))
    for seq in range(1, count + 1):
        with runtime.engine.begin() as conn:
            original = conn.execute(journal_table.select().where(journal_table.c.account_id == user.id, journal_table.c.seq == seq)).one()
            conn.execute(update(journal_table).where(journal_table.c.id == original.id).values(action="document.viewed" if original.action != "document.viewed" else "document.added"))
            assert journal.verify(conn, user.id) == seq
            conn.execute(update(journal_table).where(journal_table.c.id == original.id).values(action=original.action))
            assert journal.verify(conn, user.id) is None


def test_deleting_an_entry_in_the_middle_is_detected(client: TestClient, runtime: Runtime) -> None:
    user = make_user(client)
    upload(client, user, b"a")
    with runtime.engine.begin() as conn:
        conn.execute(delete(journal_table).where(journal_table.c.account_id == user.id, journal_table.c.seq == 2))
        assert journal.verify(conn, user.id) == 3


def test_journals_are_separate_per_person(client: TestClient, runtime: Runtime) -> None:
    first, second = make_user(client), make_user(client)
    upload(client, first, b"a")
    assert actions(runtime, second.id) == ["account.created", "session.opened"]
