"""Recovery through trusted people: k approvals, then the waiting period, then the one-time code.
Fewer than k approvals, a wrong code, or a cancellation recover nothing."""

from __future__ import annotations

import base64
from datetime import timedelta

import pytest
from sqlalchemy import select

from keys import Keyring, claim_check, combine_shares, derive_claim_key, derive_trustee_kek, generate_recovery_code, open_share, parse_recovery_code
from tests.conftest import PASSPHRASE
from tests.test_zero_access import files_under, places_holding
from tests.mandates.conftest import Clock, add, log_in, make_caseworker, make_person
from vault import journal
from vault.db.schema import claim_approvals, recovery_claims
from vault.documents import service as documents
from vault.errors import Conflict, Forbidden, InvalidInput, NotFound, Unauthenticated
from vault.mandates import check_scope
from vault.mandates import service as mandates
from vault.runtime import Runtime
from vault.sessions import Unlocked
from vault.trustees import claims, repository, setup
from vault.trustees.claims import NotReady

NEW_PASSPHRASE = "seven blue herons at dawn"


def trusted(rt: Runtime, person: Unlocked, count: int, threshold: int) -> list[Unlocked]:
    """`count` caseworkers with an active mandate from `person`, chosen as trusted people."""
    helpers = [make_caseworker(rt, organisation=f"Centre {i % 2}") for i in range(count)]
    for caseworker in helpers:
        mandates.grant(rt, person, caseworker.handle, check_scope(["cv"], None, 365))
    setup.choose(rt, person, [c.account_id for c in helpers], threshold)
    return helpers


def test_recovery_end_to_end_gives_back_the_same_keys(runtime: Runtime, clock: Clock) -> None:
    person = make_person(runtime)
    document = add(runtime, person, "payslip", b"%PDF-1.4 my payslip")
    first, second, _ = trusted(runtime, person, 3, 2)
    started = claims.start(runtime, first, person.account_id)
    assert started.claim.status == "collecting" and started.claim.approved_by == [first.account_id]
    waiting = claims.approve(runtime, second, started.claim.id, started.check)
    assert waiting.status == "waiting" and waiting.ready_at == clock.now + timedelta(hours=48)
    clock.advance(hours=48)
    grant = claims.complete(runtime, person.handle, started.code, NEW_PASSPHRASE, "office")
    assert grant.token
    with pytest.raises(Unauthenticated):
        log_in(runtime, person.handle, PASSPHRASE)
    again = log_in(runtime, person.handle, NEW_PASSPHRASE)
    assert again.keyring == person.keyring
    assert b"".join(documents.read(runtime, again, document.id).chunks) == b"%PDF-1.4 my payslip"
    with runtime.engine.begin() as conn:
        person_log = [e.action for e in journal.entries(conn, person.account_id)]
        helper_log = [e.action for e in journal.entries(conn, second.account_id)]
        assert conn.execute(select(claim_approvals)).first() is None
        assert conn.execute(select(recovery_claims.c.wrapped_keyring)).scalar() == b""
    assert person_log.count("recovery.approved") == 2 and "recovery.completed" in person_log
    assert helper_log[-2:] == ["recovery.approved", "recovery.completed"]


def test_fewer_approvals_than_the_threshold_are_not_enough(runtime: Runtime, clock: Clock) -> None:
    person = make_person(runtime)
    first, second, _ = trusted(runtime, person, 3, 3)
    started = claims.start(runtime, first, person.account_id)
    claims.approve(runtime, second, started.claim.id, started.check)
    clock.advance(days=6)
    with pytest.raises(claims.NotReady):
        claims.complete(runtime, person.handle, started.code, NEW_PASSPHRASE, "office")
    assert log_in(runtime, person.handle).account_id == person.account_id


def test_the_waiting_period_must_pass(runtime: Runtime, clock: Clock) -> None:
    person = make_person(runtime)
    (only,) = trusted(runtime, person, 1, 1)
    started = claims.start(runtime, only, person.account_id)
    assert started.claim.status == "waiting"
    clock.advance(hours=47, minutes=59)
    with pytest.raises(claims.NotReady):
        claims.complete(runtime, person.handle, started.code, NEW_PASSPHRASE, "office")
    clock.advance(minutes=1)
    assert claims.complete(runtime, person.handle, started.code, NEW_PASSPHRASE, "office").token


def test_the_person_cancels_during_the_waiting_period(runtime: Runtime, clock: Clock) -> None:
    person = make_person(runtime)
    first, second = trusted(runtime, person, 2, 2)
    started = claims.start(runtime, first, person.account_id)
    claims.approve(runtime, second, started.claim.id, started.check)
    (shown,) = claims.under_way(runtime, person)
    assert shown.id == started.claim.id and shown.status == "waiting"
    claims.cancel(runtime, person, started.claim.id)
    assert claims.under_way(runtime, person) == []
    clock.advance(hours=49)
    with pytest.raises(Unauthenticated):
        claims.complete(runtime, person.handle, started.code, NEW_PASSPHRASE, "office")
    assert log_in(runtime, person.handle).account_id == person.account_id


