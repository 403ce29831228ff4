"""The caseworker's key slots follow the mandate: sealed on approval, added and removed with the
scope, sealed for documents that arrive later, deleted on revocation, end and expiry."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from keys import DecryptionError, open_document_key
from tests.mandates.conftest import Clock, add, make_caseworker, make_person
from vault.db.schema import key_slots
from vault.documents import service as documents
from vault.errors import Conflict, Forbidden, InvalidInput, NotFound
from vault.mandates import check_scope
from vault.mandates import service as mandates
from vault.runtime import Runtime
from vault.sessions import Unlocked


def slots_of(rt: Runtime, caseworker: Unlocked) -> set[str]:
    with rt.engine.begin() as conn:
        return set(conn.execute(select(key_slots.c.document_id).where(key_slots.c.principal_id == caseworker.account_id)).scalars())


def opens(rt: Runtime, caseworker: Unlocked, document_id: str) -> bool:
    """Whether the caseworker's own keyring opens their slot of the document."""
    with rt.engine.begin() as conn:
        slot = conn.execute(
            select(key_slots.c.sealed_key).where(key_slots.c.principal_id == caseworker.account_id, key_slots.c.document_id == document_id)
        ).scalar()
    if slot is None:
        return False
    try:
        return len(open_document_key(slot, caseworker.keyring, document_id, caseworker.account_id)) == 32
    except DecryptionError:
        return False


def approved(rt: Runtime, person: Unlocked, caseworker: Unlocked, categories: list[str], permissions: list[str] | None = None, days: int = 30) -> str:
    asked = mandates.ask(rt, caseworker, person.handle, check_scope(categories, permissions, days))
    return mandates.approve(rt, person, asked.id, check_scope(categories, permissions, days)).id


def test_approval_seals_exactly_the_documents_in_scope(runtime: Runtime, clock: Clock) -> None:
    person, caseworker = make_person(runtime), make_caseworker(runtime)
    permit, payslip, cv = add(runtime, person, "residence_permit"), add(runtime, person, "payslip"), add(runtime, person, "cv")
    asked = mandates.ask(runtime, caseworker, person.handle, check_scope(["residence_permit", "payslip", "cv"], None, 30))
    assert asked.status == "requested" and slots_of(runtime, caseworker) == set()
    mandate = mandates.approve(runtime, person, asked.id, check_scope(["residence_permit"], ["view"], 30, [payslip.id]))
    assert mandate.status == "active" and mandate.expires_at == clock.now + timedelta(days=30)
    assert slots_of(runtime, caseworker) == {permit.id, payslip.id}
    assert opens(runtime, caseworker, permit.id) and opens(runtime, caseworker, payslip.id) and not opens(runtime, caseworker, cv.id)


def test_changing_the_scope_adds_and_deletes_slots(runtime: Runtime, clock: Clock) -> None:
    person, caseworker = make_person(runtime), make_caseworker(runtime)
    permit, payslip = add(runtime, person, "residence_permit"), add(runtime, person, "payslip")
    mandate_id = approved(runtime, person, caseworker, ["residence_permit"])
    mandates.change(runtime, person, mandate_id, categories=["payslip"])
    assert slots_of(runtime, caseworker) == {payslip.id} and opens(runtime, caseworker, payslip.id)
    mandates.change(runtime, person, mandate_id, permissions=["add"])
    assert slots_of(runtime, caseworker) == set()
    mandates.change(runtime, person, mandate_id, permissions=["view", "add"], categories=["payslip", "residence_permit"])
    assert slots_of(runtime, caseworker) == {permit.id, payslip.id}


def test_documents_added_later_in_scope_are_sealed_to_the_caseworker(runtime: Runtime, clock: Clock) -> None:
    person, caseworker = make_person(runtime), make_caseworker(runtime)
    approved(runtime, person, caseworker, ["payslip"])
    later, other = add(runtime, person, "payslip"), add(runtime, person, "cv")
    assert slots_of(runtime, caseworker) == {later.id}
    assert opens(runtime, caseworker, later.id)
    documents.update(runtime, person, other.id, documents.Change(category="payslip"))
    documents.update(runtime, person, later.id, documents.Change(category="cv"))
    assert slots_of(runtime, caseworker) == {other.id}


@pytest.mark.parametrize("side", ["person", "caseworker"])
def test_revocation_and_end_delete_every_slot_at_once(runtime: Runtime, clock: Clock, side: str) -> None:
    person, caseworker = make_person(runtime), make_caseworker(runtime)
    add(runtime, person, "payslip")
    mandate_id = approved(runtime, person, caseworker, ["payslip"])
    ended = mandates.end(runtime, person if side == "person" else caseworker, mandate_id)
    assert ended.status == ("revoked" if side == "person" else "ended")
    assert slots_of(runtime, caseworker) == set()
    add(runtime, person, "payslip")
    assert slots_of(runtime, caseworker) == set()
    with pytest.raises(Conflict):
        mandates.end(runtime, person, mandate_id)


