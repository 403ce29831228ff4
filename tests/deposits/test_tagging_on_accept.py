"""A deposited document is tagged when its owner accepts it (tagging needs the owner's keys)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.conftest import make_settings, make_user
from tests.deposits.test_deposit_links import deposit_link, send
from tests.samples import text_pdf
from vault.bootstrap import build_runtime, close_runtime
from web.app import create_app


@pytest.fixture
def tagging_client(tmp_path: Path) -> Iterator[TestClient]:
    runtime = build_runtime(make_settings(tmp_path / "data"), with_tagger=True)
    try:
        with TestClient(create_app(runtime=runtime), base_url="http://testserver") as client:
            yield client
    finally:
        close_runtime(runtime)


def test_a_deposited_payslip_is_tagged_once_accepted(tagging_client: TestClient) -> None:
    client = tagging_client
    owner = make_user(client)
    made = deposit_link(client, owner)
    payslip = text_pdf(["BULLETIN DE SALAIRE", "Periode du 01/03/2026 au 31/03/2026", "Net a payer 1 512,40 EUR"])
    assert send(client, made, data=payslip).status_code == 201
    [waiting] = client.get("/api/v1/inbox", headers=owner.auth).json()
    time.sleep(0.5)
    assert client.get(f"/api/v1/documents/{waiting['id']}", headers=owner.auth).json()["tag_state"] == "untagged"
    accepted = client.post(f"/api/v1/inbox/{waiting['id']}/accept", headers=owner.auth).json()
    assert accepted["tag_state"] in ("tagging", "tagged")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        detail = client.get(f"/api/v1/documents/{waiting['id']}", headers=owner.auth).json()
        if detail["tag_state"] != "tagging":
            break
        time.sleep(0.2)
    assert detail["tag_state"] == "tagged", detail
    assert "BULLETIN DE SALAIRE" in detail["text"]
    assert detail["category"] == "payslip"