def test_a_wrong_code_or_handle_recovers_nothing(runtime: Runtime, clock: Clock) -> None:
    person, other = make_person(runtime), make_person(runtime)
    (only,) = trusted(runtime, person, 1, 1)
    started = claims.start(runtime, only, person.account_id)
    clock.advance(hours=48)
    for handle, code in ((person.handle, generate_recovery_code()), (other.handle, started.code), (person.handle, "not a code")):
        with pytest.raises(Unauthenticated):
            claims.complete(runtime, handle, code, NEW_PASSPHRASE, "office")


def test_only_chosen_trustees_start_or_approve(runtime: Runtime, clock: Clock) -> None:
    person = make_person(runtime)
    first, second = trusted(runtime, person, 2, 2)
    outsider = make_caseworker(runtime, organisation="Centre Gamma")
    with pytest.raises(NotFound):
        claims.start(runtime, outsider, person.account_id)
    started = claims.start(runtime, first, person.account_id)
    with pytest.raises(NotFound):
        claims.approve(runtime, outsider, started.claim.id, started.check)
    with pytest.raises(Conflict):
        claims.approve(runtime, first, started.claim.id, started.check)
    with pytest.raises(Conflict):
        claims.start(runtime, second, person.account_id)


def test_trustees_need_an_active_mandate_and_a_sane_threshold(runtime: Runtime, clock: Clock) -> None:
    person, caseworker = make_person(runtime), make_caseworker(runtime)
    with pytest.raises(InvalidInput):
        setup.choose(runtime, person, [caseworker.account_id], 1)
    mandates.grant(runtime, person, caseworker.handle, check_scope(["cv"], None, 30))
    for threshold in (0, 2):
        with pytest.raises(InvalidInput):
            setup.choose(runtime, person, [caseworker.account_id], threshold)
    chosen = setup.choose(runtime, person, [caseworker.account_id], 1)
    assert [t.id for t in chosen.trustees] == [caseworker.account_id]


def test_choosing_again_cancels_a_recovery_under_way(runtime: Runtime, clock: Clock) -> None:
    person = make_person(runtime)
    first, second = trusted(runtime, person, 2, 1)
    started = claims.start(runtime, first, person.account_id)
    setup.choose(runtime, person, [second.account_id], 1)
    clock.advance(hours=48)
    with pytest.raises(Unauthenticated):
        claims.complete(runtime, person.handle, started.code, NEW_PASSPHRASE, "office")


def test_no_code_share_or_recovery_secret_is_stored_in_clear(runtime: Runtime, clock: Clock) -> None:
    person = make_person(runtime)
    first, second = trusted(runtime, person, 2, 2)
    started = claims.start(runtime, first, person.account_id)
    claims.approve(runtime, second, started.claim.id, started.check)
    with runtime.engine.begin() as conn:
        shares = [open_share(repository.sealed_share(conn, person.account_id, t.account_id) or b"", t.keyring, person.account_id, t.account_id)
                  for t in (first, second)]
    code = parse_recovery_code(started.code)
    secret = combine_shares(shares)
    values = [code, derive_claim_key(code, started.claim.id, runtime.server_key), secret, derive_trustee_kek(secret, person.account_id), *shares]
    needles = [started.code.encode(), started.code.replace("-", "").encode()]
    for value in values:
        needles += [value, value.hex().encode(), base64.b64encode(value).rstrip(b"=")]
    assert places_holding(needles, files_under(runtime.settings.data_dir)) == []


def test_approving_needs_the_check_from_the_slip(runtime: Runtime, clock: Clock) -> None:
    person = make_person(runtime)
    first, second = trusted(runtime, person, 2, 2)
    started = claims.start(runtime, first, person.account_id)
    wrong = started.check[:-1] + ("0" if started.check[-1] != "0" else "1")
    for typed in (wrong, "", "not a check"):
        with pytest.raises(InvalidInput):
            claims.approve(runtime, second, started.claim.id, typed)
    assert claims.under_way(runtime, person)[0].approved_by == [first.account_id]
    lenient = started.check.lower().replace("-", " ")
    assert claims.approve(runtime, second, started.claim.id, lenient).status == "waiting"


