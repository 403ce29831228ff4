"""The recovery banner with the person logged in twice (a phone and a computer): both show it,
a cancellation from one ends the claim for all, and the other no longer shows it."""

from __future__ import annotations

import re
from datetime import timedelta

from fastapi.testclient import TestClient

from tests.mandates.conftest import log_in as unlocked
from tests.pages.browse import log_in, shown, submit
from tests.pages.test_mandate_pages import NEW_PASSPHRASE, approved, caseworker, join, post  # noqa: F401  (fixture)
from vault.runtime import Runtime
from vault.trustees import claims

BANNER = "Arrêter cette récupération"


def test_cancelling_from_a_second_session_ends_the_recovery_on_the_first(client: TestClient, caseworker: TestClient, runtime: Runtime) -> None:
    join(caseworker, runtime)
    person_id, _, _ = approved(client, caseworker)
    chosen = post(client, "/trusted", "/trusted", {"trustee": re.findall(r'value="([0-9a-f]{32})"', client.get("/trusted").text), "threshold": "1"})
    assert chosen.status_code == 303, chosen.text
    phone = TestClient(client.app, base_url="http://testserver")
    assert log_in(phone, "amina").status_code == 303
    sessions = {browser.cookies.get("vault_session") for browser in (client, phone)}
    assert len(sessions) == 2 and None not in sessions
    started = post(caseworker, f"/people/{person_id}", f"/people/{person_id}/recovery", {})
    code = "-".join(re.findall(r'class="group">([0-9A-Z]{4})<', started.text))
    for session in (client, phone):
        assert BANNER in shown(session.get("/documents")) and BANNER in shown(session.get("/journal"))
    [claim_id] = re.findall(r'action="/recovery-claims/([0-9a-f]{32})/cancel"', phone.get("/documents").text)
    cancelled = post(phone, "/documents", f"/recovery-claims/{claim_id}/cancel", {})
    assert cancelled.status_code == 303 and cancelled.headers["location"] == "/trusted?notice=cancelled"
    for page in ("/documents", "/journal", "/trusted"):
        assert BANNER not in shown(client.get(page)), page
    assert claims.under_way(runtime, unlocked(runtime, "amina")) == []
    moment = runtime.clock() + timedelta(hours=49)
    runtime.clock = lambda: moment
    stranger = TestClient(client.app, base_url="http://testserver")
    fields = {"handle": "amina", "code": code, "new_passphrase": NEW_PASSPHRASE, "new_passphrase_again": NEW_PASSPHRASE}
    assert submit(stranger, "/recover/trusted", "/recover/trusted", fields).status_code == 401
