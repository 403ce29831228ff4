"""Reminders before a residence permit expires: on top of the person's home page, with what to do."""

from __future__ import annotations

import html
from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient

from tests.conftest import make_user
from tests.pages.browse import add_document, document_ids, log_in, shown
from vault.runtime import Runtime


@pytest.fixture
def today(runtime: Runtime) -> date:
    """The runtime's clock, stopped: a test running across midnight sees one day only."""
    moment = runtime.clock()
    runtime.clock = lambda: moment
    return moment.date()


def permit_expiring(client: TestClient, today: date, days: int, language: str = "fr") -> tuple[str, date]:
    """A signed-in person whose one permit expires `days` from today."""
    user = make_user(client, language=language)
    expires = today + timedelta(days=days)
    document_id = add_document(client, user, "Carte de Samir", "residence_permit", {"expires_on": expires.isoformat()})
    log_in(client, user.handle)
    return document_id, expires


def reminders_on(page: str) -> str:
    start = page.find('<section class="reminders"')
    return page[start:page.index("</section>", start)] if start >= 0 else ""


@pytest.mark.parametrize(("days", "when", "advice"), [
    (100, "expire le {date}, dans 100 jours.", "Demandez son renouvellement à la préfecture dès maintenant : il faut le demander 2 à 4 mois avant"),
    (45, "expire le {date}, dans 45 jours.", "Si vous n'avez pas encore demandé le renouvellement, demandez-le à la préfecture aujourd'hui"),
    (10, "expire le {date}, dans 10 jours.", "gardez sur vous le récépissé ou l'attestation de la préfecture. Sinon, demandez-le aujourd'hui"),
    (1, "expire demain, le {date}.", "gardez sur vous le récépissé"),
    (0, "expire aujourd'hui, le {date}.", "gardez sur vous le récépissé"),
    (-3, "a expiré le {date}.", "contactez tout de suite la préfecture ou une association"),
])
def test_each_stage_says_when_and_what_to_do(client: TestClient, today: date, days: int, when: str, advice: str) -> None:
    document_id, expires = permit_expiring(client, today, days)
    page = client.get("/documents").text
    banner = reminders_on(page)
    assert banner and page.index('<section class="reminders"') < page.index('class="docs"')
    text = html.unescape(banner)
    assert "Carte de Samir" in text and when.format(date=expires.strftime("%d/%m/%Y")) in text and advice in text
    assert f'href="/api/v1/reminders/{document_id}.ics" download' in banner
    assert f'href="/documents/{document_id}#findings"' in banner


def test_no_reminder_beyond_120_days_or_for_other_papers(client: TestClient, today: date) -> None:
    user = make_user(client)
    add_document(client, user, "Carte longue", "residence_permit", {"expires_on": (today + timedelta(days=121)).isoformat()})
    add_document(client, user, "Décision", "asylum_decision", {"decision_date": (today + timedelta(days=10)).isoformat()})
    log_in(client, user.handle)
    page = client.get("/documents").text
    assert reminders_on(page) == "" and len(document_ids(page)) == 2


def test_the_banner_stays_while_searching_for_something_else(client: TestClient, today: date) -> None:
    permit_expiring(client, today, 30)
    page = client.get("/documents", params={"q": "nothing-like-this"}).text
    assert "Carte de Samir" in reminders_on(page) and document_ids(page) == []


def test_add_to_my_calendar_opens_with_the_session_cookie(client: TestClient, today: date) -> None:
    document_id, _ = permit_expiring(client, today, 100)
    ics = client.get(f"/api/v1/reminders/{document_id}.ics")
    assert ics.status_code == 200 and ics.headers["content-type"].startswith("text/calendar")
    assert f"DTSTART;VALUE=DATE:{today.strftime('%Y%m%d')}" in ics.text


def test_the_permits_own_page_shows_its_reminder_and_calendar_link(client: TestClient, today: date) -> None:
    document_id, _ = permit_expiring(client, today, 45)
    page = client.get(f"/documents/{document_id}")
    assert 'class="reminder stage-60"' in page.text and "au moins 2 mois avant" in shown(page)
    assert page.text.count(f'href="/api/v1/reminders/{document_id}.ics" download') == 2


@pytest.mark.parametrize(("language", "direction", "advice"), [
    ("en", "ltr", "Ask the préfecture to renew it now: renewal must be asked 2 to 4 months before expiry."),
    ("ar", "rtl", "اطلب تجديدها من المحافظة (préfecture) الآن"),
])
def test_reminders_speak_the_persons_language(client: TestClient, today: date, language: str, direction: str, advice: str) -> None:
    permit_expiring(client, today, 90, language=language)
    page = client.get("/documents")
    assert f'<html lang="{language}" dir="{direction}">' in page.text
    assert advice in shown(page)
