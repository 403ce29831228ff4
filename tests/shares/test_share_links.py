"""Share links end to end through the API: the recipient opens exactly what was shared,
with the secret that only the fragment carries; opens, PINs, expiry and revocation hold."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select

from keys import DecryptionError, derive_key, open_link_slot
from tests.conftest import User, make_user, upload
from tests.shares.recipient import Link, open_link, parse, read_all, share, unbase
from vault import journal
from vault.db.schema import share_documents, share_opens, shares
from vault.runtime import Runtime
from vault.shares.credentials import proof_of

CV = b"%PDF-1.4 curriculum vitae " * 500
PERMIT = b"\xff\xd8\xff\xe0 titre de sejour " * 300


def later(runtime: Runtime, **delta: float) -> None:
    """Move the service's clock forward."""
    moment = runtime.clock() + timedelta(**delta)
    runtime.clock = lambda: moment


def log_in_again(client: TestClient, user: User) -> None:
    """After moving the clock past the session's idle timeout."""
    session = client.post("/api/v1/sessions", json={"handle": user.handle, "passphrase": user.passphrase})
    assert session.status_code == 201, session.text
    client.cookies.clear()
    user.token = session.json()["token"]


def test_recipient_opens_exactly_the_shared_documents(client: TestClient) -> None:
    owner = make_user(client)
    cv = upload(client, owner, CV, filename="cv.pdf", title="CV Amina")
    permit = upload(client, owner, PERMIT, filename="titre.jpg", mime="image/jpeg")
    upload(client, owner, b"not shared", filename="private.txt", mime="text/plain")
    made = share(client, owner.auth, [str(cv["id"]), str(permit["id"])], label="Boulangerie du Marché")
    link = parse(made["url"])
    opened = open_link(client, link)
    assert opened.status_code == 200, opened.text
    documents = read_all(client, link, opened.json())
    assert [d.content for d in documents] == [CV, PERMIT]
    assert [d.metadata["title"] for d in documents] == ["CV Amina", "titre"]
    assert documents[0].metadata["filename"] == "cv.pdf"


def test_the_link_is_an_id_in_the_path_and_a_256_bit_secret_in_the_fragment(client: TestClient) -> None:
    owner = make_user(client)
    doc = upload(client, owner, CV)
    made = share(client, owner.auth, [str(doc["id"])])
    path, _, fragment = made["url"].partition("#")
    assert path == f"http://testserver/s/{made['id']}" and len(made["id"]) == 32
    assert len(fragment) == 43 and len(parse(made["url"]).secret) == 32
    assert "url" not in client.get(f"/api/v1/shares/{made['id']}", headers=owner.auth).json()


def test_the_database_holds_neither_the_secret_nor_the_link_key(client: TestClient, runtime: Runtime) -> None:
    owner = make_user(client)
    doc = upload(client, owner, CV)
    made = share(client, owner.auth, [str(doc["id"])], label="Boulangerie du Marché", pin="4321")
    link = parse(made["url"])
    forbidden = [link.secret, derive_key(link.secret, "vault/v1/link|" + link.id), proof_of(link.secret, link.id), b"Boulangerie", b"4321"]
    with runtime.engine.connect() as conn:
        stored = [*conn.execute(select(shares)).one(), *conn.execute(select(share_documents)).one()]
    blobs = [value for value in stored if isinstance(value, bytes)]
    assert blobs and not [secret for secret in forbidden for value in blobs if secret in value]


def test_a_wrong_proof_is_refused_and_spends_no_open(client: TestClient) -> None:
    owner = make_user(client)
    doc = upload(client, owner, CV)
    made = share(client, owner.auth, [str(doc["id"])], max_opens=1)
    link = parse(made["url"])
    damaged = Link(link.id, bytes(32))
    refused = open_link(client, damaged)
    assert refused.status_code == 403 and refused.json()["error"] == "link_damaged"
    assert open_link(client, link).status_code == 200


