"""Share and deposit links in real Chromium (Debian's build, driven by Playwright) on a phone-sized
screen against a real server. The recipient and the uploader always use a fresh browser context:
no cookie, no session, only the link. The production CSP (with Trusted Types) is on: any violation
shows up in the console and fails the test."""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect, sync_playwright
from sqlalchemy import update

from tests.browser.test_phone_flow import CHROMIUM, CHROMIUM_ARGS
from tests.conftest import PASSPHRASE
from tests.live import LiveServer, live_server
from tests.samples import text_pdf
from tests.shares.recipient import parse
from tests.shares.secrets_scan import leaks
from vault.clock import utcnow
from vault.db import connect
from vault.db.schema import shares

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="this machine has no chromium (Debian: apt-get install chromium)"),
]
PHONE: dict[str, Any] = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}


def photo() -> bytes:
    image = Image.new("RGB", (640, 420), "white")
    ImageDraw.Draw(image).rectangle((30, 30, 610, 390), outline="darkgreen", width=10)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


PHOTO = photo()
CV = text_pdf(["Amina Diallo", "Boulangere, 5 ans d'experience"])


class Console:
    """Every console message and page error of the pages it watches. A refusal the test
    expects (410 for an ended link, 403 for a wrong PIN) is logged by Chromium as a failed
    resource; those lines are not problems, anything else is."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def watch(self, page: Page) -> Page:
        page.on("console", lambda message: self.lines.append(f"{message.type}: {message.text}"))
        page.on("pageerror", lambda error: self.lines.append(f"pageerror: {error}"))
        return page

    def problems(self) -> list[str]:
        refusals = re.compile(r"^error: Failed to load resource: the server responded with a status of (403|404|410) ")
        return [
            line for line in self.lines
            if (line.startswith(("error", "pageerror")) and not refusals.match(line))
            or "Content Security Policy" in line or "Trusted Type" in line
        ]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    with live_server(tmp_path / "server") as running:
        yield running


@pytest.fixture
def chromium() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture
def browser(chromium: Playwright) -> Iterator[Browser]:
    launched = chromium.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    try:
        yield launched
    finally:
        launched.close()


@pytest.fixture
def console() -> Iterator[Console]:
    watching = Console()
    yield watching
    assert watching.problems() == []


class Owner:
    """A person with documents, made through the API; `auth` for API calls."""

    def __init__(self, server: LiveServer, handle: str = "amina") -> None:
        self.server, self.handle = server, handle
        with server.client() as http:
            http.post("/api/v1/accounts", json={"handle": handle, "passphrase": PASSPHRASE}).raise_for_status()
            token = http.post("/api/v1/sessions", json={"handle": handle, "passphrase": PASSPHRASE}).json()["token"]
        self.auth = {"Authorization": f"Bearer {token}"}

    def add(self, data: bytes, filename: str, mime: str, title: str) -> str:
        with self.server.client() as http:
            made = http.post("/api/v1/documents", content=data, params={"filename": filename, "title": title}, headers={**self.auth, "Content-Type": mime})
        made.raise_for_status()
        return str(made.json()["id"])

    def share(self, document_ids: list[str], **options: object) -> dict[str, Any]:
        with self.server.client() as http:
            made = http.post("/api/v1/shares", json={"document_ids": document_ids, **options}, headers=self.auth)
        made.raise_for_status()
        result: dict[str, Any] = made.json()
        return result

    def api(self) -> httpx.Client:
        return httpx.Client(base_url=self.server.url, headers=self.auth, timeout=60)

    def log_in(self, page: Page) -> None:
        page.goto("/login")
        page.fill("input[name=handle]", self.handle)
        page.fill("input[name=passphrase]", PASSPHRASE)
        page.locator("main form button[type=submit]").click()
        expect(page).to_have_url(re.compile(r"/documents$"))


def fresh(browser: Browser, server: LiveServer, console: Console, **options: Any) -> tuple[BrowserContext, Page]:
    context = browser.new_context(base_url=server.url, locale="fr-FR", accept_downloads=True, **PHONE, **options)
    return context, console.watch(context.new_page())


def downloaded(page: Page, card: Any) -> bytes:
    with page.expect_download() as download:
        card.locator("[data-download]").click()
    return Path(download.value.path()).read_bytes()


def test_a_link_made_on_the_phone_opens_in_a_fresh_browser_with_the_original_bytes(
    server: LiveServer, browser: Browser, console: Console, tmp_path: Path
) -> None:
    owner = Owner(server)
    permit, cv = owner.add(PHOTO, "titre.jpg", "image/jpeg", "Titre de séjour"), owner.add(CV, "cv-amina.pdf", "application/pdf", "CV")
    _, phone = fresh(browser, server, console)
    owner.log_in(phone)
    phone.goto(f"/shares/new?document={cv}")
    phone.get_by_label("Titre de séjour").check()
    phone.select_option("select[name=expires_in_hours]", "24")
    phone.fill("input[name=label]", "Boulangerie du Marché")
    phone.get_by_role("button", name="Créer le lien").click()
    expect(phone.locator("h1")).to_have_text("Votre lien de partage est prêt")
    assert phone.locator("img.qr").evaluate("img => img.naturalWidth") > 0
    url = phone.locator("[data-link-url]").input_value()
    link = parse(url)
    phone.screenshot(path=str(tmp_path / "link-made-360.png"), full_page=True)

    _, recipient = fresh(browser, server, console)
    sent: list[str] = []
    recipient.on("request", lambda request: sent.append(request.url + " " + (request.post_data or "")))
    recipient.goto(url)
    expect(recipient.locator("h1")).to_have_text("Documents partagés avec vous")
    recipient.get_by_role("button", name="Voir les documents").click()
    cards = recipient.locator(".shared-document")
    expect(cards).to_have_count(2)
    expect(cards.nth(0).locator("[data-title]")).to_have_text("CV")
    expect(cards.nth(0).locator(".preview iframe[sandbox='']")).to_have_count(1)
    image = cards.nth(1).locator(".preview img")
    expect(image).to_be_visible()
    recipient.wait_for_function("() => document.querySelector('.shared-document .preview img').complete")
    assert image.evaluate("img => img.naturalWidth") == 640
    assert downloaded(recipient, cards.nth(0)) == CV
    assert downloaded(recipient, cards.nth(1)) == PHOTO
    assert cards.nth(1).locator("[data-download]").get_attribute("download") == "titre.jpg"
    recipient.screenshot(path=str(tmp_path / "link-opened-360.png"), full_page=True)

    recipient.get_by_role("button", name="English").click()
    expect(recipient.locator("h1")).to_have_text("Documents shared with you")
    assert recipient.evaluate("document.documentElement.lang") == "en"

    fragment = url.partition("#")[2]
    assert sent and not [line for line in sent if fragment in line or "#" in line.split(" ")[0]]
    phone.goto("/shares")
    expect(phone.locator("[data-opens]")).to_contain_text("Ouvert 1 fois")
    assert leaks(link, server.data_dir, server.tmp, server.log.parent) == []


def test_an_expired_link_says_so(server: LiveServer, browser: Browser, console: Console) -> None:
    owner = Owner(server)
    made = owner.share([owner.add(CV, "cv.pdf", "application/pdf", "CV")], expires_in_hours=1)
    engine = connect(f"sqlite:///{server.data_dir / 'vault.db'}")
    with engine.begin() as conn:
        conn.execute(update(shares).where(shares.c.id == made["id"]).values(expires_at=utcnow() - timedelta(minutes=1)))
    engine.dispose()
    _, recipient = fresh(browser, server, console)
    recipient.goto(made["url"])
    expect(recipient.locator("[data-problem] p[lang=fr]")).to_have_text("Ce lien a expiré. Demandez un nouveau lien à la personne qui vous l'a envoyé.")
    expect(recipient.locator("[data-problem] p[lang=en]")).to_contain_text("This link has expired.")
    expect(recipient.get_by_role("button", name="Voir les documents")).to_have_count(0)


def test_a_link_revoked_while_its_page_is_open_gives_nothing(server: LiveServer, browser: Browser, console: Console) -> None:
    owner = Owner(server)
    made = owner.share([owner.add(CV, "cv.pdf", "application/pdf", "CV")])
    _, recipient = fresh(browser, server, console)
    recipient.goto(made["url"])
    open_button = recipient.get_by_role("button", name="Voir les documents")
    expect(open_button).to_be_visible()
    with owner.api() as http:
        assert http.delete(f"/api/v1/shares/{made['id']}").status_code == 204
    with recipient.expect_response(lambda r: r.url.endswith("/open")) as answer:
        open_button.click()
    assert answer.value.status == 410
    expect(recipient.locator("[data-problem] p[lang=fr]")).to_have_text("Ce lien a été arrêté par la personne qui l'a créé.")
    expect(recipient.locator(".shared-document")).to_have_count(0)
    recipient.reload()
    expect(recipient.locator("[data-problem] p[lang=en]")).to_have_text("This link was stopped by the person who made it.")


def test_the_pin_is_asked_and_a_wrong_one_is_refused(server: LiveServer, browser: Browser, console: Console) -> None:
    owner = Owner(server)
    made = owner.share([owner.add(PHOTO, "titre.jpg", "image/jpeg", "Titre")], pin="739164")
    _, recipient = fresh(browser, server, console)
    recipient.goto(made["url"])
    recipient.fill("input[name=pin]", "111111")
    recipient.get_by_role("button", name="Voir les documents").click()
    expect(recipient.locator("[data-problem] p[lang=fr]")).to_have_text("Code PIN faux. Il reste 4 essai(s).")
    recipient.fill("input[name=pin]", "739164")
    recipient.get_by_role("button", name="Voir les documents").click()
    card = recipient.locator(".shared-document")
    expect(card).to_have_count(1)
    expect(recipient.locator("[data-problem]")).to_be_hidden()
    assert downloaded(recipient, card) == PHOTO


def test_two_people_opening_a_one_open_link_at_once_one_gets_it(server: LiveServer, browser: Browser, console: Console) -> None:
    owner = Owner(server)
    made = owner.share([owner.add(PHOTO, "titre.jpg", "image/jpeg", "Titre")], max_opens=1)
    pages = [fresh(browser, server, console)[1] for _ in range(3)]
    for page in pages:
        page.goto(made["url"])
        expect(page.locator(".note")).to_contain_text("ce lien ne s'ouvre qu'une fois")
    for page in pages:
        page.evaluate("document.querySelector('[data-open-form] button').click()")
    for page in pages:
        page.wait_for_function("() => document.querySelector('.shared-document') || !document.querySelector('[data-problem]').hidden")
    opened = [page for page in pages if page.locator(".shared-document").count() == 1]
    refused = [page for page in pages if page.locator(".shared-document").count() == 0]
    assert len(opened) == 1 and len(refused) == 2
    for page in refused:
        expect(page.locator("[data-problem] p[lang=fr]")).to_have_text("Ce lien a déjà été ouvert autant de fois que permis.")


def test_a_missing_or_damaged_fragment_is_explained_and_spends_no_open(server: LiveServer, browser: Browser, console: Console) -> None:
    owner = Owner(server)
    made = owner.share([owner.add(CV, "cv.pdf", "application/pdf", "CV")], max_opens=1)
    _, recipient = fresh(browser, server, console)
    recipient.goto(made["url"].partition("#")[0])
    expected = "Ce lien est incomplet ou abîmé : la fin du lien (après #) manque ou a changé. Copiez le lien entier depuis le message reçu."
    expect(recipient.locator("[data-problem] p[lang=fr]")).to_have_text(expected)
    expect(recipient.get_by_role("button", name="Voir les documents")).to_be_hidden()
    path, _, fragment = made["url"].partition("#")
    # a middle character: the last one of 43 base64url characters also carries 2 padding bits,
    # so changing it can leave the 32 bytes as they were
    damaged = fragment[:10] + ("A" if fragment[10] != "A" else "B") + fragment[11:]
    recipient.goto("about:blank")
    recipient.goto(f"{path}#{damaged}")
    recipient.get_by_role("button", name="Voir les documents").click()
    expect(recipient.locator("[data-problem] p[lang=fr]")).to_have_text(expected)
    recipient.goto("about:blank")
    recipient.goto(f"{path}#{fragment[:20]}")
    expect(recipient.locator("[data-problem] p[lang=en]")).to_contain_text("This link is incomplete or damaged")
    with owner.api() as http:
        assert http.get(f"/api/v1/shares/{made['id']}").json()["opens"] == 0


def test_a_browser_without_webcrypto_is_told_why(chromium: Playwright, server: LiveServer, console: Console) -> None:
    """Plain http on a name that is not localhost is not a secure context: no crypto.subtle."""
    owner = Owner(server)
    made = owner.share([owner.add(CV, "cv.pdf", "application/pdf", "CV")])
    port = server.url.rsplit(":", 1)[1]
    browser = chromium.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP vault.test 127.0.0.1"])
    try:
        page = console.watch(browser.new_context(locale="fr-FR", **PHONE).new_page())
        page.goto(f"http://vault.test:{port}/s/{made['id']}#{made['url'].partition('#')[2]}")
        assert page.evaluate("window.isSecureContext") is False
        expect(page.locator("[data-problem] p[lang=fr]")).to_contain_text("Ce navigateur ne peut pas déchiffrer les documents ici")
        expect(page.get_by_role("button", name="Voir les documents")).to_have_count(0)
    finally:
        browser.close()
    console.lines = [line for line in console.lines if "Cross-Origin-Opener-Policy header has been ignored" not in line]


def test_a_deposit_link_upload_is_kept_from_the_inbox(server: LiveServer, browser: Browser, console: Console, tmp_path: Path) -> None:
    owner = Owner(server)
    _, phone = fresh(browser, server, console)
    owner.log_in(phone)
    phone.goto("/deposits")
    phone.fill("input[name=label]", "Fiches de paie")
    phone.select_option("select[name=max_uploads]", "2")
    phone.get_by_role("button", name="Créer le lien de dépôt").click()
    expect(phone.locator("h1")).to_have_text("Votre lien de dépôt est prêt")
    url = phone.locator("[data-link-url]").input_value()

    _, uploader = fresh(browser, server, console)
    uploader.goto(url)
    expect(uploader.locator("h1")).to_have_text("Déposer un document")
    payslip = text_pdf(["BULLETIN DE SALAIRE", "Net a payer 1 512,40 EUR"])
    uploader.set_input_files("input[type=file]", files=[{"name": "bulletin-mars.pdf", "mimeType": "application/pdf", "buffer": payslip}])
    with uploader.expect_response(lambda r: r.url.split("?")[0].endswith("/files")) as posted:
        uploader.get_by_role("button", name="Envoyer").click()
    assert posted.value.status == 201
    expect(uploader.locator("[data-done]")).to_be_visible()
    expect(uploader.locator("[data-remaining]")).to_contain_text("Ce lien accepte encore 1 fichier(s)")
    uploader.screenshot(path=str(tmp_path / "deposit-sent-360.png"), full_page=True)

    phone.goto("/documents")
    expect(phone.locator(".doc")).to_have_count(0)
    phone.goto("/inbox")
    item = phone.locator(".inbox-item")
    expect(item).to_have_count(1)
    expect(item).to_contain_text("bulletin-mars.pdf")
    expect(item).to_contain_text("Arrivé par : Fiches de paie")
    item.get_by_role("button", name="Garder").click()
    expect(phone.locator(".notice")).to_contain_text("Le document est rangé dans vos documents.")
    phone.goto("/documents")
    expect(phone.locator(".doc")).to_have_count(1)
    with owner.api() as http:
        [kept] = http.get("/api/v1/documents").json()
        assert http.get(f"/api/v1/documents/{kept['id']}/content").content == payslip
