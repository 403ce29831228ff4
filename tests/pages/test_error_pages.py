"""Error pages: an unknown address and a file over the limit are explained in HTML, in the person's
language; the JSON API keeps its JSON answers."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.conftest import make_settings, make_user
from tests.pages.browse import document_ids, inline_code, shown, sign_up, token_of, upload
from vault.bootstrap import build_runtime, close_runtime
from vault.runtime import Runtime
from web.app import create_app

UPLOAD_LIMIT = 4096


@pytest.fixture
def small_runtime(tmp_path: Path) -> Iterator[Runtime]:
    runtime = build_runtime(make_settings(tmp_path / "data", max_upload_bytes=UPLOAD_LIMIT), with_tagger=False)
    yield runtime
    close_runtime(runtime)


@pytest.fixture
def small_client(small_runtime: Runtime) -> Iterator[TestClient]:
    """The app with a small upload limit: 4 KiB of file, plus the 64 KiB the form's fields may take."""
    with TestClient(create_app(runtime=small_runtime), base_url="http://testserver") as client:
        yield client


def blob_count(runtime: Runtime) -> int:
    root = runtime.settings.data_dir / "blobs"
    return sum(1 for p in root.rglob("*") if p.is_file()) if root.exists() else 0


def test_an_unknown_address_is_an_html_page_saying_it_does_not_exist(client: TestClient) -> None:
    response = client.get("/documents/abc/nothing-here")
    assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
    assert response.text.startswith("<!doctype html>") and inline_code(response.text) == []
    assert "Cette page n'existe pas." in shown(response) and 'href="/"' in response.text
    assert "script-src 'self'" in response.headers["content-security-policy"]


def test_the_not_found_page_speaks_the_chosen_language_right_to_left(client: TestClient) -> None:
    client.get("/language/ar?next=/")
    response = client.get("/nothing-here")
    assert response.status_code == 404 and '<html lang="ar" dir="rtl">' in response.text
    assert "هذه الصفحة غير موجودة." in shown(response)


def test_a_signed_in_person_keeps_their_menu_and_language_on_the_not_found_page(client: TestClient) -> None:
    sign_up(client, language="en")
    client.cookies.delete("lang")
    response = client.get("/nothing-here")
    assert response.status_code == 404 and '<html lang="en" dir="ltr">' in response.text
    assert "This page does not exist." in shown(response) and 'href="/documents/new"' in response.text


def test_a_wrong_method_on_a_page_is_an_html_page_too(client: TestClient) -> None:
    response = client.get("/logout")
    assert response.status_code == 405 and response.headers["allow"] == "POST"
    assert response.headers["content-type"].startswith("text/html") and "Cette page n'existe pas." in shown(response)


def test_the_api_keeps_answering_json(client: TestClient) -> None:
    for path in ("/api/v1/nothing-here", "/api"):
        response = client.get(path)
        assert response.status_code == 404 and response.json()["error"] == "not_found", path


def test_a_file_over_the_limit_on_the_upload_form_is_explained_in_the_persons_language(small_client: TestClient, small_runtime: Runtime) -> None:
    sign_up(small_client, language="ar")
    response = upload(small_client, secrets.token_bytes(UPLOAD_LIMIT + 128 * 1024), "grand.jpg", "image/jpeg")
    assert response.status_code == 413 and response.headers["content-type"].startswith("text/html")
    assert '<html lang="ar" dir="rtl">' in response.text and "هذا الملف كبير جدًا بالنسبة للخزنة" in shown(response)
    assert 'name="file"' in response.text and inline_code(response.text) == []
    assert document_ids(small_client.get("/documents").text) == [] and blob_count(small_runtime) == 0


def test_a_streamed_form_over_the_limit_is_explained_too(small_client: TestClient, small_runtime: Runtime) -> None:
    sign_up(small_client)
    boundary = "vaultboundary"
    token = token_of(small_client.get("/documents/new").text)
    head = (f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{token}\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="grand.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n").encode()

    def body() -> Iterator[bytes]:
        yield head
        for _ in range(100):
            yield b"%" * 4096
        yield f"\r\n--{boundary}--\r\n".encode()

    response = small_client.post("/documents/new", content=body(), follow_redirects=False,
                                 headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert response.status_code == 413 and "Ce fichier est trop gros pour le coffre." in shown(response)
    assert document_ids(small_client.get("/documents").text) == [] and blob_count(small_runtime) == 0


def test_the_api_still_refuses_an_oversized_body_in_json(small_client: TestClient) -> None:
    user = make_user(small_client)
    response = small_client.post("/api/v1/documents", content=b"x" * (UPLOAD_LIMIT + 128 * 1024),
                                 headers={**user.auth, "Content-Type": "application/pdf"})
    assert response.status_code == 413 and response.json()["error"] == "too_large"
