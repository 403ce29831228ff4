"""Mandate pages without JavaScript: a caseworker joins through an invitation and asks; the person
sees who asks, approves with a scope, reads their journal and revokes; the caseworker reads, adds
on the person's behalf, and loses access. Trusted people: the banner during a recovery, its
cancellation, and the one-time code page. Every page under the strict CSP in every language."""

from __future__ import annotations

import re
from datetime import timedelta

import httpx
import pytest
from fastapi.testclient import TestClient

from tests.conftest import PASSPHRASE
from tests.pages.browse import inline_code, recovery_code_on, shown, sign_up, submit, token_of, upload
from tests.pages.test_page_markup import LANGUAGES
from tests.samples import text_image
from vault.organisations import service as organisations
from vault.runtime import Runtime

NEW_PASSPHRASE = "seven orange lamps by the river"


def join(client: TestClient, runtime: Runtime, handle: str = "claire") -> None:
    organisations.create_organisation(runtime, "Centre Alpha")
    invitation = organisations.invite(runtime, "Centre Alpha")
    form = client.get(f"/join/{invitation.id}")
    assert form.status_code == 200 and 'name="code"' in form.text
    joined = submit(client, f"/join/{invitation.id}", f"/join/{invitation.id}", {
        "code": invitation.code, "name": "Claire Martin", "handle": handle, "passphrase": PASSPHRASE, "passphrase_again": PASSPHRASE,
    })
    assert joined.status_code == 303 and joined.headers["location"] == "/welcome", joined.text
    assert len(recovery_code_on(client.get("/welcome").text)) == 34
    assert client.get(f"/join/{invitation.id}").status_code == 404


def post(client: TestClient, page: str, action: str, fields: dict[str, object]) -> httpx.Response:
    return submit(client, page, action, fields)  # type: ignore[arg-type]


@pytest.fixture
def caseworker(client: TestClient) -> TestClient:
    return TestClient(client.app, base_url="http://testserver")


def person_with_permit(client: TestClient) -> tuple[str, str]:
    person, _ = sign_up(client, "amina")
    assert upload(client, text_image(["TITRE"], size=(200, 120)), "titre.jpg", "image/jpeg", title="Mon titre", category="residence_permit").status_code == 303
    [document_id] = re.findall(r'href="/documents/([0-9a-f]{32})"', client.get("/documents").text)
    return person.handle, document_id


def approved(client: TestClient, caseworker: TestClient) -> tuple[str, str, str]:
    """The person (`client`) approved a caseworker's ask for residence permits: (person id, mandate id, document id)."""
    handle, document_id = person_with_permit(client)
    asked = post(caseworker, f"/people/ask?handle={handle}", "/people/ask",
                 {"handle": handle, "category": "residence_permit", "permission": ["view", "add"], "days": "30"})
    assert asked.status_code == 303 and asked.headers["location"] == "/people?notice=asked", asked.text
    page = shown(client.get("/caseworkers"))
    assert "Claire Martin" in page and "Centre Alpha" in page
    [mandate_id] = re.findall(r'href="/mandates/([0-9a-f]{32})"', page)
    answer = shown(client.get(f"/mandates/{mandate_id}"))
    assert re.search(r'class="fingerprint" dir="ltr">[0-9A-Z]{4}(-[0-9A-Z]{4}){3}<', answer)
    done = post(client, f"/mandates/{mandate_id}", f"/mandates/{mandate_id}/approve",
                {"category": "residence_permit", "permission": ["view", "add"], "days": "30"})
    assert done.status_code == 303 and done.headers["location"] == f"/mandates/{mandate_id}?notice=approved", done.text
    person_id = re.findall(r'href="/people/([0-9a-f]{32})"', caseworker.get("/people").text)[0]
    return person_id, mandate_id, document_id


def test_ask_approve_read_journal_revoke(client: TestClient, caseworker: TestClient, runtime: Runtime) -> None:
    join(caseworker, runtime)
    person_id, mandate_id, document_id = approved(client, caseworker)
    followed = shown(caseworker.get(f"/people/{person_id}"))
    assert "Mon titre" in followed
    [fingerprint] = re.findall(r'class="fingerprint" dir="ltr">([0-9A-Z-]{19})<', client.get(f"/mandates/{mandate_id}").text)
    assert fingerprint in caseworker.get("/people").text
    opened = caseworker.get(f"/people/{person_id}/documents/{document_id}")
    assert opened.status_code == 200 and "Mon titre" in shown(opened)
    assert caseworker.get(f"/api/v1/documents/{document_id}/content?inline=true").status_code == 200
    assert caseworker.get(f"/documents/{document_id}").status_code == 404
    journal = shown(client.get("/journal"))
    assert "Claire Martin (Centre Alpha)" in journal and "a regardé un document" in journal and "Mon titre" in journal
    revoked = post(client, f"/mandates/{mandate_id}", f"/mandates/{mandate_id}/revoke", {})
    assert revoked.status_code == 303 and revoked.headers["location"] == "/caseworkers?notice=revoked"
    assert caseworker.get(f"/people/{person_id}/documents/{document_id}").status_code == 404
    assert caseworker.get(f"/api/v1/documents/{document_id}/content").status_code == 404
    assert 'href="/people/' not in caseworker.get("/people").text.split("</header>")[1].split("people/ask")[1]


