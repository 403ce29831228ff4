"""Asking, granting, approving, changing and ending mandates.

Either side starts: a caseworker asks (`ask`), the person approves with the scope they
choose (`approve`); or the person grants one directly (`grant`). Only the person
widens or narrows a scope (`change`); a caseworker may ask for more (`ask_more`).
`end` is a revocation by the person or an end by the caseworker. Every step is in the
person's journal. A mandate the asker is not part of answers like a missing one.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection

from vault import journal
from vault.accounts import repository as account_rows
from vault.clock import as_utc
from vault.documents import repository as document_rows
from vault.errors import Conflict, InvalidInput, NotForThisAccount, NotFound
from vault.mandates import access, repository, sealing
from vault.mandates.model import Mandate, Scope, check_scope, joined
from vault.organisations import service as organisations
from vault.runtime import Runtime
from vault.sessions import Unlocked

MISSING = "no such mandate"
NO_PERSON = "no person has this handle"


def ask(rt: Runtime, who: Unlocked, person_handle: str, wish: Scope) -> Mandate:
    """A caseworker asks a person for `wish`; asking again replaces the pending ask."""
    _require_caseworker(who)
    now = rt.clock()
    with rt.engine.begin() as conn:
        person = account_rows.by_handle(conn, person_handle.strip().lower())
        if person is None or person.kind != "person":
            raise NotFound(NO_PERSON)
        access.active(conn, who.account_id, person.id, now)
        row = repository.live_between(conn, person.id, who.account_id)
        asked = {"asked_categories": joined(wish.categories), "asked_permissions": joined(wish.permissions), "asked_days": wish.days, "asked_at": now}
        if row is None:
            mandate_id = secrets.token_hex(16)
            repository.insert(conn, id=mandate_id, person_id=person.id, caseworker_id=who.account_id, status="requested",
                              started_by="caseworker", days=wish.days, created_at=now, **asked)
        else:
            mandate_id = row.id
            repository.set_values(conn, mandate_id, **asked)
        action = "mandate.asked" if row is not None and row.status == "active" else "mandate.requested"
        journal.record(conn, person.id, who.account_id, action, now, mandate_id)
        return _mandate(conn, repository.by_id(conn, mandate_id))


def ask_more(rt: Runtime, who: Unlocked, mandate_id: str, wish: Scope) -> Mandate:
    """A caseworker with an active mandate asks for a wider scope; the person answers in their inbox."""
    _require_caseworker(who)
    now = rt.clock()
    with rt.engine.begin() as conn:
        row = _row(conn, who, mandate_id, "caseworker", now)
        if row.status != "active":
            raise Conflict("this mandate is not active; ask again from the start")
        repository.set_values(conn, mandate_id, asked_categories=joined(wish.categories), asked_permissions=joined(wish.permissions),
                              asked_days=wish.days, asked_at=now)
        journal.record(conn, row.person_id, who.account_id, "mandate.asked", now, mandate_id)
        return _mandate(conn, repository.by_id(conn, mandate_id))


def grant(rt: Runtime, who: Unlocked, caseworker_handle: str, scope: Scope) -> Mandate:
    """The person gives a caseworker access themselves; active at once."""
    _require_person(who)
    caseworker = organisations.find_caseworker(rt, caseworker_handle)
    now = rt.clock()
    with rt.engine.begin() as conn:
        access.active(conn, caseworker.id, who.account_id, now)
        if repository.live_between(conn, who.account_id, caseworker.id) is not None:
            raise Conflict("this caseworker already has a mandate or a request from you; change that one")
        mandate_id = secrets.token_hex(16)
        repository.insert(conn, id=mandate_id, person_id=who.account_id, caseworker_id=caseworker.id, status="requested",
                          started_by="person", days=scope.days, created_at=now)
        _activate(conn, who, repository.by_id(conn, mandate_id), scope, now, "mandate.granted")
        return _mandate(conn, repository.by_id(conn, mandate_id))


def approve(rt: Runtime, who: Unlocked, mandate_id: str, scope: Scope) -> Mandate:
    """The person answers a request (or an ask for more) with the scope they choose; the
    expiry is counted from now."""
    _require_person(who)
    now = rt.clock()
    with rt.engine.begin() as conn:
        row = _row(conn, who, mandate_id, "person", now)
        if row.status not in ("requested", "active") or row.asked_at is None:
            raise Conflict("nothing waits for your answer on this mandate")
        _activate(conn, who, row, scope, now, "mandate.approved")
        return _mandate(conn, repository.by_id(conn, mandate_id))


def change(
    rt: Runtime, who: Unlocked, mandate_id: str, categories: list[str] | None = None, permissions: list[str] | None = None,
    days: int | None = None, document_ids: list[str] | None = None,
) -> Mandate:
    """The person changes an active mandate: what is not given stays; `days` restarts the time from now."""
    _require_person(who)
    now = rt.clock()
    with rt.engine.begin() as conn:
        row = _row(conn, who, mandate_id, "person", now)
        if row.status != "active":
            raise Conflict("this mandate is not active")
        current = access.scope_of(conn, row)
        scope = _merged(current, categories, permissions, days, document_ids)
        expires_at = now + timedelta(days=scope.days) if days is not None else as_utc(row.expires_at)
        _check_documents(conn, who, scope)
        repository.set_values(conn, mandate_id, categories=joined(scope.categories), permissions=joined(scope.permissions),
                              days=scope.days, expires_at=expires_at)
        repository.name_documents(conn, mandate_id, scope.document_ids)
        sealing.reconcile(conn, who, row.caseworker_id, scope)
        journal.record(conn, who.account_id, who.account_id, "mandate.changed", now, mandate_id)
        return _mandate(conn, repository.by_id(conn, mandate_id))


def decline(rt: Runtime, who: Unlocked, mandate_id: str) -> Mandate:
    """The person says no to what waits: a request is declined; an ask for more is dropped, the mandate stays."""
    _require_person(who)
    now = rt.clock()
    with rt.engine.begin() as conn:
        row = _row(conn, who, mandate_id, "person", now)
        if row.asked_at is None or row.status not in ("requested", "active"):
            raise Conflict("nothing waits for your answer on this mandate")
        values: dict[str, Any] = {"asked_at": None, "asked_categories": None, "asked_permissions": None, "asked_days": None}
        if row.status == "requested":
            values.update(status="declined", ended_at=now)
        repository.set_values(conn, mandate_id, **values)
        journal.record(conn, who.account_id, who.account_id, "mandate.declined", now, mandate_id)
        return _mandate(conn, repository.by_id(conn, mandate_id))


def end(rt: Runtime, who: Unlocked, mandate_id: str) -> Mandate:
    """Stop a mandate at once: revoked by the person, ended by the caseworker (a request:
    declined or withdrawn). The caseworker's key slots are deleted in the same transaction."""
    now = rt.clock()
    with rt.engine.begin() as conn:
        row = _row(conn, who, mandate_id, None, now)
        by_person = row.person_id == who.account_id
        if row.status not in ("requested", "active"):
            raise Conflict("this mandate has already ended")
        if row.status == "requested":
            status = "declined" if by_person else "withdrawn"
        else:
            status = "revoked" if by_person else "ended"
        repository.set_status(conn, mandate_id, ("requested", "active"), status=status, ended_at=now, asked_at=None)
        repository.drop_all_slots(conn, row.person_id, row.caseworker_id)
        journal.record(conn, row.person_id, who.account_id, "mandate." + status, now, mandate_id)
        return _mandate(conn, repository.by_id(conn, mandate_id))


