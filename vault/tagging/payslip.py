"""Payslip fields: `pay_period` (YYYY-MM), `employer`, `net_pay` ("1523.45").

The period is the first month or date under a period label (the start of
"période du … au …"), never a payment or hiring date, which their own labels
claim. The net pay is the amount actually paid ("net payé", "net à payer"),
the before-tax net only when nothing else is printed. The employer is the
text after an employer label, else the line naming a company by its legal form.
"""

from __future__ import annotations

import re

from vault.tagging import anchors, dates, textmatch
from vault.tagging.permit import date_groups
from vault.tagging.rules import Rules

COLUMN_GAP = re.compile(r"\s{3,}")
BEFORE_TAX = re.compile(r"^\W*(avant|before)")
HEADER_ROWS = 15


def _month_or_date(folded: str) -> list[dates.Found]:
    return sorted(dates.find_dates(folded) + dates.find_months(folded), key=lambda f: f.start)


def pay_period(doc: anchors.Doc, rules: Rules) -> str | None:
    """The pay month as YYYY-MM, or None."""
    groups = {**date_groups(rules), "pay_period": rules.labels.get("pay_period", ())}
    labels = anchors.find_labels(doc, groups)
    for label in labels:
        if label.group == "pay_period":
            found = anchors.values_for(doc, label, labels, _month_or_date)
            if found:
                return f"{found[0].value.year:04d}-{found[0].value.month:02d}"
    return None


def net_pay(doc: anchors.Doc, rules: Rules) -> str | None:
    """The net amount paid, as a decimal string with two places, or None."""
    labels = anchors.find_labels(doc, {"net_pay": rules.labels.get("net_pay", ())})
    paid: list[dates.Amount] = []
    before_tax: list[dates.Amount] = []
    for label in labels:
        amounts = anchors.values_for(doc, label, labels, dates.find_amounts)
        if not amounts:
            continue
        after = doc.folded[label.row][label.end :]
        (before_tax if BEFORE_TAX.search(after) else paid).append(amounts[0])
    chosen = paid[-1:] or before_tax[-1:]
    return chosen[0].value if chosen else None


def employer(doc: anchors.Doc, rules: Rules) -> str | None:
    """The employer's name as printed, or None."""
    for rest in anchors.text_after(doc, rules.labels.get("employer", ())):
        name = _clean(COLUMN_GAP.split(rest)[0])
        if len(name) >= 3:
            return name
    forms = [textmatch.compiled(form) for form in rules.legal_forms]
    for row, folded in zip(doc.rows[:HEADER_ROWS], doc.folded[:HEADER_ROWS]):
        for segment, folded_segment in zip(COLUMN_GAP.split(row), COLUMN_GAP.split(folded)):
            if any(form.search(folded_segment) for form in forms):
                return _clean(segment)
    return None


def _clean(name: str) -> str:
    return " ".join(name.strip(" :;,.-|/\t").split())
