"""A caseworker's view of the people they follow: `/api/v1/people`.

Each person with an active mandate, the mandate, and the residence permits expiring
soon among the documents in its scope. The documents themselves are read through
`/api/v1/documents?person=<id>` and `/api/v1/documents/<id>`. Reading a person's
documents here is journaled in that person's journal.
"""

from __future__ import annotations

import anyio.to_thread
from fastapi import APIRouter
from pydantic import BaseModel, Field

from vault.errors import NotForThisAccount
from vault.mandates import people
from vault.mandates.people import Followed
from vault.sessions import Unlocked
from web.api.mandates import MandateOut
from web.api.mandates import out as mandate_out
from web.api.reminders import ReminderOut
from web.api.schemas import Problem
from web.auth import Rt, Who

router = APIRouter(prefix="/api/v1/people", tags=["mandates"], responses={401: {"model": Problem}, 403: {"model": Problem}, 404: {"model": Problem}})


class PersonOut(BaseModel):
    id: str
    handle: str
    mandate: MandateOut
    documents: int = Field(description="How many of the person's documents the mandate lets you read")
    reminders: list[ReminderOut] = Field(description="Residence permits in scope expiring within 120 days (or expired), soonest first")


def out(found: Followed) -> PersonOut:
    return PersonOut(
        id=found.mandate.person_id, handle=found.mandate.person_handle, mandate=mandate_out(found.mandate), documents=len(found.documents),
        reminders=[
            ReminderOut(document_id=r.document_id, title=r.title, expires_on=r.expires_on.isoformat(), days_left=r.days_left, stage=r.stage)
            for r in found.reminders
        ],
    )


def caseworker(who: Unlocked) -> Unlocked:
    if who.kind != "caseworker":
        raise NotForThisAccount("only caseworkers follow people")
    return who


@router.get("", response_model=list[PersonOut])
async def followed(who: Who, rt: Rt) -> list[PersonOut]:
    """Everyone who gave you an active mandate, by handle."""
    return [out(f) for f in await anyio.to_thread.run_sync(people.followed, rt, caseworker(who))]


@router.get("/{person_id}", response_model=PersonOut)
async def one(person_id: str, who: Who, rt: Rt) -> PersonOut:
    """One person, if their mandate to you is active; like a missing one otherwise."""
    return out(await anyio.to_thread.run_sync(people.one, rt, caseworker(who), person_id))
