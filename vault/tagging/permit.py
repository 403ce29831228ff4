"""Residence permit fields: `expires_on` (ISO date) and `permit_kind`.

Expiry comes, in order of trust, from the MRZ (check digit verified), from a
date printed under an expiry label, or from the end of a "valable du … au …"
range. A date that a birth or issue label claims is never returned, nor one
earlier than the issue date.
"""

from __future__ import annotations

import datetime as dt

from vault.tagging import anchors, mrz, vocabulary
from vault.tagging.rules import Rules

DATE_GROUPS = ("expires_on", "validity_range", "birth", "issued", "decision_date", "other_dates")


def date_groups(rules: Rules) -> dict[str, tuple[str, ...]]:
    """The label groups that introduce dates."""
    return {group: rules.labels.get(group, ()) for group in DATE_GROUPS}


def expires_on(doc: anchors.Doc, text: str, rules: Rules) -> dt.date | None:
    """The permit's expiry date, or None when no trustworthy one is printed."""
    from_zone = mrz.expiry(text)
    if from_zone is not None:
        return from_zone
    groups = date_groups(rules)
    claimed = set(anchors.dated(doc, groups, "birth")) | set(anchors.dated(doc, groups, "issued"))
    issued = max(anchors.dated(doc, groups, "issued"), default=dt.date.min)
    labelled = anchors.dated(doc, groups, "expires_on")
    ranged = anchors.dated(doc, groups, "validity_range")
    for candidates in (labelled, ranged[-1:] if len(ranged) >= 2 else []):
        fitting = [d for d in candidates if d not in claimed and d > issued]
        if fitting:
            return max(fitting)
    return None


def permit_fields(doc: anchors.Doc, text: str, rules: Rules) -> dict[str, str]:
    """`expires_on` and `permit_kind`, each only when found."""
    fields = {}
    expiry = expires_on(doc, text, rules)
    if expiry is not None:
        fields["expires_on"] = expiry.isoformat()
    kind = vocabulary.first(doc.compact, rules.vocabularies["permit_kinds"])
    if kind is not None:
        fields["permit_kind"] = kind
    return fields