def test_expiry_takes_effect_exactly_at_the_boundary(runtime: Runtime, clock: Clock) -> None:
    person, caseworker = make_person(runtime), make_caseworker(runtime)
    permit = add(runtime, person, "residence_permit")
    mandate_id = approved(runtime, person, caseworker, ["residence_permit"], days=1)
    clock.advance(days=1, microseconds=-1)
    assert mandates.get(runtime, caseworker, mandate_id).status == "active"
    assert slots_of(runtime, caseworker) == {permit.id}
    clock.advance(microseconds=1)
    assert mandates.get(runtime, caseworker, mandate_id).status == "expired"
    assert slots_of(runtime, caseworker) == set()
    add(runtime, person, "residence_permit")
    assert slots_of(runtime, caseworker) == set()


def test_an_upload_after_expiry_purges_instead_of_sealing(runtime: Runtime, clock: Clock) -> None:
    person, caseworker = make_person(runtime), make_caseworker(runtime)
    add(runtime, person, "cv")
    mandate_id = approved(runtime, person, caseworker, ["cv"], days=2)
    clock.advance(days=2)
    add(runtime, person, "cv")
    assert slots_of(runtime, caseworker) == set()
    assert mandates.get(runtime, person, mandate_id).status == "expired"


def test_only_the_two_sides_see_a_mandate(runtime: Runtime, clock: Clock) -> None:
    person, caseworker = make_person(runtime), make_caseworker(runtime)
    stranger, colleague = make_person(runtime), make_caseworker(runtime, organisation="Centre Beta")
    mandate_id = approved(runtime, person, caseworker, ["cv"])
    for outsider in (stranger, colleague):
        with pytest.raises(NotFound):
            mandates.get(runtime, outsider, mandate_id)
        with pytest.raises(NotFound):
            mandates.end(runtime, outsider, mandate_id)
    with pytest.raises(Forbidden):
        mandates.approve(runtime, caseworker, mandate_id, check_scope(["cv"], None, 10))
    with pytest.raises(Forbidden):
        mandates.ask(runtime, person, stranger.handle, check_scope(["cv"], None, 10))


def test_a_caseworker_cannot_ask_a_caseworker_or_an_unknown_handle(runtime: Runtime, clock: Clock) -> None:
    caseworker, colleague = make_caseworker(runtime), make_caseworker(runtime)
    for handle in (colleague.handle, "nobody-here"):
        with pytest.raises(NotFound):
            mandates.ask(runtime, caseworker, handle, check_scope(["cv"], None, 10))


def test_scope_limits_are_checked(runtime: Runtime) -> None:
    for categories, permissions, days in ((["cv"], ["view"], 0), (["cv"], ["view"], 366), (["passport"], ["view"], 10), ([], ["view"], 10), (["cv"], [], 10)):
        with pytest.raises(InvalidInput):
            check_scope(categories, permissions, days)
    assert check_scope(None, ["add"], None).days == 183


def test_asking_for_more_waits_for_the_person(runtime: Runtime, clock: Clock) -> None:
    person, caseworker = make_person(runtime), make_caseworker(runtime)
    permit, payslip = add(runtime, person, "residence_permit"), add(runtime, person, "payslip")
    mandate_id = approved(runtime, person, caseworker, ["residence_permit"])
    asked = mandates.ask_more(runtime, caseworker, mandate_id, check_scope(["residence_permit", "payslip"], None, 60))
    assert asked.asked is not None and asked.scope.categories == {"residence_permit"}
    assert slots_of(runtime, caseworker) == {permit.id}
    declined = mandates.decline(runtime, person, mandate_id)
    assert declined.status == "active" and declined.asked is None
    mandates.ask_more(runtime, caseworker, mandate_id, check_scope(["residence_permit", "payslip"], None, 60))
    mandates.approve(runtime, person, mandate_id, check_scope(["residence_permit", "payslip"], None, 60))
    assert slots_of(runtime, caseworker) == {permit.id, payslip.id}


def test_a_person_can_grant_a_mandate_directly(runtime: Runtime, clock: Clock) -> None:
    person, caseworker = make_person(runtime), make_caseworker(runtime)
    cv = add(runtime, person, "cv")
    granted = mandates.grant(runtime, person, caseworker.handle, check_scope(["cv"], ["view", "add"], 7))
    assert granted.status == "active" and granted.started_by == "person" and granted.caseworker.name == "Claire Martin"
    assert slots_of(runtime, caseworker) == {cv.id}
    with pytest.raises(Conflict):
        mandates.grant(runtime, person, caseworker.handle, check_scope(["cv"], None, 7))
    with pytest.raises(NotFound):
        mandates.grant(runtime, person, make_person(runtime).handle, check_scope(["cv"], None, 7))
