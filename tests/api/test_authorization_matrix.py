"""Every API endpoint × every kind of principal: the expected status, and nothing out of scope
in any answer.

Principals (tests/api/world.py): the owner; another person; caseworkers whose mandate from
the owner is active and covers the target (`in_scope`), active but covering other
categories (`out_of_scope`), expired, revoked; a caseworker of another organisation; a
share-link holder (no session, a link access header); nobody. Here two more caseworkers
with an active mandate each lack one thing: `view_only` reads residence permits but may not
add, `other_category` may add but reads payslips only. Each endpoint gets a fresh world, and
its principals ask in `PRINCIPALS` (the owner last, so its own deletions come after everyone
else's refusals). Every answer is searched for what that principal must not see (`SEES`).
Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.world import CV_TITLE, ORDER, PERMIT_TITLE, Principal, World, build, log_in, sign_up
from tests.conftest import PASSPHRASE
from vault.db.schema import attempts
from vault.mandates import check_scope
from vault.mandates import service as mandates
from vault.runtime import Runtime

SCOPE = {"categories": ["residence_permit"], "permissions": ["view"], "days": 30}
NOBODY = {"anonymous": 401, "link_holder": 401}
NARROWER = {"view_only": (["residence_permit"], ["view"]), "other_category": (["payslip"], ["view", "add"])}
PRINCIPALS = ORDER[:-2] + tuple(NARROWER) + ORDER[-2:]


def expect(everyone: int, **statuses: int) -> dict[str, int]:
    """`everyone` for each principal with a session, 401 without one, unless named."""
    found = {name: everyone for name in PRINCIPALS} | NOBODY
    found.update(statuses)
    return found


PERSONS_ONLY = {"in_scope": 403, "out_of_scope": 403, "expired": 403, "revoked": 403, "other_organisation": 403, "view_only": 403, "other_category": 403}
CASEWORKERS_ONLY = {"owner": 403, "other_person": 403}
OWNER_ONLY_DOCUMENT = expect(404, owner=200)
READ_IN_SCOPE = expect(404, owner=200, in_scope=200, view_only=200)
MANDATED = {"in_scope": 200, "out_of_scope": 200, "view_only": 200, "other_category": 200}


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
        "GET", "/api/v1/documents", expect(404, owner=200, **MANDATED), params={"person": "{owner}"}),
    "POST /api/v1/documents": Case("POST", "/api/v1/documents", expect(201), content=b"%PDF-1.4 x",
                                   params={"filename": "x.pdf"}, headers={"Content-Type": "application/pdf"}),
    "POST /api/v1/documents?person": Case(
        "POST", "/api/v1/documents", expect(404, owner=201, in_scope=201, out_of_scope=403, view_only=403, other_category=201), content=b"%PDF-1.4 x",
        params={"filename": "x.pdf", "person": "{owner}", "category": "residence_permit"}, headers={"Content-Type": "application/pdf"}),
    "GET /api/v1/documents/{document_id}": Case("GET", "/api/v1/documents/{permit}", READ_IN_SCOPE),
    "GET /api/v1/documents/{document_id} out of scope": Case("GET", "/api/v1/documents/{cv}", OWNER_ONLY_DOCUMENT),
    "GET /api/v1/documents/{document_id}/content": Case("GET", "/api/v1/documents/{permit}/content", READ_IN_SCOPE),
    "GET /api/v1/documents/{document_id}/content out of scope": Case("GET", "/api/v1/documents/{cv}/content", OWNER_ONLY_DOCUMENT),
    # this world runs no worker processes: a reader who may see the PDF is told previews are
    # unavailable (503), anyone else gets the 404 of a missing document
    "GET /api/v1/documents/{document_id}/pages/{number}": Case(
        "GET", "/api/v1/documents/{permit}/pages/1", expect(404, owner=503, in_scope=503, view_only=503)),
    "GET /api/v1/documents/{document_id}/pages/{number} out of scope": Case(
        "GET", "/api/v1/documents/{cv}/pages/1", expect(404, owner=503)),
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
    "GET /api/v1/people/{person_id}": Case("GET", "/api/v1/people/{owner}", expect(404, owner=403, other_person=403, **MANDATED)),
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
        "POST", "/api/v1/recovery/claims/{claim}/approve", expect(404, in_scope=409, out_of_scope=200), json={"check": "{check}"}),
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


TITLES = {"permit": PERMIT_TITLE, "cv": CV_TITLE, "spare": "spare", "inbox": "ON-BEHALF", "other_document": "theirs"}
PEOPLE = ("owner", "other_person")
WATCHED = (*TITLES, "mandate", "claim", "share", "deposit", "proof", *PEOPLE)
SEES: dict[str, tuple[str, ...]] = {
    "anonymous": (),
    "link_holder": ("permit", "share", "deposit", "proof"),
    "other_person": ("other_person", "other_document"),
    "other_organisation": (),
    "revoked": ("owner",),
    "expired": ("owner",),
    "out_of_scope": ("owner", "claim"),
    "view_only": ("owner", "permit", "spare"),
    "other_category": ("owner",),
    "in_scope": ("owner", "permit", "spare", "inbox", "mandate", "claim"),
    "owner": ("owner", "permit", "spare", "cv", "inbox", "mandate", "claim", "share", "deposit"),
}
"""Of `WATCHED`, what each principal may receive: documents (id, title, content), the in-scope
caseworker's mandate, the recovery claim, the owner's links and the holder's proof, and
people (account id, handle; the owner to those who have or had a mandate)."""


def texts_of(world: World, item: str) -> list[str]:
    if item in PEOPLE:
        return [world[item].id, world[item].handle]
    return [world.ids[item]] + ([TITLES[item]] if item in TITLES else [])


def leaks(body: str, sent: str, world: World, principal: str) -> list[str]:
    """What of `WATCHED` this principal must not see is in `body`. What the request itself named
    is no leak; naming a person (handle or id) lets their other identifier come back."""
    found = []
    for item in (i for i in WATCHED if i not in SEES[principal]):
        texts = texts_of(world, item)
        if item in PEOPLE and any(text in sent for text in texts):
            continue
        found += [f"{item}: {text}" for text in texts if text in body and text not in sent]
    return found


def narrower(world: World, rt: Runtime) -> None:
    """Adds `NARROWER`: caseworkers of Centre Alpha with an active mandate from the owner."""
    owner = world["owner"].who
    assert owner is not None
    for name, (categories, permissions) in NARROWER.items():
        joined = sign_up(rt, name, "Centre Alpha")
        assert joined.who is not None
        asked = mandates.ask(rt, joined.who, owner.handle, check_scope(categories, permissions, 30))
        mandates.approve(rt, owner, asked.id, check_scope(categories, permissions, 30))
        fresh = log_in(rt, joined.handle)
        world.principals[name] = Principal(name, fresh.token, fresh.who, fresh.headers)


def test_every_api_endpoint_is_in_the_matrix(client: TestClient) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    routes = {f"{method.upper()} {path}" for path, operations in paths.items() for method in operations}
    covered = {key.split("?")[0].split(" out of scope")[0] for key in CASES}
    assert routes == covered, (routes - covered, covered - routes)


def test_every_principal_is_watched_and_every_watched_text_is_in_the_world(client: TestClient, runtime: Runtime) -> None:
    """The leak check can fail: each title is really the one of its document, seen by whoever may see it."""
    world = build(client, runtime)
    narrower(world, runtime)
    assert set(SEES) == set(PRINCIPALS) == set(world.principals)
    for principal, item in (("owner", "permit"), ("owner", "cv"), ("owner", "spare"), ("other_person", "other_document")):
        listed = client.get("/api/v1/documents", headers=world[principal].headers).json()
        assert {"id": world.ids[item], "title": TITLES[item]}.items() <= next(d for d in listed if d["id"] == world.ids[item]).items()
    [waiting] = client.get("/api/v1/inbox", headers=world["owner"].headers).json()
    assert (waiting["id"], waiting["title"]) == (world.ids["inbox"], TITLES["inbox"])


def forget_failed_attempts(rt: Runtime) -> None:
    """Each principal is answered as if first: failed logins or joins of those before (one client,
    the owner's handle) would otherwise hit the limits, which tests/api/test_accounts.py covers."""
    with rt.engine.begin() as conn:
        conn.execute(attempts.delete())


@pytest.mark.parametrize("key", list(CASES))
def test_authorization_matrix(key: str, client: TestClient, runtime: Runtime) -> None:
    case, world = CASES[key], build(client, runtime)
    narrower(world, runtime)
    seen = {}
    for principal in PRINCIPALS:
        client.cookies.clear()
        forget_failed_attempts(runtime)
        path, params = fill(case.path, world, principal), {k: fill(v, world, principal) for k, v in case.params.items()}
        body_sent = filled(case.holder_json if principal == "link_holder" and case.holder_json else case.json, world, principal)
        response = client.request(
            case.method, path, content=case.content, json=body_sent, params=params, headers={**case.headers, **world[principal].headers},
        )
        seen[principal] = response.status_code
        sent = " ".join([path, json.dumps(params), json.dumps(body_sent)])
        assert leaks(response.content.decode("utf-8", "replace"), sent, world, principal) == [], (key, principal)
    assert seen == case.statuses, key
