"""Documents through the API: upload, list, read, ranges, rename, categorise, delete, and hostile input."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select

from tests.conftest import make_user, upload
from vault.db.schema import documents, key_slots
from vault.runtime import Runtime


def blob_files(runtime: Runtime) -> list[Path]:
    root = runtime.settings.data_dir / "blobs"
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_upload_then_list_get_and_download_byte_exact(client: TestClient) -> None:
    user = make_user(client)
    data = os.urandom(200_000)
    doc = upload(client, user, data, filename="bulletin-mars.pdf", category="payslip")
    assert doc["size"] == len(data)
    assert doc["sha256"] == hashlib.sha256(data).hexdigest()
    assert doc["category"] == "payslip" and doc["category_source"] == "user"
    assert doc["title"] == "bulletin-mars"
    listed = client.get("/api/v1/documents", headers=user.auth).json()
    assert [d["id"] for d in listed] == [doc["id"]]
    content = client.get(f"/api/v1/documents/{doc['id']}/content", headers=user.auth)
    assert content.status_code == 200
    assert content.content == data
    assert content.headers["content-disposition"].startswith("attachment;")
    assert content.headers["x-content-type-options"] == "nosniff"


def test_range_requests_return_exact_slices(client: TestClient) -> None:
    user = make_user(client)
    data = os.urandom(3 * 65536 + 100)
    doc = upload(client, user, data)
    url = f"/api/v1/documents/{doc['id']}/content"
    for start, end in [(0, 0), (65535, 65536), (65536, 131071), (10, 200_000), (len(data) - 1, len(data) - 1)]:
        response = client.get(url, headers={**user.auth, "Range": f"bytes={start}-{end}"})
        assert response.status_code == 206
        assert response.content == data[start : end + 1]
        assert response.headers["content-range"] == f"bytes {start}-{min(end, len(data) - 1)}/{len(data)}"
    suffix = client.get(url, headers={**user.auth, "Range": "bytes=-10"})
    assert suffix.content == data[-10:]
    beyond = client.get(url, headers={**user.auth, "Range": f"bytes={len(data)}-"})
    assert beyond.status_code == 416
    assert beyond.json()["error"] == "range_not_satisfiable"


def test_rename_and_categorise(client: TestClient) -> None:
    user = make_user(client)
    doc = upload(client, user, b"%PDF-1.4 cv", filename="cv.pdf")
    assert doc["category"] == "other" and doc["category_source"] == "none"
    changed = client.patch(f"/api/v1/documents/{doc['id']}", headers=user.auth, json={"title": "Mon CV 2026", "category": "cv"})
    assert changed.status_code == 200
    assert changed.json()["title"] == "Mon CV 2026"
    assert changed.json()["category"] == "cv" and changed.json()["category_source"] == "user"
    bad = client.patch(f"/api/v1/documents/{doc['id']}", headers=user.auth, json={"category": "passport"})
    assert bad.status_code == 422
    empty = client.patch(f"/api/v1/documents/{doc['id']}", headers=user.auth, json={})
    assert empty.status_code == 422


def test_delete_removes_row_slots_and_blob(client: TestClient, runtime: Runtime) -> None:
    user = make_user(client)
    doc = upload(client, user, b"receipt")
    assert len(blob_files(runtime)) == 1
    assert client.delete(f"/api/v1/documents/{doc['id']}", headers=user.auth).status_code == 204
    assert client.get(f"/api/v1/documents/{doc['id']}", headers=user.auth).status_code == 404
    assert blob_files(runtime) == []
    with runtime.engine.connect() as conn:
        assert conn.execute(select(documents)).first() is None
        assert conn.execute(select(key_slots)).first() is None


def test_another_persons_document_answers_like_a_missing_one(client: TestClient) -> None:
    owner, stranger = make_user(client), make_user(client)
    doc = upload(client, owner, b"private")
    missing = "0" * 32
    for method, suffix in [("GET", ""), ("GET", "/content"), ("PATCH", ""), ("DELETE", "")]:
        kwargs = {"json": {"title": "x"}} if method == "PATCH" else {}
        theirs = client.request(method, f"/api/v1/documents/{doc['id']}{suffix}", headers=stranger.auth, **kwargs)
        absent = client.request(method, f"/api/v1/documents/{missing}{suffix}", headers=stranger.auth, **kwargs)
        assert theirs.status_code == absent.status_code == 404, (method, suffix)
        assert theirs.json() == absent.json()
    assert client.get("/api/v1/documents", headers=stranger.auth).json() == []
    assert client.get(f"/api/v1/documents/{doc['id']}/content", headers=owner.auth).content == b"private"


def test_empty_file_is_refused_and_leaves_nothing(client: TestClient, runtime: Runtime) -> None:
    user = make_user(client)
    response = client.post("/api/v1/documents", content=b"", params={"filename": "empty.pdf"}, headers={**user.auth, "Content-Type": "application/pdf"})
    assert response.status_code == 422
    assert response.json() == {"error": "invalid_input", "detail": "the file is empty"}
    assert blob_files(runtime) == []
    assert client.get("/api/v1/documents", headers=user.auth).json() == []


def test_body_over_the_limit_is_refused_and_leaves_nothing(client: TestClient, runtime: Runtime) -> None:
    user = make_user(client)
    limit = runtime.settings.max_upload_bytes
    declared = client.post("/api/v1/documents", content=b"x" * 10, headers={**user.auth, "Content-Type": "text/plain", "Content-Length": str(limit + 10**6)})
    assert declared.status_code == 413

    def stream():  # no Content-Length: the count must stop it
        sent = 0
        while sent <= limit:
            yield b"y" * 1024 * 1024
            sent += 1024 * 1024

    streamed = client.post("/api/v1/documents", content=stream(), headers={**user.auth, "Content-Type": "text/plain"})
    assert streamed.status_code == 413
    assert streamed.json()["error"] == "too_large"
    assert blob_files(runtime) == []
    assert client.get("/api/v1/documents", headers=user.auth).json() == []


def test_hostile_filenames_are_cleaned(client: TestClient) -> None:
    user = make_user(client)
    hostile = "../../etc/passwd\u202egpj.exe"
    doc = upload(client, user, b"data", filename=hostile, mime="image/svg+xml")
    assert doc["filename"] == "passwdgpj.exe"
    assert "\u202e" not in doc["title"] and "/" not in doc["filename"]
    svg = upload(client, user, b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", filename="x.svg", mime="image/svg+xml")
    served = client.get(f"/api/v1/documents/{svg['id']}/content", params={"inline": "true"}, headers=user.auth)
    assert served.headers["content-type"] == "application/octet-stream"
    assert served.headers["content-disposition"].startswith("attachment;")
    assert "sandbox" in served.headers["content-security-policy"]


def test_previews_are_inline_but_sandboxed(client: TestClient) -> None:
    user = make_user(client)
    doc = upload(client, user, b"\x89PNG\r\n\x1a\n fake", filename="photo été.png", mime="image/png")
    served = client.get(f"/api/v1/documents/{doc['id']}/content", params={"inline": "true"}, headers=user.auth)
    assert served.headers["content-type"] == "image/png"
    assert served.headers["content-disposition"] == "inline; filename=\"photo _t_.png\"; filename*=UTF-8''photo%20%C3%A9t%C3%A9.png"
    assert served.headers["content-security-policy"].startswith("sandbox")


def test_tampered_blob_fails_cleanly_and_serves_nothing(client: TestClient, runtime: Runtime) -> None:
    user = make_user(client)
    doc = upload(client, user, os.urandom(100_000))
    [blob] = blob_files(runtime)
    raw = bytearray(blob.read_bytes())
    raw[len(raw) // 2] ^= 0x01
    blob.write_bytes(bytes(raw))
    response = client.get(f"/api/v1/documents/{doc['id']}/content", headers=user.auth)
    assert response.status_code == 500
    assert response.json()["error"] == "document_damaged"
    assert client.get("/api/v1/documents", headers=user.auth).status_code == 200


def test_malformed_media_type_is_refused(client: TestClient) -> None:
    user = make_user(client)
    response = client.post("/api/v1/documents", content=b"x", headers={**user.auth, "Content-Type": "not a type"})
    assert response.status_code == 422


def test_multipart_form_upload_streams_the_file_part(client: TestClient) -> None:
    user = make_user(client)
    data = os.urandom(2 * 1024 * 1024 + 7)
    response = client.post(
        "/api/v1/documents", headers=user.auth,
        data={"title": "Titre de séjour", "category": "residence_permit"},
        files={"file": ("titre.jpg", data, "image/jpeg")},
    )
    assert response.status_code == 201, response.text
    doc = response.json()
    assert (doc["title"], doc["filename"], doc["mime"], doc["category"]) == ("Titre de séjour", "titre.jpg", "image/jpeg", "residence_permit")
    assert client.get(f"/api/v1/documents/{doc['id']}/content", headers=user.auth).content == data


def test_multipart_form_without_a_file_is_refused(client: TestClient) -> None:
    user = make_user(client)
    response = client.post("/api/v1/documents", headers=user.auth, data={"title": "nothing"}, files={"other": (None, "x")})
    assert response.status_code == 422
    assert response.json()["detail"] == "the form holds no file"
