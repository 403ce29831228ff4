"""Reminders before a residence permit expires: `/api/v1/reminders`."""

from __future__ import annotations

import anyio.to_thread
from fastapi import APIRouter, Response
from pydantic import BaseModel

from vault import reminders
from vault.documents import service as documents
from vault.errors import NotFound
from web.api.schemas import Problem
from web.auth import Rt, Who

router = APIRouter(prefix="/api/v1/reminders", tags=["reminders"], responses={401: {"model": Problem}})


class ReminderOut(BaseModel):
    document_id: str
    title: str
    expires_on: str
    days_left: int
    stage: int


@router.get("", response_model=list[ReminderOut])
async def due(who: Who, rt: Rt) -> list[ReminderOut]:
    """Residence permits expiring within 120 days (or expired), soonest first."""
    found = await anyio.to_thread.run_sync(documents.list_documents, rt, who)
    return [
        ReminderOut(document_id=r.document_id, title=r.title, expires_on=r.expires_on.isoformat(), days_left=r.days_left, stage=r.stage)
        for r in reminders.due(found, rt.clock().date())
    ]


@router.get("/{document_id}.ics", responses={200: {"content": {"text/calendar": {}}}, 404: {"model": Problem}})
async def calendar(document_id: str, who: Who, rt: Rt) -> Response:
    """An .ics file that puts the renewal reminder in the phone's calendar."""
    document = await anyio.to_thread.run_sync(documents.get, rt, who, document_id)
    expires_on = reminders.expiry_of(document)
    if expires_on is None:
        raise NotFound("this document has no known expiry date")
    reminder = reminders.Reminder(document.id, document.title, expires_on, (expires_on - rt.clock().date()).days)
    return Response(
        reminders.calendar(reminder, rt.clock()), media_type="text/calendar; charset=utf-8",
        headers={"content-disposition": 'attachment; filename="renouvellement-titre-de-sejour.ics"'},
    )
