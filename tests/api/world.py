"""One person's vault and everyone around it, for the authorization matrix.

The owner keeps a residence permit (`permit`, in the scope of the caseworkers'
mandates), a CV (`cv`, in nobody's scope) and a second permit (`spare`, for the
owner's own destructive calls). Around them: another person; caseworkers whose
mandate from the owner is active and covers the permit (`in_scope`, view + add, with
a pending ask for more), active but covering only payslips (`out_of_scope`, view
only), expired, and revoked; a caseworker of another organisation; someone holding a
share link to the permit (opened once) and a deposit link; and nobody at all. `in_scope`
has added a document on the owner's behalf, waiting in the owner's inbox. `in_scope` and `out_of_scope` are the
owner's trusted people (2 of 2) and `in_scope` has started a recovery.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import PASSPHRASE
from vault.accounts import service as accounts
from vault.documents import service as documents
from vault.mandates import check_scope
from vault.mandates import service as mandates
from vault.organisations import service as organisations
from vault.runtime import Runtime
from vault.sessions import Unlocked, unlock
from tests.shares.recipient import unbase
from vault.deposits import DepositRequest
from vault.deposits import service as deposits
from vault.shares import ShareRequest, opening
from vault.shares import service as shares
from vault.shares.credentials import encode, proof_of
from vault.trustees import claims, setup

PERMIT_TITLE = "PERMIT-IN-SCOPE"
CV_TITLE = "CV-OUT-OF-SCOPE"
ORDER = ("anonymous", "link_holder", "other_person", "other_organisation", "revoked", "expired", "out_of_scope", "in_scope", "owner")


@dataclass
class Clock:
    now: datetime = field(default_factory=lambda: datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc))

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Principal:
    name: str
    token: str | None = None
    who: Unlocked | None = None
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def id(self) -> str:
        assert self.who is not None
        return self.who.account_id

    @property
    def handle(self) -> str:
        assert self.who is not None
        return self.who.handle


@dataclass
class World:
    principals: dict[str, Principal]
    ids: dict[str, str]

    def __getitem__(self, name: str) -> Principal:
        return self.principals[name]


def sign_up(rt: Runtime, name: str, caseworker_of: str | None = None) -> Principal:
    handle = f"{name.replace('_', '-')}-{secrets.token_hex(3)}"
    if caseworker_of is None:
        accounts.sign_up(rt, handle, PASSPHRASE, name)
    else:
        invitation = organisations.invite(rt, caseworker_of)
        organisations.join(rt, invitation.id, invitation.code, handle, PASSPHRASE, name.title(), "setup")
    return Principal(name, who=log_in(rt, handle).who)


def log_in(rt: Runtime, handle: str) -> Principal:
    token = accounts.log_in(rt, handle, PASSPHRASE, "setup").token
    return Principal(handle, token, unlock(rt, token), {"Authorization": f"Bearer {token}"})


def build(client: TestClient, rt: Runtime) -> World:
    clock = Clock()
    rt.clock = clock
    for name in ("Centre Alpha", "Centre Beta"):
        organisations.create_organisation(rt, name)
    p = {name: sign_up(rt, name) for name in ("owner", "other_person")}
    for name in ("in_scope", "out_of_scope", "expired", "revoked"):
        p[name] = sign_up(rt, name, "Centre Alpha")
    p["other_organisation"] = sign_up(rt, "other_organisation", "Centre Beta")
    owner = p["owner"].who
    assert owner is not None
    ids = _documents(rt, owner, p["other_person"].who)
    _mandates(rt, owner, p)
    clock.now += timedelta(days=1, seconds=1)
    for name, principal in p.items():
        fresh = log_in(rt, principal.handle)
        principal.token, principal.who, principal.headers = fresh.token, fresh.who, fresh.headers
    ids.update(_after_expiry(rt, p))
    p["link_holder"] = _link_holder(rt, owner, ids)
    p["anonymous"] = Principal("anonymous")
    return World(p, ids)


def _link_holder(rt: Runtime, owner: Unlocked, ids: dict[str, str]) -> Principal:
    """Someone holding a share link to the permit (already opened once: an access token) and a deposit link."""
    made = shares.create(rt, owner, ShareRequest([ids["permit"]], 24, None, None, "employer", None))
    secret = unbase(made.fragment)
    ids["share"], ids["proof"] = made.link.id, encode(proof_of(secret, made.link.id))
    opened = opening.open_link(rt, made.link.id, ids["proof"], None, "setup")
    deposit = deposits.create(rt, owner, DepositRequest(24, 20, "employer"))
    ids["deposit"] = deposit.link.id
    headers = {"X-Link-Access": opened.access_token, "X-Deposit-Token": deposit.fragment}
    return Principal("link_holder", headers=headers)


def _documents(rt: Runtime, owner: Unlocked, other: Unlocked | None) -> dict[str, str]:
    def add(who: Unlocked, title: str, category: str) -> str:
        upload = documents.Upload(f"{title}.pdf", "application/pdf", title, category)
        return documents.add(rt, who, upload, [f"%PDF-1.4 {title}".encode()]).id

    permit = add(owner, PERMIT_TITLE, "residence_permit")
    documents.update(rt, owner, permit, documents.Change(fields={"expires_on": "2026-05-01"}))
    assert other is not None
    return {"permit": permit, "cv": add(owner, CV_TITLE, "cv"), "spare": add(owner, "spare", "residence_permit"),
            "other_document": add(other, "theirs", "residence_permit")}


def _mandates(rt: Runtime, owner: Unlocked, p: dict[str, Principal]) -> None:
    scopes = {"in_scope": (["residence_permit"], ["view", "add"], 30), "out_of_scope": (["payslip"], ["view"], 30),
              "expired": (["residence_permit"], ["view", "add"], 1), "revoked": (["residence_permit"], ["view", "add"], 30)}
    for name, (categories, permissions, days) in scopes.items():
        caseworker = p[name].who
        assert caseworker is not None
        asked = mandates.ask(rt, caseworker, owner.handle, check_scope(categories, permissions, days))
        mandates.approve(rt, owner, asked.id, check_scope(categories, permissions, days))
    revoked = next(m for m in mandates.list_mandates(rt, owner) if m.caseworker.id == p["revoked"].id)
    mandates.end(rt, owner, revoked.id)


def _after_expiry(rt: Runtime, p: dict[str, Principal]) -> dict[str, Any]:
    owner, in_scope, out_of_scope = p["owner"].who, p["in_scope"].who, p["out_of_scope"].who
    assert owner is not None and in_scope is not None and out_of_scope is not None
    mandate = next(m for m in mandates.list_mandates(rt, in_scope) if m.person_id == owner.account_id)
    mandates.ask_more(rt, in_scope, mandate.id, check_scope(["residence_permit", "payslip"], ["view", "add"], 60))
    setup.choose(rt, owner, [in_scope.account_id, out_of_scope.account_id], 2)
    claim = claims.start(rt, in_scope, owner.account_id)
    sent = documents.add(rt, in_scope, documents.Upload("scan.pdf", "application/pdf", "ON-BEHALF"), [b"%PDF-1.4 scan"], owner.account_id)
    return {"mandate": mandate.id, "claim": claim.claim.id, "check": claim.check, "inbox": sent.id}
