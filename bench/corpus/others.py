"""Documents that are none of the tagged types: receipts, letters, invoices,
and near misses (a letter asking for a residence permit, a cover letter, an
employer's certificate)."""

from __future__ import annotations

import random

from bench.corpus import pools
from bench.corpus.common import Spec, address, any_date, body_face, numeric, paper, person, sans, some_date
from bench.corpus.layout import Page


def receipt(rng: random.Random) -> Spec:
    face = rng.choice([f for f in [sans(rng)]])
    page = Page(80, 150, paper=(250, 250, 246))
    y = page.text(8, 6, rng.choice(pools.STORES), 11, face, bold=True)
    street, city = address(rng)
    y = page.text(8, y, street, 7.5, face)
    y = page.text(8, y, city, 7.5, face) + 3
    total = 0.0
    for item in rng.sample(pools.GROCERIES, k=rng.randint(4, 9)):
        price = round(rng.uniform(0.5, 9.0), 2)
        total += price
        page.text(8, y, item, 8, face)
        y = page.text(56, y, f"{price:.2f}".replace(".", ","), 8, face)
    y = page.text(8, y + 3, f"TOTAL   {total:.2f} EUR".replace(".", ","), 10, face, bold=True)
    y = page.text(8, y + 1, "CB SANS CONTACT", 8, face)
    page.text(8, y + 2, f"{numeric(some_date(rng, 2023, 2025), rng)}  {rng.randint(8, 20)}:{rng.randint(10, 59)}", 8, face)
    return Spec("other", [page], {}, medium="receipt", variant="other-receipt")


def _letter(rng: random.Random, sender: list[str], subject: str, body: list[str], variant: str) -> Spec:
    who, face, page = person(rng), body_face(rng), paper(rng)
    y = 15.0
    for index, line in enumerate(sender):
        y = page.text(18, y, line, 11 if index == 0 else 9, face, bold=index == 0)
    street, city = address(rng)
    y = page.text(120, y + 8, f"{'M.' if who.sex == 'M' else 'Mme'} {who.given} {who.surname}", 10, face)
    y = page.text(120, y, street, 10, face)
    y = page.text(120, y, city, 10, face)
    y = page.text(120, y + 6, f"{city.split(' ', 1)[1]}, le {any_date(some_date(rng, 2023, 2025), rng)}", 10, face)
    y = page.text(18, y + 8, f"Objet : {subject}", 10, face, bold=True)
    y = page.text(18, y + 6, "Madame, Monsieur,", 10, face)
    for paragraph in body:
        y = page.paragraph(18, y + 4, paragraph, 10, face, width=172)
    y = page.paragraph(18, y + 6, "Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.", 10, face, width=172)
    return Spec("other", [page], {}, variant=variant)


def caf_letter(rng: random.Random) -> Spec:
    return _letter(rng, ["Caisse d'allocations familiales", "Service prestations", "Allocataire n° " + str(rng.randint(1000000, 9999999))],
                   "votre dossier de prestations",
                   ["Afin de poursuivre l'étude de vos droits, merci de nous fournir une copie de votre titre de séjour en cours de validité "
                    "ainsi que votre dernier avis d'imposition.",
                    "Vous pouvez déposer ces pièces dans votre espace personnel ou les envoyer par courrier."], "other-caf-letter")


def prefecture_letter(rng: random.Random) -> Spec:
    return _letter(rng, [rng.choice(pools.PREFECTURES), "Bureau du séjour des étrangers"], "convocation",
                   [f"Nous vous informons que vous êtes convoqué(e) le {numeric(some_date(rng, 2024, 2026), rng)} à 9h30 "
                    "pour le dépôt de votre demande de renouvellement de titre de séjour.",
                    "Veuillez vous présenter muni(e) de votre passeport, de trois photographies et d'un justificatif de domicile."],
                   "other-prefecture-letter")


def invoice(rng: random.Random) -> Spec:
    amount = round(rng.uniform(30, 180), 2)
    return _letter(rng, [rng.choice(["Énergie Verte", "Électricité Solidaire", "Eau du Grand Lyon"]), "Service clients"],
                   f"facture n° {rng.randint(100000, 999999)}",
                   [f"Montant à payer : {amount:.2f} €".replace(".", ","),
                    f"Date limite de paiement : {numeric(some_date(rng, 2024, 2025), rng)}",
                    "Consommation relevée du compteur sur la période, abonnement et taxes compris."], "other-invoice")


def cover_letter(rng: random.Random) -> Spec:
    who, face, page = person(rng), body_face(rng), paper(rng)
    y = page.text(18, 15, f"{who.given} {who.surname}", 11, face, bold=True)
    y = page.text(18, y + 10, "Objet : candidature au poste d'agent de propreté", 10, face, bold=True)
    y = page.text(18, y + 6, "Madame, Monsieur,", 10, face)
    for paragraph in ["Je me permets de vous proposer ma candidature. Mon expérience professionnelle de trois ans "
                      "et mes compétences en organisation seront utiles à votre équipe.",
                      "Je suis disponible immédiatement et je parle plusieurs langues. Vous trouverez ci-joint mon CV.",
                      "Je vous prie d'agréer, Madame, Monsieur, mes salutations distinguées."]:
        y = page.paragraph(18, y + 4, paragraph, 10, face, width=172)
    return Spec("other", [page], {}, variant="other-cover-letter")


def employer_certificate(rng: random.Random) -> Spec:
    who, face, page = person(rng), sans(rng), paper(rng)
    employer = rng.choice(pools.EMPLOYER_NAMES) + " " + rng.choice(pools.LEGAL_FORMS)
    y = page.text(18, 15, employer, 12, face, bold=True)
    y = page.text(18, y + 2, f"SIRET : {rng.randint(100000000, 999999999)}00019", 9, face)
    y = page.text(60, y + 14, "ATTESTATION EMPLOYEUR", 14, face, bold=True)
    body = (f"Je soussigné, gérant de la société {employer}, atteste que {who.given} {who.surname} est employé(e) "
            f"depuis le {numeric(some_date(rng, 2018, 2024), rng)} en contrat à durée indéterminée, pour un salaire brut "
            f"mensuel de {rng.randint(1700, 2500)},00 euros.")
    y = page.paragraph(18, y + 10, body, 10.5, face, width=172)
    page.paragraph(18, y + 6, "Attestation délivrée pour servir et valoir ce que de droit.", 10.5, face, width=172)
    return Spec("other", [page], {}, variant="other-employer-certificate")


BUILDERS = [receipt, caf_letter, prefecture_letter, invoice, cover_letter, employer_certificate]


def other(rng: random.Random) -> Spec:
    return rng.choice(BUILDERS)(rng)