def test_a_document_added_on_behalf_waits_in_the_inbox_marked_with_its_sender(client: TestClient, caseworker: TestClient, runtime: Runtime) -> None:
    join(caseworker, runtime)
    person_id, _, _ = approved(client, caseworker)
    token = token_of(caseworker.get(f"/people/{person_id}/add").text)
    sent = caseworker.post(f"/documents/new?person={person_id}", data={"csrf_token": token, "title": "Attestation", "category": "residence_permit"},
                           files={"file": ("scan.pdf", b"%PDF-1.4 attestation", "application/pdf")}, follow_redirects=False)
    assert sent.status_code == 303 and sent.headers["location"] == f"/people/{person_id}?notice=added", sent.text
    inbox = shown(client.get("/inbox"))
    assert "Attestation" in inbox and "Claire Martin" in inbox


def test_a_person_grants_access_directly_after_checking_who(client: TestClient, caseworker: TestClient, runtime: Runtime) -> None:
    join(caseworker, runtime)
    sign_up(client, "amina")
    unknown = client.get("/caseworkers/find?handle=nobody")
    assert unknown.status_code == 404 and "Aucun accompagnant" in shown(unknown)
    found = shown(client.get("/caseworkers/find?handle=claire"))
    assert "Claire Martin" in found and "Centre Alpha" in found
    granted = post(client, "/caseworkers/find?handle=claire", "/caseworkers/grant",
                   {"handle": "claire", "category": ["cv", "payslip"], "permission": "view", "days": "7"})
    assert granted.status_code == 303 and "notice=granted" in granted.headers["location"], granted.text
    assert "amina" in shown(caseworker.get("/people"))


def test_the_recovery_banner_shows_on_every_page_and_cancels(client: TestClient, caseworker: TestClient, runtime: Runtime) -> None:
    join(caseworker, runtime)
    person_id, _, _ = approved(client, caseworker)
    me = re.findall(r'value="([0-9a-f]{32})"', client.get("/trusted").text)
    chosen = post(client, "/trusted", "/trusted", {"trustee": me, "threshold": "1"})
    assert chosen.status_code == 303 and chosen.headers["location"] == "/trusted?notice=chosen"
    started = post(caseworker, f"/people/{person_id}", f"/people/{person_id}/recovery", {})
    assert started.status_code == 200 and started.headers["cache-control"] == "no-store"
    code = "-".join(re.findall(r'class="group">([0-9A-Z]{4})<', started.text))
    assert len(code) == 34
    for page in ("/documents", "/caseworkers", "/journal"):
        assert "Arrêter cette récupération" in shown(client.get(page)), page
    [claim_id] = re.findall(r'action="/recovery-claims/([0-9a-f]{32})/cancel"', client.get("/documents").text)
    cancelled = post(client, "/documents", f"/recovery-claims/{claim_id}/cancel", {})
    assert cancelled.status_code == 303
    assert "Arrêter cette récupération" not in shown(client.get("/documents"))


def test_recovery_with_trusted_people_sets_a_new_passphrase_after_the_wait(client: TestClient, caseworker: TestClient, runtime: Runtime) -> None:
    join(caseworker, runtime)
    person_id, _, _ = approved(client, caseworker)
    post(client, "/trusted", "/trusted", {"trustee": re.findall(r'value="([0-9a-f]{32})"', client.get("/trusted").text), "threshold": "1"})
    started = post(caseworker, f"/people/{person_id}", f"/people/{person_id}/recovery", {})
    code = "-".join(re.findall(r'class="group">([0-9A-Z]{4})<', started.text))
    stranger = TestClient(client.app, base_url="http://testserver")
    fields = {"handle": "amina", "code": code, "new_passphrase": NEW_PASSPHRASE, "new_passphrase_again": NEW_PASSPHRASE}
    early = submit(stranger, "/recover/trusted", "/recover/trusted", fields)
    assert early.status_code == 409 and "pas encore prête" in shown(early)
    moment = runtime.clock() + timedelta(hours=48)
    runtime.clock = lambda: moment
    done = submit(stranger, "/recover/trusted", "/recover/trusted", fields)
    assert done.status_code == 303 and done.headers["location"] == "/documents?notice=recovered", done.text
    assert "Mon titre" in shown(stranger.get("/documents"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_mandate_pages_have_no_inline_code_in_any_language(client: TestClient, caseworker: TestClient, runtime: Runtime, language: str) -> None:
    join(caseworker, runtime)
    person_id, mandate_id, document_id = approved(client, caseworker)
    for browser in (client, caseworker):
        browser.get(f"/language/{language}?next=/")
    pages = {path: client.get(path) for path in ("/caseworkers", f"/mandates/{mandate_id}", "/profile", "/journal", "/trusted",
                                                  "/caseworkers/find?handle=claire")}
    pages.update({path: caseworker.get(path) for path in (
        "/people", "/people/ask?handle=amina", f"/people/{person_id}", f"/people/{person_id}/add", f"/people/{person_id}/documents/{document_id}",
    )})
    stranger = TestClient(client.app, base_url="http://testserver")
    stranger.get(f"/language/{language}?next=/")
    pages.update({path: stranger.get(path) for path in ("/recover/trusted", "/join/" + "0" * 32)})
    for path, response in pages.items():
        assert response.status_code in (200, 404), path
        assert inline_code(response.text) == [], path
        assert f'<html lang="{language}"' in response.text, path
        assert "action." not in shown(response) and "mandate.status_" not in response.text, path
