"""Every API endpoint × every kind of principal: the expected status, and nothing out of scope
in any answer.

Principals (tests/api/world.py): the owner; another person; caseworkers whose mandate from
the owner is active and covers the target (`in_scope`), active but covering other
categories (`out_of_scope`), expired, revoked; a caseworker of another organisation; a
share-link holder (no session, a link access header); nobody. Each endpoint gets a fresh
world, and its principals ask in `ORDER` (the owner last, so its own deletions come
after everyone else's refusals). Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.world import CV_TITLE, ORDER, PERMIT_TITLE, World, build
from tests.conftest import PASSPHRASE
from vault.runtime import Runtime

SCOPE = {"categories": ["residence_permit"], "permissions": ["view"], "days": 30}
NOBODY = {"anonymous": 401, "link_holder": 401}


def expect(everyone: int, **statuses: int) -> dict[str, int]:
    """`everyone` for each principal with a session, 401 without one, unless named."""
    found = {name: everyone for name in ORDER} | NOBODY
    found.update(statuses)
    return found


PERSONS_ONLY = {"in_scope": 403, "out_of_scope": 403, "expired": 403, "revoked": 403, "other_organisation": 403}
CASEWORKERS_ONLY = {"owner": 403, "other_person": 403}
OWNER_ONLY_DOCUMENT = expect(404, owner=200)
READ_IN_SCOPE = expect(404, owner=200, in_scope=200)


@dataclass(frozen=True)
class Case:
    method: str
    path: str
    statuses: dict[str, int]
    json: Any = None
    content: bytes | None = None
    params: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    holder_json: Any = None


CASES: dict[str, Case] = {
    # documents: the same endpoints for the owner and, scoped by the mandate, for caseworkers
    "GET /api/v1/documents": Case("GET", "/api/v1/documents", expect(200)),
    "GET /api/v1/documents?person": Case(
        "GET", "/api/v1/documents", expect(404, owner=200, in_scope=200, out_of_scope=200), params={"person": "{owner}"}),
    "POST /api/v1/documents": Case("POST", "/api/v1/documents", expect(201), content=b"%PDF-1.4 x",
                                   params={"filename": "x.pdf"}, headers={"Content-Type": "application/pdf"}),
    "POST /api/v1/documents?person": Case(
        "POST", "/api/v1/documents", expect(404, owner=201, in_scope=201, out_of_scope=403), content=b"%PDF-1.4 x",
        params={"filename": "x.pdf", "person": "{owner}", "category": "residence_permit"}, headers={"Content-Type": "application/pdf"}),
    "GET /api/v1/documents/{document_id}": Case("GET", "/api/v1/documents/{permit}", READ_IN_SCOPE),
    "GET /api/v1/documents/{document_id} out of scope": Case("GET", "/api/v1/documents/{cv}", OWNER_ONLY_DOCUMENT),
    "GET /api/v1/documents/{document_id}/content": Case("GET", "/api/v1/documents/{permit}/content", READ_IN_SCOPE),
    "GET /api/v1/documents/{document_id}/content out of scope": Case("GET", "/api/v1/documents/{cv}/content", OWNER_ONLY_DOCUMENT),
    "PATCH /api/v1/documents/{document_id}": Case("PATCH", "/api/v1/documents/{permit}", OWNER_ONLY_DOCUMENT, json={"title": "renamed"}),
    "DELETE /api/v1/documents/{document_id}": Case("DELETE", "/api/v1/documents/{spare}", expect(404, owner=204)),
    "GET /api/v1/reminders": Case("GET", "/api/v1/reminders", expect(200)),
    "GET /api/v1/reminders/{document_id}.ics": Case("GET", "/api/v1/reminders/{permit}.ics", READ_IN_SCOPE),
    # mandates
    "GET /api/v1/mandates": Case("GET", "/api/v1/mandates", expect(200)),
    "POST /api/v1/mandates": Case("POST", "/api/v1/mandates", expect(201, owner=409),
                                  json={"person_handle": "{owner_handle}", "caseworker_handle": "{other_organisation_handle}", **SCOPE}),
    "GET /api/v1/mandates/{mandate_id}": Case("GET", "/api/v1/mandates/{mandate}", expect(404, owner=200, in_scope=200)),
    "POST /api/v1/mandates/{mandate_id}/approve": Case(
        "POST", "/api/v1/mandates/{mandate}/approve", expect(404, owner=200, **PERSONS_ONLY), json=SCOPE),
    "POST /api/v1/mandates/{mandate_id}/decline": Case(
        "POST", "/api/v1/mandates/{mandate}/decline", expect(404, owner=200, **PERSONS_ONLY)),
    "POST /api/v1/mandates/{mandate_id}/ask": Case(
        "POST", "/api/v1/mandates/{mandate}/ask", expect(404, in_scope=200, **CASEWORKERS_ONLY), json=SCOPE),
    "PATCH /api/v1/mandates/{mandate_id}": Case(
        "PATCH", "/api/v1/mandates/{mandate}", expect(404, owner=200, **PERSONS_ONLY), json={"days": 10}),
    "DELETE /api/v1/mandates/{mandate_id}": Case("DELETE", "/api/v1/mandates/{mandate}", expect(404, in_scope=204, owner=409)),
    "GET /api/v1/caseworkers/{handle}": Case("GET", "/api/v1/caseworkers/{in_scope_handle}", expect(200)),
    "POST /api/v1/caseworkers": Case("POST", "/api/v1/caseworkers", expect(404, anonymous=404, link_holder=404), json={
        "invitation_id": "0" * 32, "code": "0000-0000-0000-0000-0000-0000-0000", "handle": "joiner", "passphrase": PASSPHRASE, "name": "J"}),
    "GET /api/v1/people": Case("GET", "/api/v1/people", expect(200, owner=403, other_person=403)),
    "GET /api/v1/people/{person_id}": Case("GET", "/api/v1/people/{owner}", expect(404, owner=403, other_person=403, in_scope=200, out_of_scope=200)),
    # journal
    "GET /api/v1/journal": Case("GET", "/api/v1/journal", expect(200)),
    "GET /api/v1/journal/export": Case("GET", "/api/v1/journal/export", expect(200), params={"format": "json"}),
    # trusted people and recovery
    "GET /api/v1/trustees": Case("GET", "/api/v1/trustees", expect(200)),
    "PUT /api/v1/trustees": Case("PUT", "/api/v1/trustees", expect(403, owner=200, other_person=422),
                                 json={"trustee_ids": ["{in_scope}"], "threshold": 1}),
    "DELETE /api/v1/trustees": Case("DELETE", "/api/v1/trustees", expect(403, owner=204, other_person=204)),
    "GET /api/v1/recovery/claims": Case("GET", "/api/v1/recovery/claims", expect(200)),
    "POST /api/v1/recovery/claims": Case("POST", "/api/v1/recovery/claims", expect(404, in_scope=409, out_of_scope=409),
                                         json={"person_id": "{owner}"}),
    "POST /api/v1/recovery/claims/{claim_id}/approve": Case(
        "POST", "/api/v1/recovery/claims/{claim}/approve", expect(404, in_scope=409, out_of_scope=200)),
    "DELETE /api/v1/recovery/claims/{claim_id}": Case(
        "DELETE", "/api/v1/recovery/claims/{claim}", expect(404, out_of_scope=204, in_scope=409, owner=409)),
    "POST /api/v1/recovery/claims/complete": Case(
        "POST", "/api/v1/recovery/claims/complete", expect(401, anonymous=401, link_holder=401),
        json={"handle": "{owner_handle}", "code": "0000-0000-0000-0000-0000-0000-0000", "new_passphrase": "a new long passphrase here"}),
    # share links, owner side, and their recipients (no account: the link's proof and access token)
    "GET /api/v1/shares": Case("GET", "/api/v1/shares", expect(200)),
    "POST /api/v1/shares": Case("POST", "/api/v1/shares", expect(404, owner=201), json={"document_ids": ["{permit}"]}),
    "GET /api/v1/shares/{share_id}": Case("GET", "/api/v1/shares/{share}", expect(404, owner=200)),
    "PATCH /api/v1/shares/{share_id}": Case("PATCH", "/api/v1/shares/{share}", expect(404, owner=200), json={"label": "changed"}),
    "DELETE /api/v1/shares/{share_id}": Case("DELETE", "/api/v1/shares/{share}", expect(404, owner=204)),
    "GET /api/v1/links/{share_id}": Case("GET", "/api/v1/links/{share}", expect(200, anonymous=200, link_holder=200)),
    "POST /api/v1/links/{share_id}/open": Case("POST", "/api/v1/links/{share}/open", expect(403, anonymous=403, link_holder=200),
                                                json={"proof": "A" * 43}, holder_json={"proof": "{proof}"}),
    "GET /api/v1/links/{share_id}/documents/{document_id}": Case(
        "GET", "/api/v1/links/{share}/documents/{permit}", expect(404, anonymous=404, link_holder=200), headers={"X-Link-Access": "B" * 43}),
    "GET /api/v1/links/{share_id}/documents/{document_id} out of scope": Case(
        "GET", "/api/v1/links/{share}/documents/{cv}", expect(404, anonymous=404, link_holder=404), headers={"X-Link-Access": "B" * 43}),
    # deposit links, owner side and uploader side, and the inbox
    "GET /api/v1/deposits": Case("GET", "/api/v1/deposits", expect(200)),
    "POST /api/v1/deposits": Case("POST", "/api/v1/deposits", expect(201), json={}),
    "GET /api/v1/deposits/{deposit_id}": Case("GET", "/api/v1/deposits/{deposit}", expect(404, owner=200)),
    "PATCH /api/v1/deposits/{deposit_id}": Case("PATCH", "/api/v1/deposits/{deposit}", expect(404, owner=200), json={"label": "changed"}),
    "DELETE /api/v1/deposits/{deposit_id}": Case("DELETE", "/api/v1/deposits/{deposit}", expect(404, owner=204)),
    "GET /api/v1/deposit-links/{deposit_id}": Case("GET", "/api/v1/deposit-links/{deposit}", expect(200, anonymous=200, link_holder=200)),
    "POST /api/v1/deposit-links/{deposit_id}/files": Case(
        "POST", "/api/v1/deposit-links/{deposit}/files", expect(404, anonymous=404, link_holder=201), content=b"%PDF-1.4 payslip",
        params={"filename": "payslip.pdf"}, headers={"Content-Type": "application/pdf", "X-Deposit-Token": "C" * 43}),
    "GET /api/v1/inbox": Case("GET", "/api/v1/inbox", expect(200)),
    "POST /api/v1/inbox/{document_id}/accept": Case("POST", "/api/v1/inbox/{inbox}/accept", expect(404, owner=200)),
    "DELETE /api/v1/inbox/{document_id}": Case("DELETE", "/api/v1/inbox/{inbox}", expect(404, owner=204)),
    # accounts and sessions
    "POST /api/v1/accounts": Case("POST", "/api/v1/accounts", expect(201, anonymous=201, link_holder=201),
                                  json={"handle": "new-{principal}", "passphrase": PASSPHRASE}),
    "POST /api/v1/sessions": Case("POST", "/api/v1/sessions", expect(401, anonymous=401, link_holder=401),
                                  json={"handle": "{owner_handle}", "passphrase": "not the passphrase"}),
    "GET /api/v1/sessions/current": Case("GET", "/api/v1/sessions/current", expect(200)),
    "DELETE /api/v1/sessions/current": Case("DELETE", "/api/v1/sessions/current", expect(204)),
    "PUT /api/v1/account/passphrase": Case("PUT", "/api/v1/account/passphrase", expect(401),
                                           json={"current_passphrase": "wrong wrong wrong", "new_passphrase": "another long passphrase"}),
    "POST /api/v1/recovery": Case("POST", "/api/v1/recovery", expect(401, anonymous=401, link_holder=401),
                                  json={"handle": "{owner_handle}", "recovery_code": "0000-0000-0000-0000-0000-0000-0000", "new_passphrase": "x" * 12}),
}


def fill(text: str, world: World, principal: str) -> str:
    """`{permit}`, `{owner}`, `{owner_handle}`, `{principal}`… replaced by this world's values."""
    values = {"principal": principal.replace("_", "-"), **world.ids}
    for name, p in world.principals.items():
        if p.who is not None:
            values[name], values[f"{name}_handle"] = p.id, p.handle
    return re.sub(r"\{([a-z_]+)\}", lambda m: values.get(m.group(1), m.group(0)), text)


