"""Headers, cookies, CSRF and the API's description."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.conftest import PASSPHRASE, make_user, upload


def cookie_login(client: TestClient) -> tuple[str, str]:
    user = make_user(client)
    assert client.post("/api/v1/sessions", json={"handle": user.handle, "passphrase": PASSPHRASE}).status_code == 201
    me = client.get("/api/v1/sessions/current")
    assert me.status_code == 200
    return user.handle, me.json()["csrf_token"]


def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    for response in (client.get("/api/v1/openapi.json"), client.get("/api/v1/documents"), client.get("/nowhere")):
        csp = response.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert response.headers["cache-control"] == "no-store"


def test_unknown_route_is_json_404(client: TestClient) -> None:
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_cookie_change_without_csrf_token_is_refused(client: TestClient) -> None:
    cookie_login(client)
    refused = client.post("/api/v1/documents", content=b"x", headers={"Content-Type": "text/plain"})
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    assert client.get("/api/v1/documents").json() == []


def test_cookie_change_with_csrf_token_is_accepted(client: TestClient) -> None:
    _, csrf = cookie_login(client)
    accepted = client.post("/api/v1/documents", content=b"x", params={"filename": "a.txt"}, headers={"Content-Type": "text/plain", "X-CSRF-Token": csrf})
    assert accepted.status_code == 201


def test_cross_site_origin_is_refused_even_with_the_token(client: TestClient) -> None:
    _, csrf = cookie_login(client)
    response = client.post(
        "/api/v1/documents", content=b"x", headers={"Content-Type": "text/plain", "X-CSRF-Token": csrf, "Origin": "https://evil.example"}
    )
    assert response.status_code == 403


def test_multipart_cookie_upload_needs_the_csrf_field_before_the_file(client: TestClient) -> None:
    _, csrf = cookie_login(client)
    without = client.post("/api/v1/documents", files={"file": ("a.txt", b"abc", "text/plain")})
    assert without.status_code == 403
    with_field = client.post("/api/v1/documents", data={"csrf_token": csrf}, files={"file": ("a.txt", b"abc", "text/plain")})
    assert with_field.status_code == 201, with_field.text


def test_bearer_clients_need_no_csrf_token(client: TestClient) -> None:
    user = make_user(client)
    assert upload(client, user, b"abc")["size"] == 3


def test_openapi_documents_the_api(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    paths = spec["paths"]
    for path in ("/api/v1/accounts", "/api/v1/sessions", "/api/v1/sessions/current", "/api/v1/documents",
                 "/api/v1/documents/{document_id}", "/api/v1/documents/{document_id}/content",
                 "/api/v1/recovery", "/api/v1/account/passphrase"):
        assert path in paths, path
    assert "requestBody" in paths["/api/v1/documents"]["post"]


def test_multipart_body_does_not_excuse_the_csrf_token_elsewhere(client: TestClient) -> None:
    cookie_login(client)
    response = client.request("DELETE", "/api/v1/sessions/current", files={"file": ("a.txt", b"abc", "text/plain")})
    assert response.status_code == 403
    assert client.get("/api/v1/sessions/current").status_code == 200
