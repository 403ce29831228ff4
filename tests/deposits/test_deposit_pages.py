"""The owner's deposit and inbox pages without JavaScript, and the uploader's page as the server sends it."""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient

from tests.conftest import make_user
from tests.deposits.test_deposit_links import PDF, deposit_link, send
from tests.pages.browse import document_ids, inline_code, sign_up, submit

DROP = re.compile(r'value="(http://testserver/d/([0-9a-f]{32})#([A-Za-z0-9_-]{43}))"')


def made_from_page(client: TestClient, **fields: str) -> dict[str, str]:
    page = submit(client, "/deposits", "/deposits/new", {"label": "Fiches de paie", "expires_in_hours": "720", "max_uploads": "2", "language": "en", **fields})
    assert page.status_code == 200, page.text
    url, deposit_id, _ = DROP.search(page.text).groups()
    assert 'class="qr" src="data:image/svg+xml' in page.text and inline_code(page.text) == []
    return {"id": deposit_id, "url": url}


def test_a_deposit_link_made_from_the_page_brings_a_file_to_the_inbox(client: TestClient) -> None:
    sign_up(client)
    made = made_from_page(client)
    listed = html.unescape(client.get("/deposits").text)
    assert "Fiches de paie" in listed and "0 fichier(s) reçu(s) sur 2" in listed
    assert send(client, made, filename="mars.pdf").status_code == 201
    inbox = html.unescape(client.get("/inbox").text)
    assert "mars.pdf" in inbox and "Arrivé par : Fiches de paie" in inbox and inline_code(inbox) == []
    [waiting] = re.findall(r'data-document="([0-9a-f]{32})"', inbox)
    assert document_ids(client.get("/documents").text) == []
    kept = submit(client, "/inbox", f"/inbox/{waiting}/accept", {})
    assert kept.headers["location"] == "/inbox?notice=accepted"
    assert document_ids(client.get("/documents").text) == [waiting]
    assert "Aucun document n'attend." in html.unescape(client.get("/inbox").text)


def test_a_received_file_can_be_deleted_from_the_inbox(client: TestClient) -> None:
    sign_up(client)
    made = made_from_page(client)
    send(client, made)
    [waiting] = re.findall(r'data-document="([0-9a-f]{32})"', client.get("/inbox").text)
    deleted = submit(client, "/inbox", f"/inbox/{waiting}/delete", {})
    assert deleted.headers["location"] == "/inbox?notice=discarded"
    assert client.get(f"/documents/{waiting}").status_code == 404


def test_stopping_a_deposit_link_from_the_page(client: TestClient) -> None:
    sign_up(client)
    made = made_from_page(client)
    stopped = submit(client, "/deposits", f"/deposits/{made['id']}/revoke", {})
    assert stopped.headers["location"] == "/deposits?notice=link_revoked"
    assert "Arrêté" in html.unescape(client.get("/deposits").text)
    assert send(client, made).status_code == 410


def test_the_uploader_page_is_locked_down_and_in_the_links_language(client: TestClient) -> None:
    owner = make_user(client, display_name="Amina")
    made = deposit_link(client, owner, label="Boulangerie", language="en", max_uploads=4)
    page = client.get(f"/d/{made['id']}")
    text = html.unescape(page.text)
    assert page.status_code == 200 and '<html lang="en" dir="ltr">' in text
    assert page.headers["x-robots-tag"] == "noindex, nofollow" and "default-src 'none'" in page.headers["content-security-policy"]
    assert "This link accepts 4 more file(s)" in text and inline_code(page.text) == []
    assert "Boulangerie" not in text and "Amina" not in text and owner.handle not in text
    assert 'accept="application/pdf,image/jpeg' in text


def test_ended_and_missing_deposit_links_say_so(client: TestClient) -> None:
    owner = make_user(client)
    made = deposit_link(client, owner, max_uploads=1)
    send(client, made, data=PDF)
    full = client.get(f"/d/{made['id']}")
    assert full.status_code == 410 and "This link has already received all the files it was made for." in html.unescape(full.text)
    missing = client.get(f"/d/{'0' * 32}")
    assert missing.status_code == 404 and "Ce lien n'existe pas ou n'existe plus." in html.unescape(missing.text)
