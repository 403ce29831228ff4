"""Check-then-use races against a real server: N recipients opening a link at the same
instant never get the key more often than the link allows (SQLite and PostgreSQL)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.conftest import PASSPHRASE
from tests.live import LiveServer, live_server
from tests.shares.recipient import Link, parse

PARALLEL = 16


@pytest.fixture(params=["sqlite", "postgresql"])
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LiveServer]:
    env = {"VAULT_DATABASE_URL": request.getfixturevalue("postgres_url")} if request.param == "postgresql" else {}
    with live_server(tmp_path / "server", **env) as running:
        yield running


def shared_link(server: LiveServer, **options: object) -> Link:
    with server.client() as http:
        http.post("/api/v1/accounts", json={"handle": "amina", "passphrase": PASSPHRASE}).raise_for_status()
        token = http.post("/api/v1/sessions", json={"handle": "amina", "passphrase": PASSPHRASE}).json()["token"]
        auth = {"Authorization": f"Bearer {token}"}
        doc = http.post("/api/v1/documents", content=b"%PDF-1.4 cv", params={"filename": "cv.pdf"}, headers={**auth, "Content-Type": "application/pdf"}).json()
        made = http.post("/api/v1/shares", json={"document_ids": [doc["id"]], **options}, headers=auth)
        made.raise_for_status()
    return parse(made.json()["url"])


def open_together(server: LiveServer, link: Link, count: int) -> list[httpx.Response]:
    start = threading.Barrier(count)

    def attempt(_: int) -> httpx.Response:
        with server.client(timeout=60) as http:
            start.wait()
            return http.post(f"/api/v1/links/{link.id}/open", json={"proof": link.proof})

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(attempt, range(count)))


def test_parallel_opens_of_a_one_open_link_release_the_key_once(server: LiveServer) -> None:
    link = shared_link(server, max_opens=1)
    answers = open_together(server, link, PARALLEL)
    statuses = sorted(a.status_code for a in answers)
    assert statuses == [200] + [410] * (PARALLEL - 1), [a.text for a in answers]
    assert {a.json()["error"] for a in answers if a.status_code == 410} == {"link_used_up"}
    assert len([a for a in answers if "documents" in a.json()]) == 1


def test_parallel_opens_never_exceed_the_allowed_number(server: LiveServer) -> None:
    link = shared_link(server, max_opens=3)
    statuses = [a.status_code for a in open_together(server, link, PARALLEL)]
    assert statuses.count(200) == 3 and statuses.count(410) == PARALLEL - 3
