"""Tagging runs off the request path; the person's choice wins; an interrupted
tagging resumes at the owner's next login."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from tests.conftest import PASSPHRASE, User, make_user, upload
from tests.samples import text_pdf
from vault.bootstrap import build_runtime, close_runtime
from vault.db.schema import documents
from vault.runtime import Runtime
from vault.settings import Settings
from web.app import create_app

PAYSLIP = ["BULLETIN DE SALAIRE", "Employeur : Boulangerie du Marche", "Periode du 01/03/2025 au 31/03/2025", "NET A PAYER 1523,45 EUR"]


@pytest.fixture
def tagging_client(settings: Settings) -> Iterator[tuple[TestClient, Runtime]]:
    rt = build_runtime(settings, with_tagger=True)
    try:
        with TestClient(create_app(runtime=rt)) as client:
            yield client, rt
    finally:
        close_runtime(rt)


def settled(client: TestClient, user: User, document_id: str, seconds: float = 90) -> dict[str, object]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        document: dict[str, object] = client.get(f"/api/v1/documents/{document_id}", headers=user.auth).json()
        if document["tag_state"] != "tagging":
            return document
        time.sleep(0.2)
    raise AssertionError("tagging did not finish")


def test_an_upload_is_usable_at_once_and_tagged_soon_after(tagging_client: tuple[TestClient, Runtime]) -> None:
    client, _ = tagging_client
    user = make_user(client)
    doc = upload(client, user, text_pdf(PAYSLIP), filename="bulletin.pdf")
    assert doc["tag_state"] == "tagging"
    assert client.get(f"/api/v1/documents/{doc['id']}/content", headers=user.auth).status_code == 200
    tagged = settled(client, user, str(doc["id"]))
    assert tagged["tag_state"] == "tagged"
    assert (tagged["category"], tagged["category_source"]) == ("payslip", "tagger")
    assert tagged["fields"]["pay_period"] == "2025-03"  # type: ignore[index]


def test_the_persons_category_wins_over_the_tagger(tagging_client: tuple[TestClient, Runtime]) -> None:
    client, _ = tagging_client
    user = make_user(client)
    doc = upload(client, user, text_pdf(PAYSLIP), filename="bulletin.pdf", category="other")
    tagged = settled(client, user, str(doc["id"]))
    assert (tagged["category"], tagged["category_source"]) == ("other", "user")
    assert tagged["fields"]["pay_period"] == "2025-03"  # type: ignore[index]


def test_interrupted_tagging_resumes_at_the_next_login(tagging_client: tuple[TestClient, Runtime]) -> None:
    client, rt = tagging_client
    user = make_user(client)
    doc = upload(client, user, text_pdf(PAYSLIP), filename="bulletin.pdf")
    settled(client, user, str(doc["id"]))
    with rt.engine.begin() as conn:  # as if the process had died before the tagger finished
        conn.execute(update(documents).where(documents.c.id == doc["id"]).values(tag_state="tagging"))
    assert client.get(f"/api/v1/documents/{doc['id']}", headers=user.auth).json()["tag_state"] == "tagging"
    session = client.post("/api/v1/sessions", json={"handle": user.handle, "passphrase": PASSPHRASE})
    assert session.status_code == 201
    assert settled(client, user, str(doc["id"]))["tag_state"] == "tagged"
