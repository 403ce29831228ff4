"""Every page under the strict CSP, in every language; right-to-left Arabic; complete locale files."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.pages.browse import document_ids, inline_code, sign_up, submit, upload
from tests.samples import text_image
from web.pages.locales import Locales
from web.pages.render import WEB

LOCALES = WEB / "locales"
LANGUAGES = sorted(p.stem for p in LOCALES.glob("*.json"))


def visit_every_page(client: TestClient, language: str) -> dict[str, str]:
    """Signed out, then signed in with one document: every page's HTML, including error pages."""
    pages = {path: client.get(path).text for path in ("/", "/signup", "/login", "/recover", "/?notice=logged_out")}
    pages["signup problem"] = submit(client, "/signup", "/signup", {"handle": "x"}).text
    pages["login problem"] = submit(client, "/login", "/login", {"handle": "nobody-here", "passphrase": "wrong wrong"}).text
    _, sheet = sign_up(client, language=language)
    pages["/welcome"] = sheet.text
    pages["/welcome again"] = client.get("/welcome").text
    pages["/documents empty"] = client.get("/documents").text
    upload(client, text_image(["A"], size=(200, 120)), "a.jpg", "image/jpeg")
    [document_id] = document_ids(client.get("/documents").text)
    for path in ("/documents?notice=added", "/documents/new", f"/documents/{document_id}", f"/documents/{document_id}/delete",
                 "/account/passphrase", "/documents/" + "0" * 32):
        pages[path] = client.get(path).text
    pages.update(visit_findings_and_search(client, f"/documents/{document_id}"))
    pages["not found"] = client.get("/nothing-here").text
    pages["forbidden"] = client.post("/logout", data={}).text
    return pages


def visit_findings_and_search(client: TestClient, page: str) -> dict[str, str]:
    """The document made a permit expiring soon, with fields and tags: its page, the reminder, searches."""
    submit(client, page, f"{page}/category", {"category": "residence_permit"})
    soon = (date.today() + timedelta(days=40)).isoformat()
    submit(client, page, f"{page}/details", {"expires_on": soon, "permit_kind": "carte_temporaire", "tags": "a, language:french"})
    visited = {
        "document with findings": client.get(page).text,
        "correction problem": submit(client, page, f"{page}/details", {"expires_on": "not a date", "tags": ""}).text,
        "/documents with reminder": client.get("/documents").text,
        "/documents searched": client.get("/documents?q=A&category=residence_permit").text,
        "/documents no match": client.get("/documents?q=nothing-like-this").text,
    }
    assert 'class="reminder stage-60"' in visited["/documents with reminder"]
    return visited


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_has_inline_script_or_style(client: TestClient, language: str) -> None:
    client.get(f"/language/{language}?next=/")
    for name, html in visit_every_page(client, language).items():
        assert html.startswith("<!doctype html>"), name
        assert inline_code(html) == [], name
        assert f'<html lang="{language}"' in html, name


def test_pages_carry_the_strict_csp_and_no_store(client: TestClient) -> None:
    for path in ("/", "/login", "/signup"):
        response = client.get(path)
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "style-src 'self'" in csp and "unsafe-inline" not in csp
        assert response.headers["cache-control"] == "no-store"


def test_language_switch_renders_arabic_right_to_left(client: TestClient) -> None:
    switched = client.get("/language/ar?next=/login", follow_redirects=False)
    assert switched.status_code == 303 and switched.headers["location"] == "/login"
    page = client.get("/login").text
    assert '<html lang="ar" dir="rtl">' in page
    assert "تسجيل الدخول" in page
    assert '<html lang="en" dir="ltr">' in (client.get("/language/en?next=/login").text)


def test_french_is_the_default_and_unknown_languages_are_ignored(client: TestClient) -> None:
    assert '<html lang="fr" dir="ltr">' in client.get("/").text
    client.get("/language/xx?next=/")
    assert '<html lang="fr" dir="ltr">' in client.get("/").text


def test_language_switch_never_leaves_the_site(client: TestClient) -> None:
    for target in ("//evil.example", "https://evil.example/", "/\\evil.example"):
        assert client.get(f"/language/en?next={target}", follow_redirects=False).headers["location"] == "/"


def test_account_language_applies_after_login_without_an_explicit_choice(client: TestClient) -> None:
    person, _ = sign_up(client, language="ar")
    client.cookies.clear()
    submit(client, "/login", "/login", {"handle": person.handle, "passphrase": person.passphrase})
    assert '<html lang="ar" dir="rtl">' in client.get("/documents").text
    client.get("/language/en?next=/documents")
    assert '<html lang="en" dir="ltr">' in client.get("/documents").text


def test_a_new_locale_file_is_a_new_language(tmp_path: Path) -> None:
    for code in ("fr", "en"):
        (tmp_path / f"{code}.json").write_text((LOCALES / f"{code}.json").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "fa.json").write_text(json.dumps({"_meta": {"name": "فارسی", "dir": "rtl"}, "nav.home": "خانه"}), encoding="utf-8")
    locales = Locales.load(tmp_path, "fr")
    assert [c.code for c in locales.choices()][0] == "fr" and locales.known("fa")
    assert locales.catalogs["fa"].direction == "rtl"
    assert locales.text("fa", "nav.home") == "خانه"
    assert locales.text("fa", "nav.logout") == "Se déconnecter"


def test_every_locale_has_every_key_of_the_default() -> None:
    default = json.loads((LOCALES / "fr.json").read_text(encoding="utf-8"))
    for language in LANGUAGES:
        catalog = json.loads((LOCALES / f"{language}.json").read_text(encoding="utf-8"))
        assert set(catalog) == set(default), language
        for key, text in catalog.items():
            if key != "_meta":
                assert set(re.findall(r"\{(\w+)\}", text)) == set(re.findall(r"\{(\w+)\}", default[key])), (language, key)


def test_templates_use_only_known_keys() -> None:
    default = json.loads((LOCALES / "fr.json").read_text(encoding="utf-8"))
    used: set[str] = set()
    for template in (WEB / "templates").glob("*.html"):
        used |= set(re.findall(r"""\bt\(["']([a-z_.]+)["']\s*[,)]""", template.read_text(encoding="utf-8")))
    assert used and used <= set(default), used - set(default)