def test_a_one_open_link_opens_once_and_its_slots_are_shredded(client: TestClient, runtime: Runtime) -> None:
    owner = make_user(client)
    doc = upload(client, owner, CV)
    link = parse(share(client, owner.auth, [str(doc["id"])], max_opens=1)["url"])
    first = open_link(client, link)
    assert first.status_code == 200
    second = open_link(client, link)
    assert second.status_code == 410 and second.json()["error"] == "link_used_up"
    with runtime.engine.connect() as conn:
        assert conn.execute(select(share_documents.c.link_slot)).scalars().all() == [None]
    assert [d.content for d in read_all(client, link, first.json())] == [CV], "the granted open may still fetch its ciphertext"
    assert client.get(f"/api/v1/shares/{link.id}", headers=owner.auth).json()["status"] == "used_up"


def test_the_pin_is_asked_and_checked_by_the_server(client: TestClient) -> None:
    owner = make_user(client)
    doc = upload(client, owner, CV)
    link = parse(share(client, owner.auth, [str(doc["id"])], pin="482913")["url"])
    state = client.get(f"/api/v1/links/{link.id}").json()
    assert state["needs_pin"] is True and state["status"] == "active"
    assert open_link(client, link).json()["error"] == "pin_required"
    wrong = open_link(client, link, pin="000000")
    assert wrong.status_code == 403 and wrong.json() == {"error": "wrong_pin", "detail": "the PIN is wrong; 4 tries left", "tries_left": 4}
    assert open_link(client, link, pin="482913").status_code == 200


def test_five_wrong_pins_lock_the_link_even_for_the_right_pin(client: TestClient, runtime: Runtime) -> None:
    owner = make_user(client)
    doc = upload(client, owner, CV)
    link = parse(share(client, owner.auth, [str(doc["id"])], pin="2468")["url"])
    answers = [open_link(client, link, pin=pin).json() for pin in ("1111", "abcd", "12", "99999999", "1357")]
    assert [a.get("tries_left") for a in answers] == [4, 3, 2, 1, None]
    assert answers[-1]["error"] == "link_locked"
    locked = open_link(client, link, pin="2468")
    assert locked.status_code == 410 and locked.json()["error"] == "link_locked"
    with runtime.engine.connect() as conn:
        assert conn.execute(select(share_documents.c.link_slot)).scalars().all() == [None]
        assert "share.locked" in [e.action for e in journal.entries(conn, owner.id)]


def test_wrong_attempts_are_limited_per_client_across_links(client: TestClient) -> None:
    owner = make_user(client)
    doc = upload(client, owner, CV)
    link = parse(share(client, owner.auth, [str(doc["id"])])["url"])
    statuses = [open_link(client, Link(link.id, bytes([n]) * 32)).status_code for n in range(31)]
    assert statuses[:30] == [403] * 30 and statuses[30] == 429
    assert open_link(client, link).status_code == 429


def test_revocation_takes_effect_on_the_next_request(client: TestClient, runtime: Runtime) -> None:
    owner = make_user(client)
    doc = upload(client, owner, CV)
    link = parse(share(client, owner.auth, [str(doc["id"])])["url"])
    opened = open_link(client, link).json()
    assert client.delete(f"/api/v1/shares/{link.id}", headers=owner.auth).status_code == 204
    refused = open_link(client, link)
    assert refused.status_code == 410 and refused.json()["error"] == "link_revoked"
    blob = client.get(f"/api/v1/links/{link.id}/documents/{doc['id']}", headers={"X-Link-Access": opened["access_token"]})
    assert blob.status_code == 410
    with runtime.engine.connect() as conn:
        assert conn.execute(select(share_documents.c.link_slot)).scalars().all() == [None]
    assert client.delete(f"/api/v1/shares/{link.id}", headers=owner.auth).status_code == 204


def test_an_expired_link_refuses_and_cannot_be_revived(client: TestClient, runtime: Runtime) -> None:
    owner = make_user(client)
    doc = upload(client, owner, CV)
    made = share(client, owner.auth, [str(doc["id"])], expires_in_hours=1)
    link = parse(made["url"])
    later(runtime, minutes=61)
    refused = open_link(client, link)
    assert refused.status_code == 410 and refused.json()["error"] == "link_expired"
    assert client.get(f"/api/v1/links/{link.id}").json()["status"] == "expired"
    log_in_again(client, owner)
    revived = client.patch(f"/api/v1/shares/{link.id}", json={"expires_in_hours": 24}, headers=owner.auth)
    assert revived.status_code == 409


