"""Asking for a mandate from the pages: the person's profile QR code takes a logged-out caseworker
through the login to the ask form, the handle filled in; a caseworker asks for more scope, and a
scope that is not valid gives the form back; the person answers an ask found in the inbox; the
people page shows the expiring permits within the scope only."""

from __future__ import annotations

import html
import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

from tests.conftest import PASSPHRASE
from tests.mandates.conftest import log_in
from tests.pages.browse import shown, sign_up, submit
from tests.pages.qr import read_qr
from tests.pages.test_mandate_pages import approved, caseworker, join, post  # noqa: F401  (fixture)
from vault.documents import service as documents
from vault.runtime import Runtime

NO_SCOPE_CHOSEN = "Choisissez au moins un type ou un document pour « Voir », et une durée."


def hidden(page: str, name: str) -> str:
    match = re.search(rf'type="hidden" name="{name}" value="([^"]*)"', page)
    assert match, f"the page has no hidden {name}"
    return html.unescape(match.group(1))


def test_the_profile_qr_code_takes_a_logged_out_caseworker_through_the_login_to_the_filled_in_ask(
    client: TestClient, caseworker: TestClient, runtime: Runtime,
) -> None:
    join(caseworker, runtime)
    sign_up(client, "amina")
    profile = client.get("/profile").text
    [qr] = re.findall(r'<img class="qr" src="([^"]+)"', profile)
    scanned = read_qr(html.unescape(qr))
    assert scanned == "http://testserver/people/ask?handle=amina"
    assert scanned in shown(client.get("/profile"))
    assert submit(caseworker, "/people", "/logout", {}).status_code == 303
    address = urlsplit(scanned)
    sent_away = caseworker.get(f"{address.path}?{address.query}", follow_redirects=False)
    assert sent_away.status_code == 303 and sent_away.headers["location"] == "/login?next=/people/ask%3Fhandle%3Damina"
    login = caseworker.get(sent_away.headers["location"]).text
    assert hidden(login, "next") == "/people/ask?handle=amina"
    logged_in = submit(caseworker, sent_away.headers["location"], "/login",
                       {"handle": "claire", "passphrase": PASSPHRASE, "next": hidden(login, "next")})
    assert logged_in.status_code == 303 and logged_in.headers["location"] == "/people/ask?handle=amina", logged_in.text
    form = caseworker.get(logged_in.headers["location"])
    assert form.status_code == 200 and 'action="/people/ask"' in form.text
    assert re.search(r'<input id="f-handle" name="handle" type="text" value="amina"', form.text)


def test_asking_for_more_scope_waits_for_the_persons_answer(client: TestClient, caseworker: TestClient, runtime: Runtime) -> None:
    join(caseworker, runtime)
    person_id, mandate_id, _ = approved(client, caseworker)
    asked = post(caseworker, f"/people/{person_id}", f"/people/{person_id}/ask-more",
                 {"category": ["residence_permit", "payslip"], "permission": "view", "days": "90"})
    assert asked.status_code == 303 and asked.headers["location"] == f"/people/{person_id}?notice=asked", asked.text
    assert "La demande est envoyée." in shown(caseworker.get(asked.headers["location"]))
    waiting = shown(client.get("/caseworkers"))
    assert "Demandes en attente" in waiting and "Fiche de paie" in waiting and f'href="/mandates/{mandate_id}"' in waiting
    answer = shown(client.get(f"/mandates/{mandate_id}"))
    assert f'action="/mandates/{mandate_id}/approve"' in answer and "Fiche de paie" in answer


@pytest.mark.parametrize("fields", [
    {"permission": "view", "days": "30"},
    {"category": "residence_permit", "permission": "view", "days": "0"},
    {"category": "residence_permit", "permission": "view", "days": "366"},
    {"category": "residence_permit", "permission": "view", "days": "soon"},
    {"category": "passport_of_the_moon", "permission": "view", "days": "30"},
], ids=["no category nor document", "0 days", "366 days", "days not a number", "unknown category"])
def test_a_scope_that_is_not_valid_gives_the_ask_for_more_form_back(
    client: TestClient, caseworker: TestClient, runtime: Runtime, fields: dict[str, object],
) -> None:
    join(caseworker, runtime)
    person_id, _, _ = approved(client, caseworker)
    refused = post(caseworker, f"/people/{person_id}", f"/people/{person_id}/ask-more", fields)
    assert refused.status_code == 422
    page = shown(refused)
    assert NO_SCOPE_CHOSEN in page and 'role="alert"' in page
    assert f'action="/people/{person_id}/ask-more"' in page and '<details class="card" open>' in page
    assert "Mon titre" in page
    assert "Demandes en attente" not in shown(client.get("/caseworkers")) and "Demandes en attente" not in shown(client.get("/inbox"))