def filled(value: Any, world: World, principal: str) -> Any:
    return json.loads(fill(json.dumps(value), world, principal)) if value is not None else None


def forbidden_texts(world: World, principal: str) -> list[str]:
    """What this principal must never receive: the out-of-scope CV always, the permit unless allowed to read it."""
    if principal == "owner":
        return []
    texts = [CV_TITLE, world.ids["cv"]]
    return texts if principal == "in_scope" else texts + [PERMIT_TITLE]


def test_every_api_endpoint_is_in_the_matrix(client: TestClient) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    routes = {f"{method.upper()} {path}" for path, operations in paths.items() for method in operations}
    covered = {key.split("?")[0].split(" out of scope")[0] for key in CASES}
    assert routes == covered, (routes - covered, covered - routes)


@pytest.mark.parametrize("key", list(CASES))
def test_authorization_matrix(key: str, client: TestClient, runtime: Runtime) -> None:
    case, world = CASES[key], build(client, runtime)
    seen = {}
    for principal in ORDER:
        client.cookies.clear()
        response = client.request(
            case.method, fill(case.path, world, principal), content=case.content,
            json=filled(case.holder_json if principal == "link_holder" and case.holder_json else case.json, world, principal),
            params={k: fill(v, world, principal) for k, v in case.params.items()}, headers={**case.headers, **world[principal].headers},
        )
        seen[principal] = response.status_code
        body = response.content.decode("utf-8", "replace")
        for text in forbidden_texts(world, principal):
            assert text not in body, (key, principal, text)
    assert seen == case.statuses, key