def test_expiry_is_one_hour_to_ninety_days_seven_by_default_and_can_change(client: TestClient, runtime: Runtime) -> None:
    owner = make_user(client)
    doc = str(upload(client, owner, CV)["id"])
    for hours in (0, 2161):
        assert client.post("/api/v1/shares", json={"document_ids": [doc], "expires_in_hours": hours}, headers=owner.auth).status_code == 422
    made = share(client, owner.auth, [doc])
    assert client.get(f"/api/v1/shares/{made['id']}", headers=owner.auth).json()["expires_at"] == made["expires_at"]
    changed = client.patch(f"/api/v1/shares/{made['id']}", json={"expires_in_hours": 2160}, headers=owner.auth).json()
    assert changed["expires_at"] > made["expires_at"]
    later(runtime, days=8)
    assert open_link(client, parse(made["url"])).status_code == 200


def test_pins_are_four_to_eight_digits(client: TestClient) -> None:
    owner = make_user(client)
    doc = str(upload(client, owner, CV)["id"])
    for pin in ("123", "123456789", "12a4", "١٢٣٤"):
        assert client.post("/api/v1/shares", json={"document_ids": [doc], "pin": pin}, headers=owner.auth).status_code == 422, pin


def test_another_persons_link_answers_like_a_missing_one(client: TestClient) -> None:
    owner, stranger = make_user(client), make_user(client)
    made = share(client, owner.auth, [str(upload(client, owner, CV)["id"])])
    missing = "0" * 32
    for method, body in (("GET", None), ("PATCH", {"label": "x"}), ("DELETE", None)):
        theirs = client.request(method, f"/api/v1/shares/{made['id']}", json=body, headers=stranger.auth)
        nothing = client.request(method, f"/api/v1/shares/{missing}", json=body, headers=stranger.auth)
        assert theirs.status_code == nothing.status_code == 404
        assert theirs.json() == nothing.json()
    assert client.get("/api/v1/shares", headers=stranger.auth).json() == []
    assert client.get(f"/api/v1/shares/{made['id']}", headers=owner.auth).json()["status"] == "active"


def test_only_ones_own_documents_can_be_shared(client: TestClient) -> None:
    owner, stranger = make_user(client), make_user(client)
    theirs = str(upload(client, stranger, CV)["id"])
    mine = str(upload(client, owner, CV)["id"])
    refused = client.post("/api/v1/shares", json={"document_ids": [mine, theirs]}, headers=owner.auth)
    missing = client.post("/api/v1/shares", json={"document_ids": [mine, "f" * 32]}, headers=owner.auth)
    assert refused.status_code == missing.status_code == 404 and refused.json() == missing.json()
    assert client.get("/api/v1/shares", headers=owner.auth).json() == []


def test_deleting_a_document_deletes_its_link_slots(client: TestClient, runtime: Runtime) -> None:
    owner = make_user(client)
    kept, deleted = (str(upload(client, owner, data)["id"]) for data in (CV, PERMIT))
    link = parse(share(client, owner.auth, [kept, deleted])["url"])
    assert client.delete(f"/api/v1/documents/{deleted}", headers=owner.auth).status_code == 204
    with runtime.engine.connect() as conn:
        assert conn.execute(select(share_documents.c.document_id)).scalars().all() == [kept]
    opened = open_link(client, link).json()
    assert [d["id"] for d in opened["documents"]] == [kept]


def test_opens_are_logged_for_the_owner_and_journaled_without_secrets(client: TestClient, runtime: Runtime) -> None:
    owner = make_user(client)
    doc = str(upload(client, owner, CV)["id"])
    made = share(client, owner.auth, [doc], max_opens=3)
    link = parse(made["url"])
    for _ in range(2):
        assert open_link(client, link).status_code == 200
    seen = client.get(f"/api/v1/shares/{link.id}", headers=owner.auth).json()
    assert seen["opens"] == 2 and len(seen["opened_at"]) == 2 and seen["last_opened_at"] == seen["opened_at"][0]
    client.delete(f"/api/v1/shares/{link.id}", headers=owner.auth)
    with runtime.engine.connect() as conn:
        entries = [e for e in journal.entries(conn, owner.id) if e.action.startswith("share.")]
        assert journal.verify(conn, owner.id) is None
    assert [(e.action, e.actor_id, e.document_id) for e in entries] == [
        ("share.created", owner.id, doc), ("share.opened", link.id, doc), ("share.opened", link.id, doc), ("share.revoked", owner.id, doc),
    ]


