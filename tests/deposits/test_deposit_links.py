"""Deposit links through the API: someone without an account puts files into a person's
inbox, sealed to the person's public key; limits hold; the person keeps or deletes them."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import select

from keys.format import SLOT_SIZE
from tests.conftest import User, make_user
from vault import journal
from vault.db.schema import deposits, documents, key_slots
from vault.runtime import Runtime

PDF = b"%PDF-1.4\n" + b"bulletin de salaire mars 2026 " * 200
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(range(256)) * 20


def deposit_link(client: TestClient, owner: User, **options: object) -> dict[str, Any]:
    response = client.post("/api/v1/deposits", json=options, headers=owner.auth)
    assert response.status_code == 201, response.text
    made: dict[str, Any] = response.json()
    return made


def token_of(made: dict[str, Any]) -> str:
    return urlsplit(made["url"]).fragment


def send(client: TestClient, made: dict[str, Any], data: bytes = PDF, mime: str = "application/pdf", filename: str = "mars.pdf", token: str | None = None) -> Response:
    response: Response = client.post(
        f"/api/v1/deposit-links/{made['id']}/files", content=data, params={"filename": filename},
        headers={"Content-Type": mime, "X-Deposit-Token": token if token is not None else token_of(made)},
    )
    return response


def later(runtime: Runtime, **delta: float) -> None:
    moment = runtime.clock() + timedelta(**delta)
    runtime.clock = lambda: moment


def test_a_deposited_file_waits_in_the_inbox_until_accepted(client: TestClient, runtime: Runtime) -> None:
    owner = make_user(client)
    made = deposit_link(client, owner, max_uploads=3, label="Fiches de paie")
    assert made["url"].startswith(f"http://testserver/d/{made['id']}#") and len(token_of(made)) == 43
    sent = send(client, made)
    assert sent.status_code == 201 and sent.json() == {"remaining": 2}
    assert client.get("/api/v1/documents", headers=owner.auth).json() == []
    [waiting] = client.get("/api/v1/inbox", headers=owner.auth).json()
    assert (waiting["filename"], waiting["mime"], waiting["size"], waiting["added_by"]) == ("mars.pdf", "application/pdf", len(PDF), made["id"])
    content = client.get(f"/api/v1/documents/{waiting['id']}/content", headers=owner.auth)
    assert content.content == PDF, "the person can look at it before deciding"
    accepted = client.post(f"/api/v1/inbox/{waiting['id']}/accept", headers=owner.auth)
    assert accepted.status_code == 200
    assert client.get("/api/v1/inbox", headers=owner.auth).json() == []
    assert [d["id"] for d in client.get("/api/v1/documents", headers=owner.auth).json()] == [waiting["id"]]
    assert client.get("/api/v1/deposits", headers=owner.auth).json()[0]["uploads"] == 1


def test_the_document_key_is_sealed_to_the_owners_public_key(client: TestClient, runtime: Runtime) -> None:
    owner = make_user(client)
    made = deposit_link(client, owner)
    assert send(client, made).status_code == 201
    with runtime.engine.connect() as conn:
        slot = conn.execute(select(key_slots.c.principal_id, key_slots.c.sealed_key)).one()
        row = conn.execute(select(documents.c.inbox, documents.c.owner_id)).one()
        entries = [(e.action, e.actor_id) for e in journal.entries(conn, owner.id)]
    assert slot.principal_id == owner.id and len(slot.sealed_key) == SLOT_SIZE and slot.sealed_key[0] == 0x01
    assert tuple(row) == (True, owner.id)
    assert ("deposit.received", made["id"]) in entries


def test_the_uploader_learns_nothing_about_the_vault(client: TestClient) -> None:
    owner = make_user(client, display_name="Amina")
    made = deposit_link(client, owner, label="Boulangerie")
    state = client.get(f"/api/v1/deposit-links/{made['id']}")
    assert set(state.json()) == {"status", "language", "remaining", "expires_at", "max_bytes", "accepted"}
    page = client.get(f"/d/{made['id']}").text
    for secret in (owner.handle, "Amina", "Boulangerie", owner.id):
        assert secret not in state.text and secret not in page
    assert set(send(client, made).json()) == {"remaining"}


def test_a_wrong_token_answers_like_a_missing_link(client: TestClient) -> None:
    owner = make_user(client)
    made = deposit_link(client, owner)
    wrong = send(client, made, token="A" * 43)
    missing = send(client, {"id": "0" * 32, "url": made["url"]})
    none = send(client, made, token="")
    assert wrong.status_code == missing.status_code == none.status_code == 404
    assert wrong.json() == missing.json() == none.json()
    assert client.get("/api/v1/inbox", headers=owner.auth).json() == []


def test_wrong_tokens_are_limited_per_client(client: TestClient) -> None:
    owner = make_user(client)
    made = deposit_link(client, owner)
    statuses = [send(client, made, token=chr(65 + n % 26) * 43).status_code for n in range(31)]
    assert statuses[:30] == [404] * 30 and statuses[30] == 429
    assert send(client, made).status_code == 429


def test_the_link_takes_only_its_number_of_files(client: TestClient) -> None:
    owner = make_user(client)
    made = deposit_link(client, owner, max_uploads=2)
    assert [send(client, made).json()["remaining"] for _ in range(2)] == [1, 0]
    refused = send(client, made)
    assert refused.status_code == 410 and refused.json()["error"] == "link_used_up"
    assert len(client.get("/api/v1/inbox", headers=owner.auth).json()) == 2


def test_revoked_and_expired_links_take_nothing(client: TestClient, runtime: Runtime) -> None:
    owner = make_user(client)
    stopped, short = deposit_link(client, owner), deposit_link(client, owner, expires_in_hours=1)
    assert client.delete(f"/api/v1/deposits/{stopped['id']}", headers=owner.auth).status_code == 204
    assert send(client, stopped).json()["error"] == "link_revoked"
    later(runtime, minutes=61)
    expired = send(client, short)
    assert expired.status_code == 410 and expired.json()["error"] == "link_expired"
    assert client.get(f"/api/v1/deposit-links/{short['id']}").json()["status"] == "expired"


def test_only_pdfs_and_photos_whose_bytes_match_their_type(client: TestClient, runtime: Runtime) -> None:
    owner = make_user(client)
    made = deposit_link(client, owner, max_uploads=1)
    for data, mime in ((b"hello", "text/plain"), (b"<svg onload=alert(1)>", "image/svg+xml"), (b"<html><script>", "application/pdf"), (PDF, "image/jpeg")):
        refused = send(client, made, data=data, mime=mime)
        assert refused.status_code == 415, (mime, refused.text)
    assert send(client, made, data=b"", mime="application/pdf").status_code == 422
    assert send(client, made, data=JPEG, mime="image/jpg", filename="photo.jpg").status_code == 201, "refused files spent no upload"
    assert client.get("/api/v1/inbox", headers=owner.auth).json()[0]["mime"] == "image/jpeg"


def test_a_file_over_the_limit_is_refused_and_leaves_nothing(client: TestClient, runtime: Runtime) -> None:
    owner = make_user(client)
    made = deposit_link(client, owner, max_uploads=1)
    limit = client.get(f"/api/v1/deposit-links/{made['id']}").json()["max_bytes"]
    too_large = send(client, made, data=b"%PDF-" + bytes(limit))
    assert too_large.status_code == 413
    assert client.get("/api/v1/inbox", headers=owner.auth).json() == []
    with runtime.engine.connect() as conn:
        assert conn.execute(select(deposits.c.uploads)).scalar_one() == 0
    assert list(runtime.blobs.list("documents/")) == []


def test_a_browser_form_streams_with_the_token_before_the_file(client: TestClient) -> None:
    owner = make_user(client)
    made = deposit_link(client, owner)
    sent = client.post(
        f"/api/v1/deposit-links/{made['id']}/files", data={"token": token_of(made)}, files={"file": ("avril.pdf", PDF, "application/pdf")},
    )
    assert sent.status_code == 201, sent.text
    assert client.get("/api/v1/inbox", headers=owner.auth).json()[0]["filename"] == "avril.pdf"


def test_deleting_from_the_inbox_removes_the_document_and_its_blob(client: TestClient, runtime: Runtime) -> None:
    owner = make_user(client)
    made = deposit_link(client, owner)
    send(client, made)
    [waiting] = client.get("/api/v1/inbox", headers=owner.auth).json()
    assert client.delete(f"/api/v1/inbox/{waiting['id']}", headers=owner.auth).status_code == 204
    assert client.get("/api/v1/inbox", headers=owner.auth).json() == []
    assert list(runtime.blobs.list("documents/")) == []
    assert client.post(f"/api/v1/inbox/{waiting['id']}/accept", headers=owner.auth).status_code == 404


def test_the_inbox_holds_only_deposits_and_only_ones_own(client: TestClient) -> None:
    owner, stranger = make_user(client), make_user(client)
    own = client.post("/api/v1/documents", content=PDF, headers={**owner.auth, "Content-Type": "application/pdf"}).json()
    assert client.post(f"/api/v1/inbox/{own['id']}/accept", headers=owner.auth).status_code == 404
    assert client.delete(f"/api/v1/inbox/{own['id']}", headers=owner.auth).status_code == 404
    made = deposit_link(client, owner)
    send(client, made)
    [waiting] = client.get("/api/v1/inbox", headers=owner.auth).json()
    assert client.get("/api/v1/inbox", headers=stranger.auth).json() == []
    theirs = client.post(f"/api/v1/inbox/{waiting['id']}/accept", headers=stranger.auth)
    nothing = client.post(f"/api/v1/inbox/{'0' * 32}/accept", headers=stranger.auth)
    assert theirs.status_code == nothing.status_code == 404 and theirs.json() == nothing.json()


def test_another_persons_deposit_link_answers_like_a_missing_one(client: TestClient) -> None:
    owner, stranger = make_user(client), make_user(client)
    made = deposit_link(client, owner)
    for method, body in (("GET", None), ("PATCH", {"label": "x"}), ("DELETE", None)):
        theirs = client.request(method, f"/api/v1/deposits/{made['id']}", json=body, headers=stranger.auth)
        nothing = client.request(method, f"/api/v1/deposits/{'0' * 32}", json=body, headers=stranger.auth)
        assert theirs.status_code == nothing.status_code == 404 and theirs.json() == nothing.json()
    assert client.get(f"/api/v1/deposits/{made['id']}", headers=owner.auth).json()["status"] == "active"


def test_a_deposit_link_can_change_its_expiry_files_and_label(client: TestClient, runtime: Runtime) -> None:
    owner = make_user(client)
    made = deposit_link(client, owner, max_uploads=1)
    send(client, made)
    more = client.patch(f"/api/v1/deposits/{made['id']}", json={"max_uploads": 3, "expires_in_hours": 720, "label": "École"}, headers=owner.auth).json()
    assert (more["max_uploads"], more["status"], more["label"]) == (3, "active", "École") and more["expires_at"] > made["expires_at"]
    assert send(client, made).status_code == 201
    for bad in ({"max_uploads": 0}, {"max_uploads": 51}, {"expires_in_hours": 2161}, {}):
        assert client.patch(f"/api/v1/deposits/{made['id']}", json=bad, headers=owner.auth).status_code == 422, bad
    with runtime.engine.connect() as conn:
        actions = [e.action for e in journal.entries(conn, owner.id)]
    assert actions.count("deposit.received") == 2 and "deposit.created" in actions and "deposit.changed" in actions


def test_openapi_documents_the_deposit_and_inbox_endpoints(client: TestClient) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert set(paths["/api/v1/deposits"]) == {"get", "post"}
    assert set(paths["/api/v1/deposits/{deposit_id}"]) == {"get", "patch", "delete"}
    for path in ("/api/v1/inbox", "/api/v1/inbox/{document_id}/accept", "/api/v1/deposit-links/{deposit_id}/files"):
        assert path in paths, path
    assert "requestBody" in paths["/api/v1/deposit-links/{deposit_id}/files"]["post"]
