"""Mandates through the API: a caseworker reads and adds a person's documents through the same
document endpoints, within the scope; every access is in the person's journal, which the
person exports."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

from fastapi.testclient import TestClient

from tests.conftest import PASSPHRASE, User, make_user, upload
from vault.organisations import service as organisations
from vault.runtime import Runtime


def make_caseworker(client: TestClient, runtime: Runtime, handle: str, organisation: str = "Centre Alpha", name: str = "Claire Martin") -> User:
    if not any(o.name == organisation for o in organisations.list_organisations(runtime)):
        organisations.create_organisation(runtime, organisation)
    invitation = organisations.invite(runtime, organisation)
    joined = client.post("/api/v1/caseworkers", json={
        "invitation_id": invitation.id, "code": invitation.code, "handle": handle, "passphrase": PASSPHRASE, "name": name,
    })
    assert joined.status_code == 201, joined.text
    token = client.post("/api/v1/sessions", json={"handle": handle, "passphrase": PASSPHRASE}).json()["token"]
    client.cookies.clear()
    return User(joined.json()["id"], handle, PASSPHRASE, joined.json()["recovery_code"], token)


def mandate(client: TestClient, person: User, caseworker: User, categories: list[str], permissions: list[str]) -> str:
    asked = client.post("/api/v1/mandates", headers=caseworker.auth,
                        json={"person_handle": person.handle, "categories": categories, "permissions": permissions, "days": 30})
    assert asked.status_code == 201, asked.text
    approved = client.post(f"/api/v1/mandates/{asked.json()['id']}/approve", headers=person.auth,
                           json={"categories": categories, "permissions": permissions, "days": 30})
    assert approved.status_code == 200, approved.text
    return str(asked.json()["id"])


def test_a_caseworker_reads_only_the_documents_in_scope(client: TestClient, runtime: Runtime) -> None:
    person, caseworker = make_user(client), make_caseworker(client, runtime, "claire")
    permit = upload(client, person, b"%PDF-1.4 permit", title="Titre", category="residence_permit")
    payslip = upload(client, person, b"%PDF-1.4 payslip", title="Fiche de paie", category="payslip")
    mandate(client, person, caseworker, ["residence_permit"], ["view"])
    listed = client.get("/api/v1/documents", params={"person": person.id}, headers=caseworker.auth)
    assert [d["id"] for d in listed.json()] == [permit["id"]]
    assert client.get(f"/api/v1/documents/{permit['id']}/content", headers=caseworker.auth).content == b"%PDF-1.4 permit"
    assert client.get(f"/api/v1/documents/{payslip['id']}/content", headers=caseworker.auth).status_code == 404
    assert client.get("/api/v1/documents", headers=caseworker.auth).json() == []


def test_an_upload_on_behalf_lands_in_the_persons_inbox_marked_with_who_added_it(client: TestClient, runtime: Runtime) -> None:
    person, caseworker = make_user(client), make_caseworker(client, runtime, "claire")
    mandate(client, person, caseworker, ["payslip"], ["view", "add"])
    sent = client.post("/api/v1/documents", content=b"%PDF-1.4 scanned at the office", params={"person": person.id, "filename": "scan.pdf", "category": "payslip"},
                       headers={**caseworker.auth, "Content-Type": "application/pdf"})
    assert sent.status_code == 201, sent.text
    assert sent.json()["added_by"] == caseworker.id
    assert client.get("/api/v1/documents", headers=person.auth).json() == []
    [waiting] = client.get("/api/v1/inbox", headers=person.auth).json()
    assert waiting["id"] == sent.json()["id"] and waiting["added_by"] == caseworker.id
    assert client.get(f"/api/v1/documents/{waiting['id']}/content", headers=caseworker.auth).status_code == 404
    accepted = client.post(f"/api/v1/inbox/{waiting['id']}/accept", headers=person.auth)
    assert accepted.status_code == 200, accepted.text
    assert client.get(f"/api/v1/documents/{waiting['id']}/content", headers=caseworker.auth).content == b"%PDF-1.4 scanned at the office"


def test_adding_needs_the_add_permission(client: TestClient, runtime: Runtime) -> None:
    person, caseworker = make_user(client), make_caseworker(client, runtime, "claire")
    mandate(client, person, caseworker, ["payslip"], ["view"])
    refused = client.post("/api/v1/documents", content=b"x", params={"person": person.id, "filename": "x.pdf"},
                          headers={**caseworker.auth, "Content-Type": "application/pdf"})
    assert refused.status_code == 403
    assert client.get("/api/v1/inbox", headers=person.auth).json() == []


def test_every_caseworker_access_is_in_the_persons_journal_and_its_export(client: TestClient, runtime: Runtime) -> None:
    person, caseworker = make_user(client), make_caseworker(client, runtime, "claire")
    permit = upload(client, person, b"%PDF-1.4 permit", category="residence_permit")
    mandate(client, person, caseworker, ["residence_permit"], ["view", "add"])
    client.get("/api/v1/documents", params={"person": person.id}, headers=caseworker.auth)
    client.get(f"/api/v1/documents/{permit['id']}", headers=caseworker.auth)
    client.get(f"/api/v1/documents/{permit['id']}/content", headers=caseworker.auth)
    client.post("/api/v1/documents", content=b"%PDF x", params={"person": person.id, "filename": "x.pdf"},
                headers={**caseworker.auth, "Content-Type": "application/pdf"})
    entries = client.get("/api/v1/journal", headers=person.auth).json()
    by_caseworker = [(e["action"], e["actor"]) for e in reversed(entries) if e["actor_id"] == caseworker.id]
    assert by_caseworker == [
        ("mandate.requested", "Claire Martin (Centre Alpha)"), ("documents.listed", "Claire Martin (Centre Alpha)"),
        ("document.viewed", "Claire Martin (Centre Alpha)"), ("document.downloaded", "Claire Martin (Centre Alpha)"),
        ("document.added", "Claire Martin (Centre Alpha)"),
    ]
    exported = client.get("/api/v1/journal/export", params={"format": "json"}, headers=person.auth)
    assert exported.headers["content-disposition"] == 'attachment; filename="journal.json"'
    document = json.loads(exported.text)
    assert document["account_id"] == person.id and len(document["entries"]) == len(entries)
    table = list(csv.DictReader(io.StringIO(client.get("/api/v1/journal/export", headers=person.auth).text)))
    assert [row["action"] for row in table] == [e["action"] for e in reversed(entries)]
    assert table[-1]["entry_hash"] == entries[0]["entry_hash"]


def test_a_caseworkers_ranged_read_is_journaled_like_a_download(client: TestClient, runtime: Runtime) -> None:
    person, caseworker = make_user(client), make_caseworker(client, runtime, "claire")
    permit = upload(client, person, b"%PDF-1.4 permit", category="residence_permit")
    mandate(client, person, caseworker, ["residence_permit"], ["view"])
    tail = client.get(f"/api/v1/documents/{permit['id']}/content", headers={**caseworker.auth, "Range": "bytes=1-"})
    assert tail.status_code == 206 and tail.content == b"PDF-1.4 permit"
    client.get(f"/api/v1/documents/{permit['id']}/content", headers={**person.auth, "Range": "bytes=1-"})
    entries = client.get("/api/v1/journal", headers=person.auth).json()
    downloads = [e["actor_id"] for e in entries if e["action"] == "document.downloaded"]
    assert downloads == [caseworker.id]


def test_a_caseworker_name_cannot_become_a_spreadsheet_formula(client: TestClient, runtime: Runtime) -> None:
    person, caseworker = make_user(client), make_caseworker(client, runtime, "claire", name="=HYPERLINK(\"http://evil\")")
    mandate(client, person, caseworker, ["cv"], ["view"])
    table = list(csv.DictReader(io.StringIO(client.get("/api/v1/journal/export", headers=person.auth).text)))
    actors = {row["actor"] for row in table if row["actor_id"] == caseworker.id}
    assert actors == {"'=HYPERLINK(\"http://evil\") (Centre Alpha)"}


def test_revocation_takes_effect_on_the_very_next_request(client: TestClient, runtime: Runtime) -> None:
    person, caseworker = make_user(client), make_caseworker(client, runtime, "claire")
    permit = upload(client, person, b"%PDF-1.4 permit", category="residence_permit")
    mandate_id = mandate(client, person, caseworker, ["residence_permit"], ["view"])
    assert client.get(f"/api/v1/documents/{permit['id']}", headers=caseworker.auth).status_code == 200
    assert client.delete(f"/api/v1/mandates/{mandate_id}", headers=person.auth).status_code == 204
    assert client.get(f"/api/v1/documents/{permit['id']}", headers=caseworker.auth).status_code == 404
    assert client.get("/api/v1/documents", params={"person": person.id}, headers=caseworker.auth).status_code == 404
    assert client.get(f"/api/v1/mandates/{mandate_id}", headers=caseworker.auth).json()["status"] == "revoked"


def test_the_person_sees_who_the_caseworker_is(client: TestClient, runtime: Runtime) -> None:
    person, caseworker = make_user(client), make_caseworker(client, runtime, "claire")
    found = client.get("/api/v1/caseworkers/claire", headers=person.auth).json()
    assert found["name"] == "Claire Martin" and found["organisation"] == "Centre Alpha" and len(found["fingerprint"]) == 19
    assert client.get(f"/api/v1/caseworkers/{person.handle}", headers=caseworker.auth).status_code == 404


def test_openapi_documents_mandates_people_journal_and_recovery(client: TestClient) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in ("/api/v1/mandates", "/api/v1/mandates/{mandate_id}/approve", "/api/v1/people", "/api/v1/people/{person_id}",
                 "/api/v1/journal/export", "/api/v1/trustees", "/api/v1/recovery/claims/complete", "/api/v1/caseworkers"):
        assert path in paths, path
    assert "person" in {p["name"] for p in paths["/api/v1/documents"]["get"]["parameters"]}


def test_people_shows_permits_expiring_soon_only_from_the_scope(client: TestClient, runtime: Runtime) -> None:
    """Two residence permits expiring soon; the mandate names one of them only: the other is no reminder."""
    person, caseworker = make_user(client), make_caseworker(client, runtime, "claire")
    permits = {}
    for title, days_left in (("Titre A", 45), ("Titre B", 20)):
        made = upload(client, person, b"%PDF-1.4 " + title.encode(), title=title, category="residence_permit")
        expires_on = (runtime.clock().date() + timedelta(days=days_left)).isoformat()
        assert client.patch(f"/api/v1/documents/{made['id']}", headers=person.auth, json={"fields": {"expires_on": expires_on}}).status_code == 200
        permits[title] = str(made["id"])
    own = [(r["title"], r["days_left"]) for r in client.get("/api/v1/reminders", headers=person.auth).json()]
    assert sorted(own) == [("Titre A", 45), ("Titre B", 20)]
    asked = client.post("/api/v1/mandates", headers=caseworker.auth,
                        json={"person_handle": person.handle, "categories": ["residence_permit"], "permissions": ["view"], "days": 30})
    approved = client.post(f"/api/v1/mandates/{asked.json()['id']}/approve", headers=person.auth,
                           json={"categories": [], "document_ids": [permits["Titre A"]], "permissions": ["view"], "days": 30})
    assert approved.status_code == 200 and approved.json()["scope"]["document_ids"] == [permits["Titre A"]], approved.text
    listed = client.get("/api/v1/people", headers=caseworker.auth)
    [followed] = listed.json()
    assert followed["id"] == person.id and followed["documents"] == 1
    assert [(r["title"], r["days_left"]) for r in followed["reminders"]] == [("Titre A", 45)]
    one = client.get(f"/api/v1/people/{person.id}", headers=caseworker.auth)
    assert one.json()["reminders"] == followed["reminders"]
    for response in (listed, one):
        assert "Titre B" not in response.text and permits["Titre B"] not in response.text
    assert client.get("/api/v1/people", headers=person.auth).status_code == 403
