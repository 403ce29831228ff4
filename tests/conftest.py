"""Shared fixtures: settings in a temporary directory, the real app through its
ASGI client, and builders (`make_user`, `upload`)."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from vault.bootstrap import build_runtime, close_runtime
from vault.runtime import Runtime
from vault.settings import Settings
from web.app import create_app

pytest_plugins = ["tests.fixtures_s3", "tests.fixtures_pg"]

PASSPHRASE = "correct horse battery staple"
FAST_ARGON2 = {"argon2_memory_kib": 8192, "argon2_iterations": 1, "argon2_lanes": 1}


def make_settings(data_dir: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {"data_dir": data_dir, "cookie_secure": False, **FAST_ARGON2}
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path / "data")


@pytest.fixture
def runtime(settings: Settings) -> Iterator[Runtime]:
    rt = build_runtime(settings, with_tagger=False)
    yield rt
    close_runtime(rt)


@pytest.fixture
def client(runtime: Runtime) -> Iterator[TestClient]:
    with TestClient(create_app(runtime=runtime), base_url="http://testserver") as test_client:
        yield test_client


@dataclass
class User:
    id: str
    handle: str
    passphrase: str
    recovery_code: str
    token: str

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def make_user(client: TestClient, handle: str | None = None, passphrase: str = PASSPHRASE, **extra: object) -> User:
    handle = handle or "user-" + secrets.token_hex(4)
    created = client.post("/api/v1/accounts", json={"handle": handle, "passphrase": passphrase, **extra})
    assert created.status_code == 201, created.text
    session = client.post("/api/v1/sessions", json={"handle": handle, "passphrase": passphrase})
    assert session.status_code == 201, session.text
    client.cookies.clear()
    body = created.json()
    return User(body["id"], body["handle"], passphrase, body["recovery_code"], session.json()["token"])


def upload(client: TestClient, user: User, data: bytes, filename: str = "scan.pdf", mime: str = "application/pdf", **params: str) -> dict[str, object]:
    response = client.post(
        "/api/v1/documents", content=data, params={"filename": filename, **params},
        headers={**user.auth, "Content-Type": mime},
    )
    assert response.status_code == 201, response.text
    result: dict[str, object] = response.json()
    return result