def list_mandates(rt: Runtime, who: Unlocked) -> list[Mandate]:
    """The mandates `who` is part of (as the person or the caseworker), newest first."""
    with rt.engine.begin() as conn:
        access.purge_lapsed(conn, rt.clock(), who.account_id)
        return [_mandate(conn, row) for row in repository.involving(conn, who.account_id)]


def get(rt: Runtime, who: Unlocked, mandate_id: str) -> Mandate:
    with rt.engine.begin() as conn:
        return _mandate(conn, _row(conn, who, mandate_id, None, rt.clock()))


def _activate(conn: Connection, who: Unlocked, row: Any, scope: Scope, now: datetime, action: str) -> None:
    _check_documents(conn, who, scope)
    repository.set_values(
        conn, row.id, status="active", categories=joined(scope.categories), permissions=joined(scope.permissions), days=scope.days,
        approved_at=now, expires_at=now + timedelta(days=scope.days), asked_at=None, asked_categories=None,
        asked_permissions=None, asked_days=None,
    )
    repository.name_documents(conn, row.id, scope.document_ids)
    sealing.reconcile(conn, who, row.caseworker_id, scope)
    journal.record(conn, who.account_id, who.account_id, action, now, row.id)


def _check_documents(conn: Connection, who: Unlocked, scope: Scope) -> None:
    mine = {row.id for row in document_rows.readable(conn, who.account_id) if row.owner_id == who.account_id and not row.inbox}
    if not scope.document_ids <= mine:
        raise InvalidInput("choose among your own documents")


def _merged(current: Scope, categories: list[str] | None, permissions: list[str] | None, days: int | None, document_ids: list[str] | None) -> Scope:
    return check_scope(
        sorted(current.categories) if categories is None else categories,
        sorted(current.permissions) if permissions is None else permissions,
        current.days if days is None else days,
        sorted(current.document_ids) if document_ids is None else document_ids,
    )


def _row(conn: Connection, who: Unlocked, mandate_id: str, side: str | None, now: datetime) -> Any:
    """The mandate if `who` is its person (side "person"), its caseworker ("caseworker") or either (None)."""
    row = repository.by_id(conn, mandate_id)
    if row is None:
        raise NotFound(MISSING)
    sides = {"person": row.person_id, "caseworker": row.caseworker_id}
    allowed = [sides[side]] if side else list(sides.values())
    if who.account_id not in allowed:
        raise NotFound(MISSING)
    if row.status == "active" and as_utc(row.expires_at) <= now:
        access.expire(conn, row, now)
        row = repository.by_id(conn, mandate_id)
    return row


def _mandate(conn: Connection, row: Any) -> Mandate:
    caseworker = organisations.caseworker(conn, row.caseworker_id)
    assert caseworker is not None
    return Mandate(
        id=row.id, status=row.status, started_by=row.started_by, person_id=row.person_id, person_handle=row.person_handle,
        caseworker=caseworker, scope=access.scope_of(conn, row), created_at=as_utc(row.created_at),
        approved_at=_utc(row.approved_at), expires_at=_utc(row.expires_at), ended_at=_utc(row.ended_at), asked=access.asked_of(row),
    )


def _utc(moment: datetime | None) -> datetime | None:
    return as_utc(moment) if moment is not None else None


def _require_caseworker(who: Unlocked) -> None:
    if who.kind != "caseworker":
        raise NotForThisAccount("only a caseworker can ask for a mandate")


def _require_person(who: Unlocked) -> None:
    if who.kind != "person":
        raise NotForThisAccount("only the person whose documents these are can answer")
