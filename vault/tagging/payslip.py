"""Payslip fields: `pay_period` (YYYY-MM), `employer`, `net_pay` ("1523.45").

The period is the first month or date under a period label (the start of
"période du … au …"), never a payment or hiring date, which their own labels
claim. The net pay is the amount actually paid ("net payé", "net à payer"),
the before-tax net only when nothing else is printed; it is read on its
label's row only, as payslips print it (the row below is another figure).
The employer is the text after an employer label, else the line naming a
company by its legal form, else the line right under the payslip's title.
"""

from __future__ import annotations

import re

from vault.tagging import anchors, dates, textmatch
from vault.tagging.permit import date_groups
from vault.tagging.rules import Rules

COLUMN_GAP = re.compile(r"\s{3,}")
BEFORE_TAX = re.compile(r"^[^0-9]{0,20}\b(avant|before)\b")
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
        amounts = anchors.values_for(doc, label, labels, dates.find_amounts, lookahead=0)
        if not amounts:
            continue
        said = doc.folded[label.row][label.start :]
        (before_tax if BEFORE_TAX.search(said) else paid).append(amounts[0])
    chosen = paid[-1:] or before_tax[-1:]
    return chosen[0].value if chosen else None


def employer(doc: anchors.Doc, rules: Rules) -> str | None:
    """The employer's name as printed, or None."""
    forms, stops = rules.legal_forms, rules.labels.get("employee", ())
    for rest in anchors.text_after(doc, rules.labels.get("employer", ())):
        name = _name(COLUMN_GAP.split(rest)[0], forms, stops)
        if len(name) >= 3:
            return name
    for row in doc.rows[:HEADER_ROWS]:
        for segment in COLUMN_GAP.split(row):
            if _first(textmatch.fold(segment), forms):
                return _name(segment, forms, stops)
    return _under_title(doc, rules)


def _under_title(doc: anchors.Doc, rules: Rules) -> str | None:
    """The row right under the payslip's title, where the employer's block begins."""
    titles = next((c.phrases for t in rules.types if t.name == "payslip" for c in t.cues if c.name == "payslip_title"), ())
    for index, folded in enumerate(doc.folded[: HEADER_ROWS - 1]):
        if _first(folded, titles) and index + 1 < len(doc.rows):
            name = _name(COLUMN_GAP.split(doc.rows[index + 1])[0], rules.legal_forms, rules.labels.get("employee", ()))
            letters = sum(c.isalpha() for c in name)
            labelled = _first(textmatch.fold(name), rules.labels.get("employer", ()))
            return name if letters >= 4 and letters > 2 * sum(c.isdigit() for c in name) and not labelled else None
    return None


def _first(folded: str, phrases: tuple[str, ...]) -> textmatch.Match | None:
    found = [m for m in (textmatch.find(folded, p, fuzzy=False) for p in phrases) if m]
    return min(found, key=lambda m: m.start) if found else None


def _name(text: str, forms: tuple[str, ...], stops: tuple[str, ...]) -> str:
    """`text` cut after the company's legal form, or before an employee label;
    "" when `text` starts with an employee label (it names the employee)."""
    folded = textmatch.fold(text)
    form, stop = _first(folded, forms), _first(folded, stops)
    if stop is not None and not folded[: stop.start].strip(" :;,.-|/\t"):
        return ""
    end = form.end if form else stop.start if stop else len(text)
    return " ".join(text[:end].strip(" :;,.-|/\t").split())
