"""Asylum decision fields: `decision_date`, `protection`, `ofpra_number`.

The decision date is the one printed under a decision label, else the date of
the "Fait à …, le …" signature line or of the "Ville, le …" heading; a date
that a birth label or another event (request, interview) claims is skipped.
Protection comes from the decision's operative words ("la qualité de réfugié
est reconnue", "le bénéfice de la protection subsidiaire est accordé", "la
demande est rejetée"), checked in that rules file's priority order.
"""

from __future__ import annotations

import datetime as dt
import re

from vault.tagging import anchors, dates, textmatch, vocabulary
from vault.tagging.permit import date_groups
from vault.tagging.rules import Rules

HEADING_DATE = re.compile(r"[a-z)]\s*,?\s+le\s+(?=\d)")
OFPRA_DIGITS = re.compile(r"(?<![\d])\d(?:[ \-./]?\d){5,13}(?!\d)")
HEADING_ROWS = 12


def _signature_date(doc: anchors.Doc, claimed: set[dt.date]) -> dt.date | None:
    for index, row in enumerate(doc.folded):
        marker = HEADING_DATE.search(dates.digits(row))
        if marker is None:
            continue
        found = [f.value for f in dates.find_dates(row[marker.end() :][:30]) if f.value not in claimed]
        if found and (index < HEADING_ROWS or "fait a" in row):
            return found[0]
    return None


def decision_date(doc: anchors.Doc, rules: Rules) -> dt.date | None:
    """The date the decision was taken, or None."""
    groups = {**date_groups(rules), "decision_place": rules.labels.get("decision_place", ())}
    claimed = set(anchors.dated(doc, groups, "birth")) | set(anchors.dated(doc, groups, "other_dates"))
    for wanted in ("decision_date", "decision_place"):
        found = [d for d in anchors.dated(doc, groups, wanted) if d not in claimed]
        if found:
            return found[0]
    return _signature_date(doc, claimed)


def ofpra_number(doc: anchors.Doc, rules: Rules) -> str | None:
    """The OFPRA file number (digits only), read after its label."""
    for index, row in enumerate(doc.folded):
        for phrase in rules.labels.get("ofpra_number", ()):
            match = textmatch.find(row, phrase, fuzzy=len(phrase) >= 9)
            if match is None:
                continue
            window = dates.digits(row[match.end :] + " " + (doc.folded[index + 1] if index + 1 < len(doc.folded) else ""))
            number = OFPRA_DIGITS.search(window[:60])
            if number:
                return re.sub(r"\D", "", number[0])
    return None


def asylum_fields(doc: anchors.Doc, rules: Rules) -> dict[str, str]:
    """`decision_date`, `protection` and `ofpra_number`, each only when found."""
    fields = {}
    decided = decision_date(doc, rules)
    if decided is not None:
        fields["decision_date"] = decided.isoformat()
    protection = vocabulary.first(doc.compact, rules.vocabularies["protection"])
    if protection is not None:
        fields["protection"] = protection
    number = ofpra_number(doc, rules)
    if number is not None:
        fields["ofpra_number"] = number
    return fields
