"""A second trusted person approves a recovery on their people page, typing the check the
person reads from the slip the first one printed: a wrong check is refused next to the field."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.conftest import PASSPHRASE
from tests.mandates.conftest import log_in
from tests.pages.browse import shown, submit
from tests.pages.test_mandate_pages import approved, caseworker, join, post  # noqa: F401  (fixture)
from vault.organisations import service as organisations
from vault.runtime import Runtime
from vault.trustees import claims


def second_caseworker(client: TestClient, runtime: Runtime, first_mandate: str) -> TestClient:
    """Another caseworker of the same centre, with a mandate the person approved on their page."""
    other = TestClient(client.app, base_url="http://testserver")
    invitation = organisations.invite(runtime, "Centre Alpha")
    joined = submit(other, f"/join/{invitation.id}", f"/join/{invitation.id}", {
        "code": invitation.code, "name": "Malik Benali", "handle": "malik", "passphrase": PASSPHRASE, "passphrase_again": PASSPHRASE,
    })
    assert joined.status_code == 303, joined.text
    asked = post(other, "/people/ask?handle=amina", "/people/ask",
                 {"handle": "amina", "category": "residence_permit", "permission": ["view"], "days": "30"})
    assert asked.status_code == 303, asked.text
    [mandate_id] = [m for m in re.findall(r'href="/mandates/([0-9a-f]{32})"', client.get("/caseworkers").text) if m != first_mandate]
    done = post(client, f"/mandates/{mandate_id}", f"/mandates/{mandate_id}/approve",
                {"category": "residence_permit", "permission": ["view"], "days": "30"})
    assert done.status_code == 303, done.text
    return other


def test_a_second_trusted_person_approves_with_the_check_from_the_slip(client: TestClient, caseworker: TestClient, runtime: Runtime) -> None:
    join(caseworker, runtime)
    person_id, first_mandate, _ = approved(client, caseworker)
    other = second_caseworker(client, runtime, first_mandate)
    trustees = re.findall(r'name="trustee" value="([0-9a-f]{32})"', client.get("/trusted").text)
    assert len(set(trustees)) == 2
    chosen = post(client, "/trusted", "/trusted", {"trustee": trustees, "threshold": "2"})
    assert chosen.status_code == 303, chosen.text
    started = post(caseworker, f"/people/{person_id}", f"/people/{person_id}/recovery", {})
    [check] = re.findall(r'<strong class="code" dir="ltr">([0-9A-Z]{5}-[0-9A-Z]{5})</strong>', started.text)
    page = shown(other.get("/people"))
    assert "Contrôle lu par la personne" in page
    [claim_id] = re.findall(r'action="/recovery-claims/([0-9a-f]{32})/approve"', other.get("/people").text)
    wrong = check[:-1] + ("0" if check[-1] != "0" else "1")
    refused = post(other, "/people", f"/recovery-claims/{claim_id}/approve", {"check": wrong})
    assert refused.status_code == 422
    assert "ne correspond pas à la récupération" in shown(refused) and 'aria-invalid="true"' in refused.text
    assert len(claims.under_way(runtime, log_in(runtime, "amina", PASSPHRASE))[0].approved_by) == 1
    accepted = post(other, "/people", f"/recovery-claims/{claim_id}/approve", {"check": check.lower()})
    assert accepted.status_code == 303 and accepted.headers["location"] == "/people?notice=approved_recovery", accepted.text
    assert claims.under_way(runtime, log_in(runtime, "amina", PASSPHRASE))[0].status == "waiting"


def test_the_trusted_page_says_when_a_trustee_no_longer_counts(client: TestClient, caseworker: TestClient, runtime: Runtime) -> None:
    join(caseworker, runtime)
    person_id, first_mandate, _ = approved(client, caseworker)
    chosen = post(client, "/trusted", "/trusted", {"trustee": re.findall(r'name="trustee" value="([0-9a-f]{32})"', client.get("/trusted").text), "threshold": "1"})
    assert chosen.status_code == 303
    assert "ne compte plus" not in shown(client.get("/trusted"))
    ended = post(caseworker, f"/people/{person_id}", f"/people/{person_id}/end", {})
    assert ended.status_code == 303
    page = shown(client.get("/trusted"))
    assert "Mandat terminé : ne compte plus." in page and "il n'en reste plus assez" in page
    api = client.get("/api/v1/trustees").json()
    assert api["reachable"] is False and len(api["lapsed_trustee_ids"]) == 1