def test_the_access_token_fetches_only_this_links_documents_for_a_while(client: TestClient, runtime: Runtime) -> None:
    owner = make_user(client)
    shared, other = (str(upload(client, owner, data)["id"]) for data in (CV, PERMIT))
    link = parse(share(client, owner.auth, [shared])["url"])
    access = {"X-Link-Access": open_link(client, link).json()["access_token"]}
    assert client.get(f"/api/v1/links/{link.id}/documents/{shared}", headers=access).status_code == 200
    assert client.get(f"/api/v1/links/{link.id}/documents/{other}", headers=access).status_code == 404
    assert client.get(f"/api/v1/links/{link.id}/documents/{shared}", headers={"X-Link-Access": "x" * 43}).status_code == 404
    later(runtime, minutes=31)
    assert client.get(f"/api/v1/links/{link.id}/documents/{shared}", headers=access).status_code == 404


def test_ended_links_are_purged_slots_at_once_rows_after_thirty_days(client: TestClient, runtime: Runtime) -> None:
    owner = make_user(client)
    doc = str(upload(client, owner, CV)["id"])
    made = share(client, owner.auth, [doc], expires_in_hours=1)
    later(runtime, hours=2)
    log_in_again(client, owner)
    listed = client.get("/api/v1/shares", headers=owner.auth).json()
    assert [(s["id"], s["status"]) for s in listed] == [(made["id"], "expired")]
    with runtime.engine.connect() as conn:
        assert conn.execute(select(share_documents.c.link_slot)).scalars().all() == [None]
    later(runtime, days=31)
    log_in_again(client, owner)
    assert client.get("/api/v1/shares", headers=owner.auth).json() == []
    with runtime.engine.connect() as conn:
        assert conn.execute(select(shares)).all() == [] and conn.execute(select(share_opens)).all() == []


def test_a_link_slot_opens_only_with_the_secret_of_its_own_link(client: TestClient, runtime: Runtime) -> None:
    owner = make_user(client)
    doc = str(upload(client, owner, CV)["id"])
    one, two = (parse(share(client, owner.auth, [doc])["url"]) for _ in range(2))
    slot = unbase(open_link(client, one).json()["documents"][0]["link_slot"])
    assert len(open_link_slot(slot, one.secret, one.id)) == 32
    for secret, link_id in ((two.secret, two.id), (two.secret, one.id), (one.secret, two.id)):
        try:
            open_link_slot(slot, secret, link_id)
        except DecryptionError:
            continue
        raise AssertionError("a slot opened with another link's secret or id")


def test_labels_are_sealed_and_read_back_by_their_owner(client: TestClient, runtime: Runtime) -> None:
    owner = make_user(client)
    made = share(client, owner.auth, [str(upload(client, owner, CV)["id"])], label="Boulangerie du Marché")
    assert made["label"] == "Boulangerie du Marché"
    relabelled = client.patch(f"/api/v1/shares/{made['id']}", json={"label": "École Jules Ferry"}, headers=owner.auth).json()
    assert relabelled["label"] == "École Jules Ferry"
    with runtime.engine.connect() as conn:
        sealed = conn.execute(select(shares.c.sealed_label)).scalar_one()
    assert "École".encode() not in sealed and b"Jules" not in sealed


def test_recipient_answers_forbid_indexing_caching_and_referrers(client: TestClient) -> None:
    owner = make_user(client)
    link = parse(share(client, owner.auth, [str(upload(client, owner, CV)["id"])])["url"])
    for response in (client.get(f"/api/v1/links/{link.id}"), open_link(client, link), client.get(f"/api/v1/links/{'0' * 32}")):
        assert response.headers["x-robots-tag"] == "noindex, nofollow"
        assert response.headers["cache-control"] == "no-store"
        assert response.headers["referrer-policy"] == "no-referrer"


def test_openapi_documents_the_share_and_link_endpoints(client: TestClient) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert set(paths["/api/v1/shares"]) == {"get", "post"}
    assert set(paths["/api/v1/shares/{share_id}"]) == {"get", "patch", "delete"}
    for path in ("/api/v1/links/{share_id}", "/api/v1/links/{share_id}/open", "/api/v1/links/{share_id}/documents/{document_id}"):
        assert path in paths, path
