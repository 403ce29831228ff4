"""Titres de séjour: card fronts and backs (with a TD1 MRZ), récépissés."""

from __future__ import annotations

import datetime as dt
import random

from bench.corpus import pools
from bench.corpus.common import CARD, Person, Spec, address, any_date, numeric, paper, person, sans, some_date
from bench.corpus.fonts import mrz_face
from bench.corpus.layout import Page

KINDS = [
    ("carte_temporaire", "CARTE DE SÉJOUR TEMPORAIRE", "VIE PRIVÉE ET FAMILIALE"),
    ("carte_pluriannuelle", "CARTE DE SÉJOUR PLURIANNUELLE", "PASSEPORT TALENT"),
    ("carte_pluriannuelle", "CARTE DE SÉJOUR PLURIANNUELLE", "SALARIÉ"),
    ("carte_de_resident", "CARTE DE RÉSIDENT", "RÉSIDENT"),
    ("carte_de_resident", "CARTE DE RÉSIDENT", "RÉFUGIÉ"),
    ("carte_temporaire", "CARTE DE SÉJOUR TEMPORAIRE", "TRAVAILLEUR TEMPORAIRE"),
]
EXPIRY_LABELS = ["DATE D'EXPIRATION / EXPIRY DATE", "VALABLE JUSQU'AU / VALID UNTIL", "DATE D'EXPIRATION", "Valable jusqu'au"]


def check_digit(text: str) -> str:
    weights, total = (7, 3, 1), 0
    for index, char in enumerate(text):
        value = int(char) if char.isdigit() else ord(char) - 55 if char.isalpha() else 0
        total += value * weights[index % 3]
    return str(total % 10)


def mrz_lines(who: Person, number: str, expires: dt.date) -> list[str]:
    line1 = f"IRFRA{number}{check_digit(number)}".ljust(30, "<")
    birth, end = who.birth.strftime("%y%m%d"), expires.strftime("%y%m%d")
    line2 = f"{birth}{check_digit(birth)}{who.sex}{end}{check_digit(end)}{who.nationality[0]}".ljust(29, "<")
    line2 += check_digit(line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29])
    name = f"{who.surname.replace('-', '<')}<<{who.given.upper().replace(' ', '<')}"
    return [line1, line2, name[:30].ljust(30, "<")]


def _front(page: Page, rng: random.Random, who: Person, kind: tuple[str, str, str], issued: dt.date, expires: dt.date) -> None:
    face = sans(rng)
    page.box(0, 0, CARD[0], 9, fill=rng.choice([(205, 220, 240), (220, 230, 245), (235, 225, 240)]))
    page.text(3, 1.2, "RÉPUBLIQUE FRANÇAISE", 6.5, face, bold=True)
    page.text(3, 4.8, rng.choice(["TITRE DE SÉJOUR", "TITRE DE SÉJOUR / RESIDENCE PERMIT"]), 6, face, bold=True)
    page.box(3, 12, 20, 26, fill=(200, 200, 200))
    x, y, small, value = 26.0, 11.0, 4.3, 6.2
    for label, text in (("NOM / SURNAME", who.surname), ("PRÉNOMS / GIVEN NAMES", who.given.upper())):
        page.text(x, y, label, small, face)
        y = page.text(x, y + 2.0, text, value, face, bold=True) + 0.4
    page.text(x, y, "SEXE   NATIONALITÉ / NATIONALITY", small, face)
    y = page.text(x, y + 2.0, f"{who.sex}       {who.nationality[0]}", value, face, bold=True) + 0.4
    birth_text, expiry_label = numeric(who.birth, rng), rng.choice(EXPIRY_LABELS)
    expiry_text = any_date(expires, rng) if rng.random() < 0.2 else numeric(expires, rng)
    if rng.random() < 0.5:
        page.text(x, y, "DATE DE NAISSANCE / DATE OF BIRTH", small, face)
        page.text(x + 30, y, expiry_label.split(" / ")[0], small, face)
        y = page.text(x, y + 2.0, birth_text, value, face, bold=True)
        page.text(x + 30, y - 3.2, expiry_text, value, face, bold=True)
    else:
        y = page.text(x, y, f"Date de naissance : {birth_text}", small + 1, face)
        y = page.text(x, y, f"{expiry_label} : {expiry_text}", small + 1, face, bold=True)
    page.text(3, 40, "TYPE DE TITRE / TYPE OF PERMIT", small, face)
    page.text(3, 42.2, kind[1], value - 0.4, face, bold=True)
    page.text(3, 46.8, kind[2], value - 1, face)