def test_a_public_key_planted_in_the_database_fails_the_check(runtime: Runtime, clock: Clock) -> None:
    """Whoever writes to the database can swap a claim's public key for one they hold; the
    approving trustee's share must then not be re-sealed to it."""
    person = make_person(runtime)
    first, second = trusted(runtime, person, 2, 2)
    started = claims.start(runtime, first, person.account_id)
    planted = Keyring.generate().public_key_bytes()
    with runtime.engine.begin() as conn:
        conn.execute(recovery_claims.update().where(recovery_claims.c.id == started.claim.id).values(public_key=planted))
    with pytest.raises(InvalidInput):
        claims.approve(runtime, second, started.claim.id, started.check)
    with pytest.raises(InvalidInput):
        claims.approve(runtime, second, started.claim.id, claim_check(started.claim.id, planted[:-1] + bytes([planted[-1] ^ 1])))
    with runtime.engine.begin() as conn:
        assert [a.trustee_id for a in repository.approvals(conn, started.claim.id)] == [first.account_id]


@pytest.mark.parametrize("how", ["revoked", "ended", "expired"])
def test_a_trustee_whose_mandate_is_over_can_neither_start_nor_approve(runtime: Runtime, clock: Clock, how: str) -> None:
    person = make_person(runtime)
    first, second, third = trusted(runtime, person, 3, 2)
    started = claims.start(runtime, first, person.account_id)
    mandate = next(m for m in mandates.list_mandates(runtime, second) if m.status == "active")
    if how == "expired":
        clock.advance(days=366)
    else:
        mandates.end(runtime, person if how == "revoked" else second, mandate.id)
    with pytest.raises(Forbidden):
        claims.approve(runtime, second, started.claim.id, started.check)
    assert all(c.id != started.claim.id for c in claims.under_way(runtime, second))
    if how != "expired":
        claims.cancel(runtime, person, started.claim.id)
    with pytest.raises(Forbidden):
        claims.start(runtime, second, person.account_id)
    if how != "expired":
        assert claims.start(runtime, third, person.account_id).claim.status == "collecting"


def test_a_claim_does_not_open_without_the_server_key(runtime: Runtime, clock: Clock) -> None:
    """The one-time code and a copy of the database are not enough outside the service."""
    from keys import derive_claim_key as claim_key, parse_recovery_code as parse, unwrap_keyring, DecryptionError

    person = make_person(runtime)
    (only,) = trusted(runtime, person, 1, 1)
    started = claims.start(runtime, only, person.account_id)
    with runtime.engine.begin() as conn:
        wrapped = conn.execute(select(recovery_claims.c.wrapped_keyring).where(recovery_claims.c.id == started.claim.id)).scalar_one()
    code = parse(started.code)
    opened = unwrap_keyring(wrapped, claim_key(code, started.claim.id, runtime.server_key), person.account_id, "claim", started.claim.id)
    assert opened.public_key_bytes()
    with pytest.raises(DecryptionError):
        unwrap_keyring(wrapped, claim_key(code, started.claim.id, bytes(32)), person.account_id, "claim", started.claim.id)


def test_the_person_sees_which_trustees_no_longer_count(runtime: Runtime, clock: Clock) -> None:
    person = make_person(runtime)
    first, second, third = trusted(runtime, person, 3, 2)
    assert setup.current(runtime, person).lapsed == frozenset()  # type: ignore[union-attr]
    mandate = next(m for m in mandates.list_mandates(runtime, first) if m.status == "active")
    mandates.end(runtime, first, mandate.id)
    after_one = setup.current(runtime, person)
    assert after_one is not None and after_one.lapsed == {first.account_id} and after_one.reachable
    mandate = next(m for m in mandates.list_mandates(runtime, second) if m.status == "active")
    mandates.end(runtime, person, mandate.id)
    after_two = setup.current(runtime, person)
    assert after_two is not None and after_two.lapsed == {first.account_id, second.account_id} and not after_two.reachable
    assert len(after_two.trustees) == 3


def test_revoking_a_trustee_who_approved_takes_the_approval_back(runtime: Runtime, clock: Clock) -> None:
    """The starter holds the code: revoked after k approvals, they must not finish the recovery."""
    person = make_person(runtime)
    first, second, third = trusted(runtime, person, 3, 2)
    started = claims.start(runtime, first, person.account_id)
    assert claims.approve(runtime, second, started.claim.id, started.check).status == "waiting"
    mandate = next(m for m in mandates.list_mandates(runtime, first) if m.status == "active")
    mandates.end(runtime, person, mandate.id)
    clock.advance(hours=48)
    with pytest.raises(NotReady):
        claims.complete(runtime, person.handle, started.code, NEW_PASSPHRASE, "office")
    assert claims.approve(runtime, third, started.claim.id, started.check).approved_by[-1] == third.account_id
    assert claims.complete(runtime, person.handle, started.code, NEW_PASSPHRASE, "office").token
