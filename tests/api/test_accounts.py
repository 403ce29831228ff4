"""Accounts, sessions, passphrase change and recovery through the API."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient

from tests.conftest import PASSPHRASE, make_user
from vault.runtime import Runtime

NEW_PASSPHRASE = "a brand new passphrase here"


def test_sign_up_returns_a_recovery_code_once(client: TestClient) -> None:
    response = client.post("/api/v1/accounts", json={"handle": "Amina.K", "passphrase": PASSPHRASE, "language": "ar"})
    assert response.status_code == 201
    body = response.json()
    assert body["handle"] == "amina.k"
    assert len(body["id"]) == 32
    assert len(body["recovery_code"].replace("-", "").replace(" ", "")) >= 26


def test_taken_handle_is_a_conflict(client: TestClient) -> None:
    make_user(client, "samir")
    response = client.post("/api/v1/accounts", json={"handle": "SAMIR", "passphrase": PASSPHRASE})
    assert response.status_code == 409
    assert response.json()["error"] == "conflict"


def test_weak_or_short_passphrases_are_refused_with_a_reason(client: TestClient) -> None:
    for weak in ("short", "aaaaaaaaaaaaaaa", "azertyuiop", "myhandle-is-here"):
        response = client.post("/api/v1/accounts", json={"handle": "myhandle", "passphrase": weak})
        assert response.status_code == 422, weak
        assert response.json()["error"] == "invalid_input"
        assert "passphrase" in response.json()["detail"]


def test_bad_handles_are_refused(client: TestClient) -> None:
    for handle in ("a", "../etc", "x" * 40, "name with space", "<script>"):
        response = client.post("/api/v1/accounts", json={"handle": handle, "passphrase": PASSPHRASE})
        assert response.status_code == 422, handle


def test_login_gives_a_fresh_token_each_time(client: TestClient) -> None:
    user = make_user(client)
    again = client.post("/api/v1/sessions", json={"handle": user.handle, "passphrase": PASSPHRASE})
    assert again.status_code == 201
    assert again.json()["token"] != user.token
    assert len(again.json()["token"]) > 64
    cookie = again.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie


def test_wrong_passphrase_and_unknown_handle_answer_alike(client: TestClient) -> None:
    user = make_user(client)
    wrong = client.post("/api/v1/sessions", json={"handle": user.handle, "passphrase": "not the passphrase at all"})
    unknown = client.post("/api/v1/sessions", json={"handle": "nobody-here", "passphrase": "not the passphrase at all"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()


def test_login_attempts_are_limited(client: TestClient, runtime: Runtime) -> None:
    user = make_user(client)
    for _ in range(runtime.settings.login_attempts_per_15min):
        assert client.post("/api/v1/sessions", json={"handle": user.handle, "passphrase": "wrong wrong wrong"}).status_code == 401
    blocked = client.post("/api/v1/sessions", json={"handle": user.handle, "passphrase": PASSPHRASE})
    assert blocked.status_code == 429
    assert blocked.json()["error"] == "rate_limited"
    assert int(blocked.headers["retry-after"]) > 0


def test_logout_deletes_the_session(client: TestClient) -> None:
    user = make_user(client)
    assert client.delete("/api/v1/sessions/current", headers=user.auth).status_code == 204
    after = client.get("/api/v1/documents", headers=user.auth)
    assert after.status_code == 401
    assert after.json()["error"] == "unauthenticated"


def test_garbage_and_forged_tokens_are_refused(client: TestClient) -> None:
    user = make_user(client)
    session_id = user.token.split(".")[0]
    for token in ("nonsense", session_id + "." + "A" * 43, user.token[:-2] + "xx", ""):
        response = client.get("/api/v1/documents", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401, token


def test_idle_session_expires(client: TestClient, runtime: Runtime) -> None:
    user = make_user(client)
    real_clock = runtime.clock
    runtime.clock = lambda: real_clock() + timedelta(minutes=runtime.settings.session_idle_minutes, seconds=1)
    try:
        response = client.get("/api/v1/documents", headers=user.auth)
    finally:
        runtime.clock = real_clock
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]
    assert client.get("/api/v1/documents", headers=user.auth).status_code == 401


def test_absolute_timeout_holds_even_for_an_active_session(client: TestClient, runtime: Runtime) -> None:
    user = make_user(client)
    real_clock = runtime.clock
    start = real_clock()
    try:
        for minutes in range(0, runtime.settings.session_absolute_hours * 60 + 1, 25):
            runtime.clock = lambda m=minutes: start + timedelta(minutes=m)
            status = client.get("/api/v1/documents", headers=user.auth).status_code
            if minutes < runtime.settings.session_absolute_hours * 60:
                assert status == 200, minutes
        runtime.clock = lambda: start + timedelta(hours=runtime.settings.session_absolute_hours)
        assert client.get("/api/v1/documents", headers=user.auth).status_code == 401
    finally:
        runtime.clock = real_clock


def test_passphrase_change_keeps_documents_and_closes_other_sessions(client: TestClient) -> None:
    user = make_user(client)
    doc = client.post("/api/v1/documents", content=b"payslip", params={"filename": "p.txt"}, headers={**user.auth, "Content-Type": "text/plain"}).json()
    other = client.post("/api/v1/sessions", json={"handle": user.handle, "passphrase": PASSPHRASE}).json()["token"]
    wrong = client.put("/api/v1/account/passphrase", headers=user.auth, json={"current_passphrase": "nope nope nope", "new_passphrase": NEW_PASSPHRASE})
    assert wrong.status_code == 401
    changed = client.put("/api/v1/account/passphrase", headers=user.auth, json={"current_passphrase": PASSPHRASE, "new_passphrase": NEW_PASSPHRASE})
    assert changed.status_code == 204
    assert client.get("/api/v1/documents", headers={"Authorization": f"Bearer {other}"}).status_code == 401
    assert client.get(f"/api/v1/documents/{doc['id']}", headers=user.auth).status_code == 200
    assert client.post("/api/v1/sessions", json={"handle": user.handle, "passphrase": PASSPHRASE}).status_code == 401
    fresh = client.post("/api/v1/sessions", json={"handle": user.handle, "passphrase": NEW_PASSPHRASE}).json()["token"]
    content = client.get(f"/api/v1/documents/{doc['id']}/content", headers={"Authorization": f"Bearer {fresh}"})
    assert content.content == b"payslip"


def test_recovery_code_resets_the_passphrase_and_keeps_documents(client: TestClient) -> None:
    user = make_user(client)
    doc = client.post("/api/v1/documents", content=b"titre de sejour", params={"filename": "t.txt"}, headers={**user.auth, "Content-Type": "text/plain"}).json()
    typed = user.recovery_code.lower().replace("-", " ")
    response = client.post("/api/v1/recovery", json={"handle": user.handle, "recovery_code": typed, "new_passphrase": NEW_PASSPHRASE})
    assert response.status_code == 201, response.text
    token = response.json()["token"]
    assert client.get("/api/v1/documents", headers=user.auth).status_code == 401
    content = client.get(f"/api/v1/documents/{doc['id']}/content", headers={"Authorization": f"Bearer {token}"})
    assert content.content == b"titre de sejour"
    assert client.post("/api/v1/sessions", json={"handle": user.handle, "passphrase": NEW_PASSPHRASE}).status_code == 201


def test_wrong_recovery_code_is_refused_and_limited(client: TestClient, runtime: Runtime) -> None:
    user = make_user(client)
    other = make_user(client)
    for _ in range(runtime.settings.login_attempts_per_15min):
        response = client.post("/api/v1/recovery", json={"handle": user.handle, "recovery_code": other.recovery_code, "new_passphrase": NEW_PASSPHRASE})
        assert response.status_code == 401
    blocked = client.post("/api/v1/recovery", json={"handle": user.handle, "recovery_code": user.recovery_code, "new_passphrase": NEW_PASSPHRASE})
    assert blocked.status_code == 429


def test_malformed_json_is_a_clear_error(client: TestClient) -> None:
    response = client.post("/api/v1/accounts", content=b"{not json", headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert response.json()["error"] == "invalid_input"
    extra = client.post("/api/v1/accounts", json={"handle": "abc", "passphrase": PASSPHRASE, "admin": True})
    assert extra.status_code == 422


def test_sign_up_cannot_make_a_caseworker_and_creates_no_account_when_asked_to(client: TestClient) -> None:
    for extra in ({"kind": "caseworker"}, {"kind": "caseworker", "organisation_id": "0" * 32}, {"organisation": "Centre Alpha"}):
        refused = client.post("/api/v1/accounts", json={"handle": "posing", "passphrase": PASSPHRASE, **extra})
        assert refused.status_code == 422 and refused.json()["error"] == "invalid_input", extra
        assert client.post("/api/v1/sessions", json={"handle": "posing", "passphrase": PASSPHRASE}).status_code == 401, extra
    person = make_user(client, "posing")
    assert client.get("/api/v1/sessions/current", headers=person.auth).json()["kind"] == "person"
    assert client.get("/api/v1/people", headers=person.auth).status_code == 403