def _back(page: Page, rng: random.Random, who: Person, number: str, issued: dt.date, expires: dt.date) -> None:
    face = sans(rng)
    street, city = address(rng)
    page.text(3, 2, "ADRESSE / ADDRESS", 4.3, face)
    page.text(3, 4.3, f"{street} {city}".upper(), 5.2, face)
    page.text(3, 8.5, "REMARQUES / REMARKS", 4.3, face)
    page.text(3, 10.8, rng.choice(["AUTORISE SON TITULAIRE À TRAVAILLER", "Autorise à travailler", "Travail autorisé"]), 5.2, face)
    page.text(3, 15.5, f"DATE DE DÉLIVRANCE / DATE OF ISSUE : {numeric(issued, rng)}", 5, face)
    page.text(3, 19.5, rng.choice(pools.PREFECTURES).upper(), 5, face)
    ocrb = mrz_face()
    for index, line in enumerate(mrz_lines(who, number, expires)):
        page.text(3.5, 34 + index * 5.6, line, 8.6, ocrb)


def residence_card(rng: random.Random) -> Spec:
    """A card front, back, or both sides on one scanned A4 page."""
    who, kind = person(rng), rng.choice(KINDS)
    issued = some_date(rng, 2019, 2025)
    expires = dt.date(issued.year + rng.choice([1, 2, 4, 10]), issued.month, min(issued.day, 28))
    number = "".join(str(rng.randint(0, 9)) for _ in range(10)) if rng.random() < 0.5 else f"{rng.randint(10, 99)}{rng.randint(10, 99)}{rng.randint(100000, 999999)}"
    number = number[:9]
    sides = rng.choices(["front", "back", "both"], weights=[5, 3, 2])[0]
    front, back = Page(*CARD, paper=(250, 250, 252)), Page(*CARD, paper=(247, 249, 250))
    _front(front, rng, who, kind, issued, expires)
    _back(back, rng, who, number, issued, expires)
    fields = {"expires_on": expires.isoformat()}
    if sides != "back":
        fields["permit_kind"] = kind[0]
    if sides == "both":
        sheet = paper(rng)
        _place(sheet, front, 30, 40)
        _place(sheet, back, 30, 120)
        return Spec("residence_permit", [sheet], fields, medium="paper", variant="permit-both-sides")
    return Spec("residence_permit", [front if sides == "front" else back], fields, medium="card", variant=f"permit-{sides}")


def _place(sheet: Page, card: Page, dx: float, dy: float) -> None:
    from bench.corpus.layout import Box, Text

    sheet.box(dx, dy, card.width, card.height, fill=card.paper, outline=(180, 180, 180))
    for item in card.items:
        if isinstance(item, Text):
            sheet.items.append(Text(item.x + dx, item.y + dy, item.text, item.size, item.face, item.bold, item.colour))
        elif isinstance(item, Box):
            sheet.items.append(Box(item.x + dx, item.y + dy, item.w, item.h, item.fill, item.outline))


def recepisse(rng: random.Random) -> Spec:
    """A paper récépissé (receipt of a permit application), valid a few months."""
    who, face, page = person(rng), sans(rng), paper(rng)
    issued = some_date(rng, 2022, 2025)
    expires = issued + dt.timedelta(days=rng.choice([90, 120, 180]))
    prefecture = rng.choice(pools.PREFECTURES)
    y = page.text(20, 15, "RÉPUBLIQUE FRANÇAISE", 12, face, bold=True)
    y = page.text(20, y, prefecture, 11, face)
    y = page.text(20, y + 8, "RÉCÉPISSÉ DE DEMANDE DE CARTE DE SÉJOUR", 14, face, bold=True)
    y = page.text(20, y + 2, "Le présent récépissé autorise son titulaire à travailler", 10, face)
    for label, value in (("Nom", who.surname), ("Prénom(s)", who.given), ("Né(e) le", numeric(who.birth, rng)),
                         ("à", who.birth_place), ("Nationalité", who.nationality[1])):
        y = page.text(20, y + 3, f"{label} : {value}", 11, face)
    style = rng.random()
    if style < 0.5:
        y = page.text(20, y + 8, f"Valable jusqu'au : {any_date(expires, rng)}", 12, face, bold=True)
    else:
        y = page.text(20, y + 8, f"Valable du {numeric(issued, rng)} au {numeric(expires, rng)}", 12, face, bold=True)
    y = page.text(20, y + 10, f"Fait le {numeric(issued, rng)}, {prefecture}", 10, face)
    page.text(120, y + 10, "Pour le préfet et par délégation", 10, face)
    return Spec("residence_permit", [page], {"expires_on": expires.isoformat(), "permit_kind": "recepisse"}, variant="permit-recepisse")
