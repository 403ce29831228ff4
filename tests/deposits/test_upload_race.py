"""N uploaders sending at the same instant through a one-file deposit link: one file
arrives (SQLite and PostgreSQL, real server)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from tests.conftest import PASSPHRASE
from tests.live import LiveServer, live_server

PARALLEL = 12
PDF = b"%PDF-1.4 bulletin de salaire " * 100


@pytest.fixture(params=["sqlite", "postgresql"])
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LiveServer]:
    env = {"VAULT_DATABASE_URL": request.getfixturevalue("postgres_url")} if request.param == "postgresql" else {}
    with live_server(tmp_path / "server", **env) as running:
        yield running


def test_parallel_uploads_to_a_one_file_link_store_one_file(server: LiveServer) -> None:
    with server.client() as http:
        http.post("/api/v1/accounts", json={"handle": "amina", "passphrase": PASSPHRASE}).raise_for_status()
        auth = {"Authorization": "Bearer " + http.post("/api/v1/sessions", json={"handle": "amina", "passphrase": PASSPHRASE}).json()["token"]}
        made = http.post("/api/v1/deposits", json={"max_uploads": 1}, headers=auth).json()
    start = threading.Barrier(PARALLEL)

    def attempt(_: int) -> httpx.Response:
        with server.client(timeout=60) as uploader:
            start.wait()
            return uploader.post(
                f"/api/v1/deposit-links/{made['id']}/files", content=PDF, params={"filename": "mars.pdf"},
                headers={"Content-Type": "application/pdf", "X-Deposit-Token": urlsplit(made["url"]).fragment},
            )

    with ThreadPoolExecutor(PARALLEL) as pool:
        statuses = sorted(a.status_code for a in pool.map(attempt, range(PARALLEL)))
    assert statuses == [201] + [410] * (PARALLEL - 1)
    with server.client() as http:
        assert len(http.get("/api/v1/inbox", headers=auth).json()) == 1
        assert http.get(f"/api/v1/deposits/{made['id']}", headers=auth).json()["uploads"] == 1
