"""Driving the pages like a browser without JavaScript: read the form token, post forms, follow redirects."""

from __future__ import annotations

import html
import re
import secrets
from dataclasses import dataclass
from html.parser import HTMLParser

import httpx
from fastapi.testclient import TestClient

from tests.conftest import PASSPHRASE, User
from tests.conftest import upload as api_upload

TOKEN = re.compile(r'name="csrf_token" value="([0-9a-f]{64})"')
CODE_GROUP = re.compile(r'class="group">([0-9A-Z]{4})<')


@dataclass
class PagePerson:
    handle: str
    passphrase: str
    recovery_code: str


def shown(response: httpx.Response) -> str:
    """The page's text as a person reads it (entities such as &#39; decoded)."""
    return html.unescape(response.text)


def token_of(page: str) -> str:
    match = TOKEN.search(page)
    assert match, "the page has no form token"
    return match.group(1)


def submit(client: TestClient, page: str, action: str, fields: dict[str, str], follow: bool = False) -> httpx.Response:
    """Open `page`, take its form token, post `fields` to `action` as the page's form would."""
    token = token_of(client.get(page).text)
    response: httpx.Response = client.post(action, data={"csrf_token": token, **fields}, follow_redirects=follow)
    return response


def recovery_code_on(page: str) -> str:
    return "-".join(CODE_GROUP.findall(page))


def sign_up(client: TestClient, handle: str | None = None, language: str = "fr") -> tuple[PagePerson, httpx.Response]:
    """Create an account through the sign-up page; returns the person and the recovery sheet page."""
    handle = handle or "page-" + secrets.token_hex(4)
    created = submit(client, "/signup", "/signup", {
        "handle": handle, "display_name": "Amina", "passphrase": PASSPHRASE, "passphrase_again": PASSPHRASE, "language": language,
    })
    assert created.status_code == 303 and created.headers["location"] == "/welcome", created.text
    sheet = client.get("/welcome")
    return PagePerson(handle, PASSPHRASE, recovery_code_on(sheet.text)), sheet


def log_in(client: TestClient, handle: str, passphrase: str = PASSPHRASE) -> httpx.Response:
    return submit(client, "/login", "/login", {"handle": handle, "passphrase": passphrase})


def upload(client: TestClient, data: bytes, filename: str, mime: str, title: str = "", category: str = "") -> httpx.Response:
    """The upload form without JavaScript: multipart, small fields (token first) before the file."""
    token = token_of(client.get("/documents/new").text)
    response: httpx.Response = client.post(
        "/documents/new", data={"csrf_token": token, "title": title, "category": category},
        files={"file": (filename, data, mime)}, follow_redirects=False,
    )
    return response


def add_document(client: TestClient, user: User, title: str, category: str, fields: dict[str, str] | None = None) -> str:
    """A document added through the JSON API, its fields set as a person's correction (PATCH)."""
    doc = api_upload(client, user, f"%PDF-1.4 {title}".encode(), filename=f"{title}.pdf", title=title, category=category)
    if fields:
        patched = client.patch(f"/api/v1/documents/{doc['id']}", headers=user.auth, json={"fields": fields})
        assert patched.status_code == 200, patched.text
    return str(doc["id"])


def document_ids(page: str) -> list[str]:
    return re.findall(r'href="/documents/([0-9a-f]{32})"', page)


class InlineCode(HTMLParser):
    """Collects what a strict CSP (`script-src 'self'; style-src 'self'`) would block."""

    def __init__(self) -> None:
        super().__init__()
        self.blocked: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "script" and not names.get("src"):
            self.blocked.append("<script> without src")
        if tag == "style":
            self.blocked.append("<style> element")
        for name, value in attrs:
            if name == "style" or name.startswith("on"):
                self.blocked.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.blocked.append(f"<{tag} {name}=javascript:...>")


def inline_code(page: str) -> list[str]:
    parser = InlineCode()
    parser.feed(page)
    return parser.blocked
