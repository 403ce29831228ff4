"""Reminders before a residence permit expires.

A renewal must be asked at the préfecture two to four months before the
expiry date, so a person is warned 120, 60 and 30 days ahead (and after).
Dates come from the tagger's `expires_on` field, or the person's correction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from vault.documents.model import Document

STAGES = (30, 60, 120)


@dataclass(frozen=True)
class Reminder:
    document_id: str
    title: str
    expires_on: date
    days_left: int

    @property
    def stage(self) -> int:
        """The tightest warning stage reached: 120, 60, 30, or 0 once expired."""
        if self.days_left < 0:
            return 0
        return next(s for s in STAGES if self.days_left <= s)


def expiry_of(document: Document) -> date | None:
    if document.category != "residence_permit":
        return None
    try:
        return date.fromisoformat(document.fields.get("expires_on", ""))
    except ValueError:
        return None


def due(documents: list[Document], today: date) -> list[Reminder]:
    """Permits expiring within 120 days (or already expired), soonest first."""
    reminders = []
    for document in documents:
        expires_on = expiry_of(document)
        if expires_on is not None and (expires_on - today).days <= max(STAGES):
            reminders.append(Reminder(document.id, document.title, expires_on, (expires_on - today).days))
    return sorted(reminders, key=lambda r: r.expires_on)


def calendar(reminder: Reminder, now: datetime, product: str = "-//vault//reminders//FR") -> str:
    """An iCalendar file with one all-day event on the day renewal should be asked (four
    months ahead, or today if that is past), and alarms 120, 60 and 30 days before expiry."""
    ask_on = max(reminder.expires_on - timedelta(days=120), now.date())
    alarms = "".join(
        "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Titre de séjour : demander le renouvellement\r\n"
        f"TRIGGER;VALUE=DATE-TIME:{(reminder.expires_on - timedelta(days=days)).strftime('%Y%m%d')}T090000Z\r\nEND:VALARM\r\n"
        for days in STAGES
        if reminder.expires_on - timedelta(days=days) >= now.date()
    )
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{product}", "CALSCALE:GREGORIAN", "BEGIN:VEVENT",
        f"UID:{reminder.document_id}-renewal@vault", f"DTSTAMP:{now.strftime('%Y%m%dT%H%M%SZ')}",
        f"DTSTART;VALUE=DATE:{ask_on.strftime('%Y%m%d')}",
        f"DTEND;VALUE=DATE:{(ask_on + timedelta(days=1)).strftime('%Y%m%d')}",
        "SUMMARY:Renouveler mon titre de séjour / Renew my residence permit",
        f"DESCRIPTION:Expire le {reminder.expires_on.strftime('%d/%m/%Y')}. Demander le renouvellement "
        "à la préfecture 2 à 4 mois avant. / Expires on this date: ask the préfecture 2 to 4 months before.",
    ]
    return "".join(fold_line(line) for line in lines) + alarms + "END:VEVENT\r\nEND:VCALENDAR\r\n"


def fold_line(line: str, width: int = 75) -> str:
    """RFC 5545 folding: at most 75 octets a line, never splitting a UTF-8 character."""
    pieces, current = [], ""
    for char in line:
        if len((current + char).encode()) > width:
            pieces.append(current)
            current = " "
        current += char
    pieces.append(current)
    return "\r\n".join(pieces) + "\r\n"
