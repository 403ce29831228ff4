"""The owner's link pages without JavaScript, and the recipient's page as the server sends it."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from tests.conftest import make_user, upload
from tests.pages.browse import document_ids, inline_code, sign_up, submit, token_of
from tests.pages.browse import upload as page_upload
from tests.samples import text_image
from tests.shares.recipient import open_link, parse, share
from vault.runtime import Runtime

LINK = re.compile(r'value="(http://testserver/s/([0-9a-f]{32})#([A-Za-z0-9_-]{43}))"')


def person_with_documents(client: TestClient, count: int = 2, language: str = "fr") -> list[str]:
    sign_up(client, language=language)
    for n in range(count):
        assert page_upload(client, text_image([f"DOC {n}"], size=(200, 120)), f"doc{n}.jpg", "image/jpeg", title=f"Document {n}").status_code == 303
    return document_ids(client.get("/documents").text)


def make_link(client: TestClient, documents: list[str], **fields: str) -> str:
    token = token_of(client.get("/shares/new").text)
    body = {"csrf_token": token, "expires_in_hours": "24", **fields}
    made = client.post("/shares/new", content=_encode(body, documents), headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert made.status_code == 200, made.text
    return made.text


def _encode(fields: dict[str, str], documents: list[str]) -> str:
    from urllib.parse import urlencode

    return urlencode([*fields.items(), *(("document", d) for d in documents)])


def test_the_form_makes_a_link_shown_once_with_its_qr_code(client: TestClient) -> None:
    documents = person_with_documents(client)
    form = client.get(f"/shares/new?document={documents[1]}").text
    assert f'value="{documents[1]}" checked' in form and f'value="{documents[0]}">' in form
    page = make_link(client, documents, max_opens="1", pin="2580", label="Boulangerie du Marché", language="en")
    url, share_id, fragment = LINK.search(page).groups()
    assert 'class="qr" src="data:image/svg+xml' in page and inline_code(page) == []
    listed = html.unescape(client.get("/shares").text)
    assert "Boulangerie du Marché" in listed and "Document 0" in listed and "Document 1" in listed
    assert "Actif" in listed and "Ouvert 0 fois sur 1" in listed and fragment not in listed
    assert client.get(f"/s/{share_id}").status_code == 200


def test_a_form_problem_is_explained_next_to_the_form(client: TestClient) -> None:
    documents = person_with_documents(client, count=1)
    token = token_of(client.get("/shares/new").text)
    nothing = client.post("/shares/new", data={"csrf_token": token, "expires_in_hours": "168"})
    assert nothing.status_code == 422 and "Choisissez de 1 à 20 documents" in html.unescape(nothing.text)
    bad_pin = client.post("/shares/new", data={"csrf_token": token, "document": documents[0], "pin": "12"})
    assert bad_pin.status_code == 422 and 'aria-invalid="true"' in bad_pin.text


def test_stopping_a_link_and_changing_its_duration_from_the_list(client: TestClient) -> None:
    documents = person_with_documents(client, count=1)
    share_id = LINK.search(make_link(client, documents)).group(2)
    changed = submit(client, "/shares", f"/shares/{share_id}/expiry", {"expires_in_hours": "2160"})
    assert changed.status_code == 303 and changed.headers["location"] == "/shares?notice=link_changed"
    stopped = submit(client, "/shares", f"/shares/{share_id}/revoke", {})
    assert stopped.headers["location"] == "/shares?notice=link_revoked"
    listed = html.unescape(client.get("/shares?notice=link_revoked").text)
    assert "Arrêté" in listed and "plus personne ne peut l'utiliser" in listed
    assert f"/shares/{share_id}/revoke" not in listed
    assert client.get(f"/s/{share_id}").status_code == 410


def test_link_pages_need_a_session_and_a_form_token(client: TestClient) -> None:
    for path in ("/shares", "/shares/new", "/deposits", "/inbox"):
        assert client.get(path, follow_redirects=False).headers["location"].startswith("/login"), path
    person_with_documents(client, count=1)
    assert client.post("/shares/new", data={"document": "x"}).status_code == 403


def test_another_persons_link_cannot_be_stopped_from_the_pages(client: TestClient) -> None:
    owner = make_user(client)
    made = share(client, owner.auth, [str(upload(client, owner, b"%PDF-1.4 x")["id"])])
    person_with_documents(client, count=0)
    refused = submit(client, "/shares", f"/shares/{made['id']}/revoke", {})
    assert refused.status_code == 404
    assert client.get(f"/api/v1/shares/{made['id']}", headers=owner.auth).json()["status"] == "active"


def test_the_recipient_page_is_locked_down_and_speaks_the_chosen_language(client: TestClient) -> None:
    owner = make_user(client, language="ar")
    made = share(client, owner.auth, [str(upload(client, owner, b"%PDF-1.4 x")["id"])], max_opens=1)
    page = client.get(f"/s/{made['id']}")
    assert page.status_code == 200 and '<html lang="ar" dir="rtl">' in page.text
    assert [lang for lang in re.findall(r'data-language="(\w+)"', page.text)] == ["ar", "fr", "en"]
    csp = page.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "require-trusted-types-for 'script'" in csp
    assert "unsafe-inline" not in csp and "form-action 'none'" in csp
    assert page.headers["x-robots-tag"] == "noindex, nofollow" and page.headers["referrer-policy"] == "no-referrer"
    assert page.headers["cache-control"] == "no-store" and "set-cookie" not in page.headers
    assert inline_code(page.text) == [] and 'data-needs-pin="false"' in page.text
    assert "انتبه: هذا الرابط يُفتح مرة واحدة فقط" in html.unescape(page.text)


@pytest.mark.parametrize("ending", ["revoked", "expired", "used_up", "locked"])
def test_dead_ends_are_said_in_the_links_language_then_french_and_english(client: TestClient, runtime: Runtime, ending: str) -> None:
    owner = make_user(client, language="ar")
    made = share(client, owner.auth, [str(upload(client, owner, b"%PDF-1.4 x")["id"])], max_opens=1, pin="1234")
    link = parse(made["url"])
    if ending == "revoked":
        client.delete(f"/api/v1/shares/{link.id}", headers=owner.auth)
    elif ending == "used_up":
        open_link(client, link, pin="1234")
    elif ending == "locked":
        for _ in range(5):
            open_link(client, link, pin="9999")
    else:
        moment = runtime.clock() + timedelta(days=8)
        runtime.clock = lambda: moment
    page = client.get(f"/s/{link.id}")
    text = html.unescape(page.text)
    assert page.status_code == 410
    paragraphs = re.findall(r'<p lang="(\w+)" dir="(\w+)"[^>]*>([^<]+)</p>', text)
    assert [(lang, direction) for lang, direction, _ in paragraphs] == [("ar", "rtl"), ("fr", "ltr"), ("en", "ltr")]
    english = {"revoked": "stopped by the person", "expired": "has expired", "used_up": "as many times as allowed", "locked": "too many wrong PINs"}
    assert english[ending] in paragraphs[2][2]
    assert "data-open-form" not in text


def test_a_missing_link_page_says_so_in_french_and_english(client: TestClient) -> None:
    page = client.get(f"/s/{'0' * 32}")
    assert page.status_code == 404 and page.headers["x-robots-tag"] == "noindex, nofollow"
    text = html.unescape(page.text)
    assert "Ce lien n'existe pas ou n'existe plus." in text and "This link does not exist, or no longer exists." in text


@pytest.mark.parametrize("language", ["fr", "en", "ar"])
def test_no_link_page_has_inline_script_or_style(client: TestClient, language: str) -> None:
    documents = person_with_documents(client, count=1, language=language)
    made = make_link(client, documents, language=language)
    share_id = LINK.search(made).group(2)
    pages = {"made": made, "/shares": client.get("/shares").text, "/shares/new": client.get("/shares/new").text,
             "/deposits": client.get("/deposits").text, "/inbox": client.get("/inbox").text, "/s/": client.get(f"/s/{share_id}").text,
             "/s/missing": client.get(f"/s/{'0' * 32}").text}
    for name, page in pages.items():
        assert page.startswith("<!doctype html>") and inline_code(page) == [], name
        assert f'<html lang="{language}"' in page or name == "/s/missing", name
