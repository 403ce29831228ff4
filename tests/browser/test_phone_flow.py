"""A person on a phone: sign up, keep the recovery sheet, add a photo, see it, open it, read a
PDF page by page, log out.

Real Chromium (Debian's build, driven by Playwright) on a phone-sized screen
against a real uvicorn server, with the production CSP: any inline script or
style the pages relied on would show up as a console violation.
"""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import FilePayload, Page, expect, sync_playwright

from tests.live import LiveServer, live_server
from tests.vault.test_pdf_previews import three_pages

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
]
PASSPHRASE = "river lamp orange seven"


def photo_of_a_paper() -> bytes:
    image = Image.new("RGB", (900, 600), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 40, 860, 560), outline="navy", width=8)
    draw.text((80, 80), "TITRE DE SEJOUR", fill="black")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    with live_server(tmp_path / "server") as running:
        yield running


@pytest.mark.skipif(CHROMIUM is None, reason="this machine has no chromium (Debian: apt-get install chromium)")
def test_phone_sign_up_upload_open_and_log_out(server: LiveServer, tmp_path: Path) -> None:
    console: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            phone = browser.new_context(
                base_url=server.url, viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True,
                device_scale_factor=2, locale="fr-FR",
            )
            page = phone.new_page()
            page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
            page.on("pageerror", lambda error: console.append(f"pageerror: {error}"))
            walk_through(page, tmp_path)
        finally:
            browser.close()
    assert not [line for line in console if "Content Security Policy" in line or "Content-Security-Policy" in line], console
    assert not [line for line in console if line.startswith(("error", "pageerror"))], console


def walk_through(page: Page, tmp_path: Path) -> None:
    page.goto("/")
    page.get_by_role("link", name="Créer mon coffre").click()
    page.fill("input[name=handle]", "amina")
    page.fill("input[name=passphrase]", PASSPHRASE)
    expect(page.locator("#f-passphrase-strength")).to_be_visible()
    page.fill("input[name=passphrase_again]", PASSPHRASE)
    page.get_by_role("button", name="Créer mon coffre").click()

    expect(page).to_have_url(re.compile(r"/welcome$"))
    expect(page.locator(".code .group")).to_have_count(7)
    assert page.locator("img.qr").evaluate("img => img.naturalWidth") > 0
    expect(page.locator("[data-print]")).to_be_visible()
    page.get_by_role("link", name="Je l'ai bien noté").click()

    expect(page.locator("h1")).to_have_text("Mes documents")
    page.locator(".heading").get_by_role("link", name="Ajouter").click()
    page.fill("input[name=title]", "Titre de séjour")
    page.get_by_label("Titre de séjour", exact=True).check()
    photo: FilePayload = {"name": "photo.jpg", "mimeType": "image/jpeg", "buffer": photo_of_a_paper()}
    page.set_input_files("input[name=file]", files=[photo])
    with page.expect_response(lambda r: r.url.endswith("/api/v1/documents") and r.request.method == "POST") as posted:
        page.get_by_role("button", name="Mettre dans mon coffre").click()
    assert posted.value.status == 201

    expect(page.locator(".notice")).to_contain_text("Le document est dans votre coffre.")
    expect(page.locator(".doc-title")).to_have_text(["Titre de séjour"])
    expect(page.locator(".doc .doc-category")).to_have_text(["Titre de séjour"])
    page.screenshot(path=str(tmp_path / "documents-360.png"), full_page=True)

    page.locator(".doc").first.click()
    preview = page.locator(".preview img")
    expect(preview).to_be_visible()
    page.wait_for_function("() => document.querySelector('.preview img').complete")
    assert preview.evaluate("img => img.naturalWidth") == 900

    page.goto("/documents/new")
    page.fill("input[name=title]", "Décision OFPRA")
    decision: FilePayload = {"name": "decision.pdf", "mimeType": "application/pdf", "buffer": three_pages()}
    page.set_input_files("input[name=file]", files=[decision])
    page.get_by_role("button", name="Mettre dans mon coffre").click()
    page.get_by_role("link", name=re.compile("Décision OFPRA")).click()
    expect(page.locator(".preview .pages")).to_contain_text("Page 1 sur 3")
    assert page.locator(".preview img").evaluate("img => img.complete && img.naturalWidth") == 1000
    page.get_by_role("link", name="Page suivante").click()
    expect(page.locator(".preview .pages")).to_contain_text("Page 2 sur 3")
    assert page.locator(".preview img").evaluate("img => img.complete && img.naturalWidth") == 1000
    page.screenshot(path=str(tmp_path / "pdf-page-360.png"), full_page=True)

    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.locator(".notice")).to_contain_text("Vous êtes déconnecté")
    page.goto("/documents")
    expect(page.locator("h1")).to_have_text("Me connecter")
