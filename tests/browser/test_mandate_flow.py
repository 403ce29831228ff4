"""A caseworker and a person, each on a phone: the caseworker asks for a mandate, the person
checks who asks and approves, the caseworker opens the person's residence permit; the person
revokes and the caseworker can no longer open it.

Real Chromium (Debian's build, driven by Playwright), phone viewport, against a real server
with the production CSP. The operator's part (an organisation, an invitation) goes through
the `vault admin` command, as an operator would.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.browser.test_phone_flow import CHROMIUM, CHROMIUM_ARGS
from tests.browser.test_share_links import PHOTO, PHONE, Console
from tests.conftest import PASSPHRASE
from tests.live import LiveServer, live_server, server_env

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="this machine has no chromium (Debian: apt-get install chromium)"),
]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    with live_server(tmp_path / "server") as running:
        yield running


@pytest.fixture
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def operator(server: LiveServer, *args: str) -> str:
    environment = server_env(server.data_dir, server.tmp)
    done = subprocess.run([sys.executable, "-m", "web.cli", "admin", *args], env=environment, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def invited_caseworker(server: LiveServer, handle: str) -> None:
    operator(server, "org", "create", "Centre Alpha")
    printed = operator(server, "invite-caseworker", "Centre Alpha")
    invitation = re.search(r"/join/([0-9a-f]{32})", printed)
    code = re.search(r"code: (\S+)", printed)
    assert invitation and code, printed
    with server.client() as http:
        joined = http.post("/api/v1/caseworkers", json={
            "invitation_id": invitation.group(1), "code": code.group(1), "handle": handle, "passphrase": PASSPHRASE, "name": "Claire Martin",
        })
    assert joined.status_code == 201, joined.text


def person_with_a_permit(server: LiveServer, handle: str) -> str:
    with server.client() as http:
        http.post("/api/v1/accounts", json={"handle": handle, "passphrase": PASSPHRASE}).raise_for_status()
        token = http.post("/api/v1/sessions", json={"handle": handle, "passphrase": PASSPHRASE}).json()["token"]
        made = http.post("/api/v1/documents", content=PHOTO, params={"filename": "titre.jpg", "title": "Titre de séjour", "category": "residence_permit"},
                         headers={"Authorization": f"Bearer {token}", "Content-Type": "image/jpeg"})
    made.raise_for_status()
    return str(made.json()["id"])


def log_in(page: Page, handle: str, landing: str) -> None:
    page.goto("/login")
    page.fill("input[name=handle]", handle)
    page.fill("input[name=passphrase]", PASSPHRASE)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(landing))


def test_caseworker_asks_person_approves_caseworker_reads_person_revokes(server: LiveServer, browser: Browser, tmp_path: Path) -> None:
    invited_caseworker(server, "claire")
    permit = person_with_a_permit(server, "amina")
    console = Console()
    phones = [browser.new_context(base_url=server.url, locale="fr-FR", **PHONE) for _ in range(2)]
    caseworker, person = (console.watch(context.new_page()) for context in phones)
    try:
        log_in(caseworker, "claire", r"/documents$")
        caseworker.goto("/people/ask?handle=amina")
        expect(caseworker.locator("input[name=category][value=residence_permit]")).to_be_checked()
        caseworker.get_by_role("button", name="Envoyer la demande").click()
        expect(caseworker.locator(".notice")).to_contain_text("La demande est envoyée")

        log_in(person, "amina", r"/documents$")
        person.locator(".tabs").get_by_role("link", name="Accès").click()
        person.get_by_role("link", name="Répondre").click()
        expect(person.locator(".identity")).to_contain_text("Claire Martin")
        expect(person.locator(".identity")).to_contain_text("Centre Alpha")
        expect(person.locator(".fingerprint")).to_have_text(re.compile(r"^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$"))
        person.get_by_role("button", name="Accepter").click()
        expect(person.locator(".notice")).to_contain_text("C'est accepté")
        person.screenshot(path=str(tmp_path / "mandate-approved-360.png"), full_page=True)

        caseworker.goto("/people")
        caseworker.locator(".doc", has_text="amina").click()
        caseworker.locator(".doc", has_text="Titre de séjour").click()
        preview = caseworker.locator(".preview img")
        expect(preview).to_be_visible()
        caseworker.wait_for_function("() => document.querySelector('.preview img').complete")
        assert preview.evaluate("img => img.naturalWidth") == 640
        document_page = caseworker.url

        person.goto("/caseworkers")
        person.locator(".mandate-card a", has_text="Claire Martin").click()
        person.get_by_role("button", name="Arrêter l'accès maintenant").click()
        expect(person.locator(".notice")).to_contain_text("L'accès est arrêté")

        refused = caseworker.goto(document_page)
        assert refused is not None and refused.status == 404
        assert caseworker.request.get(f"/api/v1/documents/{permit}/content").status == 404
        caseworker.goto("/people")
        expect(caseworker.locator(".empty")).to_be_visible()
    finally:
        for context in phones:
            context.close()
    assert console.problems() == []
    with httpx.Client(base_url=server.url) as http:
        assert http.get(f"/api/v1/documents/{permit}/content").status_code == 401
