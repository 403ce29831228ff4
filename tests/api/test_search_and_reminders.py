"""Search and filters over decrypted metadata; reminders before a permit expires."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient

from tests.conftest import User, make_user, upload
from vault.runtime import Runtime


def add(client: TestClient, user: User, title: str, category: str, fields: dict[str, str] | None = None) -> str:
    doc = upload(client, user, title.encode(), filename=f"{title}.pdf", title=title, category=category)
    if fields:
        response = client.patch(f"/api/v1/documents/{doc['id']}", headers=user.auth, json={"fields": fields})
        assert response.status_code == 200, response.text
    return str(doc["id"])


def titles(client: TestClient, user: User, **params: object) -> list[str]:
    response = client.get("/api/v1/documents", headers=user.auth, params=params)
    assert response.status_code == 200, response.text
    return sorted(d["title"] for d in response.json())


def test_search_ignores_case_and_accents_and_filters(client: TestClient) -> None:
    user = make_user(client)
    add(client, user, "Titre de séjour", "residence_permit", {"expires_on": "2027-03-31"})
    add(client, user, "Bulletin mars", "payslip", {"pay_period": "2025-03", "employer": "Boulangerie du Marché"})
    add(client, user, "CV", "cv")
    assert titles(client, user, q="SEJOUR") == ["Titre de séjour"]
    assert titles(client, user, q="boulangerie marche") == ["Bulletin mars"]
    assert titles(client, user, category="payslip") == ["Bulletin mars"]
    assert titles(client, user, year=2025) == ["Bulletin mars"]
    assert titles(client, user, year=2027, category="residence_permit") == ["Titre de séjour"]
    assert titles(client, user, q="nothing-like-this") == []
    assert client.get("/api/v1/documents", headers=user.auth, params={"category": "passport"}).status_code == 422


def test_search_never_reaches_another_persons_documents(client: TestClient) -> None:
    owner, other = make_user(client), make_user(client)
    add(client, owner, "Décision OFPRA", "asylum_decision")
    assert titles(client, other, q="ofpra") == []


def test_field_corrections_are_validated(client: TestClient) -> None:
    user = make_user(client)
    doc_id = add(client, user, "Titre", "residence_permit")
    bad = client.patch(f"/api/v1/documents/{doc_id}", headers=user.auth, json={"fields": {"expires_on": "31/03/2027"}})
    assert bad.status_code == 422
    assert "YYYY-MM-DD" in bad.json()["detail"]


def test_permits_expiring_within_120_days_are_reminded(client: TestClient, runtime: Runtime) -> None:
    user = make_user(client)
    today = runtime.clock().date()
    soon = add(client, user, "Carte soon", "residence_permit", {"expires_on": (today + timedelta(days=45)).isoformat()})
    add(client, user, "Carte later", "residence_permit", {"expires_on": (today + timedelta(days=400)).isoformat()})
    expired = add(client, user, "Carte old", "residence_permit", {"expires_on": (today - timedelta(days=3)).isoformat()})
    add(client, user, "Payslip", "payslip", {"pay_period": "2025-01"})
    due = client.get("/api/v1/reminders", headers=user.auth).json()
    assert [(r["document_id"], r["days_left"], r["stage"]) for r in due] == [(expired, -3, 0), (soon, 45, 60)]


def test_calendar_file_reminds_to_renew(client: TestClient, runtime: Runtime) -> None:
    user = make_user(client)
    expires = runtime.clock().date() + timedelta(days=200)
    doc_id = add(client, user, "Carte", "residence_permit", {"expires_on": expires.isoformat()})
    ics = client.get(f"/api/v1/reminders/{doc_id}.ics", headers=user.auth)
    assert ics.status_code == 200
    assert ics.headers["content-type"].startswith("text/calendar")
    text = ics.text
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert f"DTSTART;VALUE=DATE:{(expires - timedelta(days=120)).strftime('%Y%m%d')}" in text
    assert text.count("BEGIN:VALARM") == 3
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    no_expiry = add(client, user, "CV", "cv")
    assert client.get(f"/api/v1/reminders/{no_expiry}.ics", headers=user.auth).status_code == 404
