"""OFPRA decisions: refugee status, subsidiary protection, rejection."""

from __future__ import annotations

import datetime as dt
import random

from bench.corpus import pools
from bench.corpus.common import Spec, address, any_date, body_face, numeric, paper, person, sans, some_date, spelled

OPERATIVE = {
    "refugee": ["La qualité de réfugié est reconnue à {who}.", "Le statut de réfugié est reconnu à {who}."],
    "subsidiary": ["Le bénéfice de la protection subsidiaire est accordé à {who}.",
                   "La qualité de réfugié n'est pas reconnue à {who}. Le bénéfice de la protection subsidiaire est accordé à {who}."],
    "rejected": ["La demande d'asile de {who} est rejetée.", "La demande d'asile présentée par {who} est rejetée."],
}
AFTER = {
    "refugee": "Vous pouvez solliciter auprès de la préfecture la délivrance d'une carte de résident.",
    "subsidiary": "Vous pouvez solliciter auprès de la préfecture une carte de séjour pluriannuelle.",
    "rejected": "Vous pouvez contester cette décision devant la Cour nationale du droit d'asile dans un délai d'un mois.",
}


def ofpra_number(rng: random.Random) -> tuple[str, str]:
    digits = f"{rng.randint(15, 25)}{rng.randint(1, 12):02d}{rng.randint(0, 99999):05d}"
    printed = rng.choice([digits, f"{digits[:2]}-{digits[2:4]}-{digits[4:]}", f"{digits[:4]} {digits[4:]}"])
    return digits, printed


def decision(rng: random.Random) -> Spec:
    who, face, head, page = person(rng), body_face(rng), sans(rng), paper(rng)
    protection = rng.choice(["refugee", "subsidiary", "rejected"])
    lodged = some_date(rng, 2021, 2024)
    interview = lodged + dt.timedelta(days=rng.randint(40, 200))
    decided = interview + dt.timedelta(days=rng.randint(10, 120))
    number, printed = ofpra_number(rng)
    title = "M." if who.sex == "M" else "Mme"
    name = f"{title} {who.given} {who.surname}"
    y = page.text(18, 14, "OFFICE FRANÇAIS DE PROTECTION", 11, head, bold=True)
    y = page.text(18, y, "DES RÉFUGIÉS ET APATRIDES", 11, head, bold=True)
    y = page.text(18, y, "201 rue Carnot – 94136 Fontenay-sous-Bois Cedex", 8, head)
    date_style = rng.choice(["heading", "label", "signature"])
    if date_style == "heading":
        page.text(120, y + 4, f"Fontenay-sous-Bois, le {spelled(decided)}", 10, face)
    street, city = address(rng)
    y = page.text(120, y + 12, name, 10, face)
    y = page.text(120, y, street, 10, face)
    y = page.text(120, y, city, 10, face) + 6
    label = rng.choice(["N° OFPRA", "Numéro de dossier OFPRA", "Identifiant OFPRA", "OFPRA n°"])
    y = page.text(18, y, f"{label} : {printed}", 10, face, bold=True)
    y = page.text(18, y, f"N° étranger (AGDREF) : {rng.randint(7500000000, 9999999999)}", 9, face)
    if date_style == "label":
        y = page.text(18, y, f"Date de la décision : {any_date(decided, rng)}", 10, face, bold=True)
    y = page.text(18, y + 6, "DÉCISION DU DIRECTEUR GÉNÉRAL", 12, head, bold=True) + 3
    lines = [
        f"{name}, né(e) le {numeric(who.birth, rng)} à {who.birth_place}, de nationalité {who.nationality[1]},",
        f"a présenté une demande d'asile enregistrée le {numeric(lodged, rng)}.",
        f"Entretien personnel le {numeric(interview, rng)}.",
        "Vu la convention de Genève du 28 juillet 1951 relative au statut des réfugiés ;",
        "Vu le code de l'entrée et du séjour des étrangers et du droit d'asile ;",
        "Le directeur général de l'Office français de protection des réfugiés et apatrides",
        "DÉCIDE :",
        "Article 1er : " + rng.choice(OPERATIVE[protection]).format(who=name),
        "Article 2 : La présente décision sera notifiée à l'intéressé(e).",
        AFTER[protection],
    ]
    size = rng.choice([9.5, 10, 10.5])
    for line in lines:
        y = page.paragraph(18, y + 1.5, line, size, face, width=172)
    if date_style == "signature":
        y = page.text(18, y + 8, f"Fait à Fontenay-sous-Bois, le {spelled(decided)}", 10, face)
    page.text(110, y + 10, "Pour le directeur général de l'OFPRA", 9.5, face)
    fields = {"decision_date": decided.isoformat(), "protection": protection, "ofpra_number": number}
    return Spec("asylum_decision", [page], fields, variant=f"decision-{protection}-{date_style}")
