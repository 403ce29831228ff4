"""Bulletins de paie: employer block, period, contribution table, net pay."""

from __future__ import annotations

import datetime as dt
import random

from bench.corpus import pools
from bench.corpus.common import Spec, address, numeric, paper, person, sans, some_date


def money(value: float, rng: random.Random) -> str:
    units, cents = f"{value:.2f}".split(".")
    grouped = units if len(units) <= 3 else rng.choice([f"{units[:-3]} {units[-3:]}", f"{units[:-3]}.{units[-3:]}", units])
    return f"{grouped},{cents}" + rng.choice(["", " €", " EUR"])


def _employer(rng: random.Random) -> str:
    name = rng.choice(pools.EMPLOYER_NAMES)
    return f"{name} {rng.choice(pools.LEGAL_FORMS)}" if rng.random() < 0.75 else name


def _period(start: dt.date, end: dt.date, rng: random.Random) -> str:
    month = pools.MONTHS_FR[start.month - 1]
    return rng.choice([
        f"Période du {numeric(start, rng)} au {numeric(end, rng)}",
        f"Période : {month.capitalize()} {start.year}",
        f"Période de paie : du {start.day:02d}/{start.month:02d}/{start.year} au {end.day:02d}/{end.month:02d}/{end.year}",
        f"Mois : {start.month:02d}/{start.year}",
        f"Paie du mois de {month} {start.year}",
    ])


def payslip(rng: random.Random) -> Spec:
    who, face, page = person(rng), sans(rng), paper(rng)
    employer = _employer(rng)
    start = dt.date(rng.randint(2021, 2025), rng.randint(1, 12), 1)
    end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    paid_on = end + dt.timedelta(days=rng.randint(1, 6))
    hired = some_date(rng, 2016, start.year - 1)
    gross = round(rng.uniform(1450, 3200), 2)
    net_before = round(gross * rng.uniform(0.76, 0.80), 2)
    tax = round(net_before * rng.choice([0.0, 0.0, 0.012, 0.025, 0.04]), 2)
    net = round(net_before - tax, 2)
    y = page.text(15, 12, rng.choice(["BULLETIN DE PAIE", "BULLETIN DE SALAIRE", "Bulletin de paie"]), 15, face, bold=True)
    street, city = address(rng)
    labelled = rng.random() < 0.5
    y = page.text(15, y + 4, f"Employeur : {employer}" if labelled else employer, 10.5, face, bold=True)
    y = page.text(15, y, street, 9, face)
    y = page.text(15, y, city, 9, face)
    y = page.text(15, y, f"SIRET : {rng.randint(100, 999)} {rng.randint(100, 999)} {rng.randint(100, 999)} 000{rng.randint(10, 99)}", 9, face)
    y = page.text(15, y, f"Code NAF : {rng.randint(1000, 9999)}{rng.choice('ABCZ')}   URSSAF de {city.split(' ', 1)[1]}", 9, face)
    page.text(115, 26, f"Salarié : {who.given} {who.surname}", 10, face, bold=True)
    page.text(115, 31, f"Emploi : {rng.choice(pools.JOBS)}", 9, face)
    page.text(115, 35.5, f"Date d'entrée : {numeric(hired, rng)}", 9, face)
    page.text(115, 40, f"N° SS : {rng.randint(1, 2)} {rng.randint(60, 99)} {rng.randint(1, 12):02d} 99 {rng.randint(100, 999)} {rng.randint(100, 999)}", 9, face)
    y = max(y, 46) + 4
    y = page.text(15, y, _period(start, end, rng), 10.5, face, bold=True)
    y = page.text(15, y, f"Date de paiement : {numeric(paid_on, rng)}", 9.5, face) + 3
    rows = [("Salaire de base", f"{151.67:.2f}".replace(".", ","), money(gross * 0.93, rng)),
            ("Heures supplémentaires 25 %", "8,00", money(gross * 0.07, rng)),
            ("SALAIRE BRUT", "", money(gross, rng)),
            ("Sécurité sociale - Maladie", "", money(gross * 0.0, rng)),
            ("Retraite complémentaire Tranche 1", "3,15", money(gross * 0.0315, rng)),
            ("CSG déductible de l'impôt sur le revenu", "6,80", money(gross * 0.0666, rng)),
            ("CSG/CRDS non déductible", "2,90", money(gross * 0.0284, rng)),
            ("Total des cotisations et contributions", "", money(gross - net_before, rng))]
    page.box(13, y - 1, 184, 0.3, fill=(60, 60, 60))
    page.text(15, y, "Rubrique", 9, face, bold=True)
    page.text(120, y, "Taux", 9, face, bold=True)
    y = page.text(160, y, "Montant", 9, face, bold=True) + 1
    for label, rate, amount in rows:
        page.text(15, y, label, 9, face)
        page.text(120, y, rate, 9, face)
        y = page.text(160, y, amount, 9, face) + 0.6
    y += 4
    if tax > 0 or rng.random() < 0.5:
        page.text(15, y, "NET À PAYER AVANT IMPÔT SUR LE REVENU", 10, face, bold=True)
        y = page.text(160, y, money(net_before, rng), 10, face, bold=True) + 1
        page.text(15, y, "Impôt sur le revenu prélevé à la source", 9, face)
        y = page.text(160, y, "-" + money(tax, rng), 9, face) + 2
        final_label = rng.choice(["NET PAYÉ", "NET À PAYER", "Net payé en euros"])
    else:
        final_label, net = rng.choice(["NET À PAYER", "NET À PAYER AU SALARIÉ"]), net_before
    page.box(13, y - 1, 184, 8, outline=(60, 60, 60))
    page.text(15, y, final_label, 11, face, bold=True)
    y = page.text(160, y, money(net, rng), 11, face, bold=True) + 6
    page.text(15, y, f"Net imposable : {money(net_before + gross * 0.029, rng)}", 9, face)
    page.text(15, y + 5, f"Montant net social : {money(net_before + 12.5, rng)}", 9, face)
    page.text(15, y + 10, "Congés payés : acquis 2,08 j   pris 0,00 j", 9, face)
    fields = {"pay_period": f"{start.year:04d}-{start.month:02d}", "employer": employer, "net_pay": f"{net:.2f}"}
    return Spec("payslip", [page], fields, variant="payslip-labelled" if labelled else "payslip-header")