def test_the_person_answers_an_ask_found_in_the_inbox(client: TestClient, caseworker: TestClient, runtime: Runtime) -> None:
    join(caseworker, runtime)
    sign_up(client, "amina")
    amina = log_in(runtime, "amina")
    permit = documents.add(runtime, amina, documents.Upload("titre.pdf", "application/pdf", "Mon titre", "residence_permit"), [b"%PDF-1.4 titre"])
    payslip = documents.add(runtime, amina, documents.Upload("paie.pdf", "application/pdf", "Ma paie", "payslip"), [b"%PDF-1.4 paie"])
    asked = post(caseworker, "/people/ask?handle=amina", "/people/ask",
                 {"handle": "amina", "category": ["residence_permit", "payslip"], "permission": "view", "days": "30"})
    assert asked.status_code == 303, asked.text
    [own_fingerprint] = re.findall(r'class="fingerprint" dir="ltr">([0-9A-Z-]{19})<', caseworker.get("/people").text)
    inbox = shown(client.get("/inbox"))
    assert "Demandes en attente" in inbox and "Claire Martin" in inbox and "Centre Alpha" in inbox
    asks = client.get("/inbox").text.split('id="asks-title"')[1]
    assert re.findall(r'class="fingerprint" dir="ltr">([0-9A-Z-]{19})<', asks) == [own_fingerprint]
    [answer] = re.findall(r'href="(/mandates/[0-9a-f]{32})"', asks)
    page = client.get(answer).text
    assert re.findall(r'class="fingerprint" dir="ltr">([0-9A-Z-]{19})<', page) == [own_fingerprint]
    done = post(client, answer, f"{answer}/approve", {"category": "residence_permit", "permission": "view", "days": "30"})
    assert done.status_code == 303 and done.headers["location"] == f"{answer}?notice=approved", done.text
    [person_id] = re.findall(r'href="/people/([0-9a-f]{32})"', caseworker.get("/people").text.split("</header>")[1])
    assert caseworker.get(f"/people/{person_id}/documents/{permit.id}").status_code == 200
    assert caseworker.get(f"/people/{person_id}/documents/{payslip.id}").status_code == 404
    assert "Ma paie" not in shown(caseworker.get(f"/people/{person_id}"))
    assert "Demandes en attente" not in shown(client.get("/inbox"))


def test_the_people_page_shows_the_expiring_permits_within_the_scope_only(client: TestClient, caseworker: TestClient, runtime: Runtime) -> None:
    join(caseworker, runtime)
    sign_up(client, "amina")
    amina = log_in(runtime, "amina")
    today = runtime.clock().date()
    permits = {}
    for title, days_left in (("Titre A", 45), ("Titre B", 20)):
        made = documents.add(runtime, amina, documents.Upload(f"{title}.pdf", "application/pdf", title, "residence_permit"), [b"%PDF-1.4 " + title.encode()])
        documents.update(runtime, amina, made.id, documents.Change(fields={"expires_on": (today + timedelta(days=days_left)).isoformat()}))
        permits[title] = made.id
    post(caseworker, "/people/ask?handle=amina", "/people/ask", {"handle": "amina", "category": "residence_permit", "permission": "view", "days": "30"})
    [mandate_id] = re.findall(r'href="/mandates/([0-9a-f]{32})"', client.get("/caseworkers").text)
    done = post(client, f"/mandates/{mandate_id}", f"/mandates/{mandate_id}/approve", {"document": permits["Titre A"], "permission": "view", "days": "30"})
    assert done.status_code == 303, done.text
    page = shown(caseworker.get("/people"))
    assert "Titres de séjour à renouveler bientôt" in page and "1 document(s)" in page
    assert len(re.findall(r'class="reminder stage-', page)) == 1
    assert "dans 45 jours" in page and "dans 20 jours" not in page
    [person_id] = set(re.findall(r'href="/people/([0-9a-f]{32})"', page.split("</header>")[1]))
    followed = shown(caseworker.get(f"/people/{person_id}"))
    assert "Titre A" in followed and "Titre B" not in followed and permits["Titre B"] not in followed
