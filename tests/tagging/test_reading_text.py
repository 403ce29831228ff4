"""Classification and field reading on recognised text (no OCR involved)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vault.tagging import describe
from vault.tagging.mrz import check_digit
from vault.tagging.rules import load_rules

RULES = load_rules()


def td1_zone(birth: str, expiry: str, *, break_expiry_check: bool = False) -> str:
    expiry_check = (check_digit(expiry) + (1 if break_expiry_check else 0)) % 10
    line2 = f"{birth}{check_digit(birth)}F{expiry}{expiry_check}ERI".ljust(30, "<")
    return "\n".join(["IRFRA1234567897".ljust(30, "<"), line2, "KIDANE<<SELAM".ljust(30, "<")])


def test_expiry_beside_birth_date_in_columns_is_the_expiry() -> None:
    text = """RÉPUBLIQUE FRANÇAISE
TITRE DE SÉJOUR / RESIDENCE PERMIT
Date de naissance / Date of birth   Date d'expiration / Expiry date
12 04 1990   03.11.2028"""
    kind, fields, _, _ = describe(text, RULES)
    assert kind == "residence_permit"
    assert fields["expires_on"] == "2028-11-03"


def test_birth_and_issue_dates_alone_never_become_the_expiry() -> None:
    text = """TITRE DE SÉJOUR
CARTE DE RÉSIDENT
Date de naissance : 01/02/1985
Date de délivrance : 14/06/2021"""
    kind, fields, _, _ = describe(text, RULES)
    assert kind == "residence_permit"
    assert "expires_on" not in fields
    assert fields["permit_kind"] == "carte_de_resident"


def test_mrz_expiry_is_read_when_its_check_digit_holds() -> None:
    text = "ADRESSE / ADDRESS\n12 RUE PASTEUR 69007 LYON\nDATE DE DÉLIVRANCE : 05.03.2022\n" + td1_zone("880315", "320304")
    kind, fields, _, cues = describe(text, RULES)
    assert kind == "residence_permit"
    assert fields["expires_on"] == "2032-03-04"
    assert "residence_permit:mrz_residence" in cues


def test_mrz_with_a_broken_check_digit_gives_no_expiry() -> None:
    text = "TITRE DE SÉJOUR\n" + td1_zone("880315", "320304", break_expiry_check=True)
    _, fields, _, _ = describe(text, RULES)
    assert "expires_on" not in fields


def test_mrz_misread_letters_in_dates_are_undone() -> None:
    zone = td1_zone("880315", "320304").replace("320304", "32O3O4")
    _, fields, _, _ = describe("TITRE DE SEJOUR\n" + zone, RULES)
    assert fields["expires_on"] == "2032-03-04"


def test_validity_range_gives_its_end_date() -> None:
    text = """RÉCÉPISSÉ DE DEMANDE DE CARTE DE SÉJOUR
Le présent récépissé autorise son titulaire à travailler
Né(e) le : 04-07-1999
Valable du 12/03/2024 au 11/09/2024"""
    kind, fields, _, _ = describe(text, RULES)
    assert (kind, fields["expires_on"], fields["permit_kind"]) == ("residence_permit", "2024-09-11", "recepisse")


@pytest.mark.parametrize(
    "noisy",
    ["TITRE DE SEJOUR", "titre de séjour", "TlTRE DE SEJ0UR", "TITRE DESEJOUR", "Titre  de   Séjour"],
)
def test_ocr_noise_does_not_hide_the_permit(noisy: str) -> None:
    text = f"{noisy}\nDate d'expiration : 02/02/2030\nCARTE DE SEJOUR TEMPORAIRE"
    kind, fields, _, _ = describe(text, RULES)
    assert kind == "residence_permit"
    assert fields["expires_on"] == "2030-02-02"


def test_a_letter_asking_for_a_permit_is_not_a_permit() -> None:
    text = """Caisse d'allocations familiales
Objet : votre dossier
Madame, Monsieur,
merci de nous fournir une copie de votre titre de séjour en cours de validité.
Nous vous prions d'agréer nos salutations distinguées."""
    kind, _, _, cues = describe(text, RULES)
    assert kind == "other"
    assert "residence_permit:titre_de_sejour" in cues


@pytest.mark.parametrize(
    ("operative", "protection"),
    [
        ("Article 1er : La qualité de réfugié est reconnue à Mme Selam KIDANE.", "refugee"),
        ("Article 1er : La qualité de réfugié n'est pas reconnue à M. Ahmad NOORI. "
         "Le bénéfice de la protection subsidiaire est accordé à M. Ahmad NOORI.", "subsidiary"),
        ("Article 1er : La demande d'asile de M. Ahmad NOORI est rejetée.", "rejected"),
    ],
)
def test_asylum_decision_protection_date_and_number(operative: str, protection: str) -> None:
    text = f"""OFFICE FRANÇAIS DE PROTECTION DES RÉFUGIÉS ET APATRIDES
Fontenay-sous-Bois, le 14 mars 2024
N° OFPRA : 23-01-04567
Mme Selam KIDANE, née le 02/05/1994 à Asmara, a présenté une demande d'asile enregistrée le 03/01/2023.
Entretien personnel le 12/09/2023.
Vu la convention de Genève du 28 juillet 1951 relative au statut des réfugiés ;
DÉCIDE :
{operative}"""
    kind, fields, _, _ = describe(text, RULES)
    assert kind == "asylum_decision"
    assert fields == {"decision_date": "2024-03-14", "protection": protection, "ofpra_number": "230104567"}


def test_payslip_period_net_pay_and_employer_ignore_payment_and_hiring_dates() -> None:
    text = """BULLETIN DE PAIE
Employeur : Restaurant Le Soleil SARL   Salarié : Hamid RAHIMI
Date d'entrée : 03/05/2019
Période du 01/03/2024 au 31/03/2024
Date de paiement : 04/04/2024
SALAIRE BRUT   2 068,94
NET À PAYER AVANT IMPÔT SUR LE REVENU   1 645,61 €
Impôt sur le revenu prélevé à la source   -19,75
NET PAYÉ   1 625,86 €
Net imposable : 1 705,61"""
    kind, fields, _, _ = describe(text, RULES)
    assert kind == "payslip"
    assert fields == {"pay_period": "2024-03", "employer": "Restaurant Le Soleil SARL", "net_pay": "1625.86"}


def test_payslip_without_employer_label_finds_the_company_by_legal_form() -> None:
    text = "Bulletin de salaire\nPropreté Services SAS\n4 rue Victor Hugo\nSIRET : 493 978 584 00089\nPériode : Janvier 2024\nNet à payer 1 523,45"
    _, fields, _, _ = describe(text, RULES)
    assert fields == {"pay_period": "2024-01", "employer": "Propreté Services SAS", "net_pay": "1523.45"}


def test_cv_languages_come_from_the_languages_section_only() -> None:
    text = """CURRICULUM VITAE
Yonas TESFAYE
EXPÉRIENCE PROFESSIONNELLE
2019-2021 : Cariste, Entrepôts du Sud
FORMATION
Cours d'anglais, Asmara (2012)
COMPÉTENCES
Permis B
Soudure à l'arc
LANGUES
Tigrinya : langue maternelle
Français : B1
CENTRES D'INTÉRÊT
Football"""
    kind, _, tags, _ = describe(text, RULES)
    assert kind == "cv"
    assert sorted(tags) == ["language:french", "language:tigrinya", "skill:driving_licence", "skill:forklift", "skill:welding"]


def test_a_cover_letter_is_not_a_cv() -> None:
    text = """Objet : candidature au poste d'agent de propreté
Madame, Monsieur,
Je me permets de vous proposer ma candidature. Mon expérience professionnelle et mes compétences...
Vous trouverez ci-joint mon CV.
Je vous prie d'agréer, Madame, Monsieur, mes salutations distinguées."""
    assert describe(text, RULES)[0] == "other"


def test_an_operator_rules_file_adds_a_type(tmp_path: Path) -> None:
    extra = tmp_path / "rules.json"
    extra.write_text(json.dumps({"version": 1, "types": {"tax_notice": {"min_score": 4, "cues": [
        {"name": "avis", "weight": 4, "phrases": ["avis d impot sur les revenus"]}]}}}), "utf-8")
    kind, _, _, cues = describe("AVIS D'IMPÔT 2024 SUR LES REVENUS\nAvis d'impôt sur les revenus de 2023", load_rules(extra))
    assert (kind, cues) == ("tax_notice", ["tax_notice:avis"])


def test_a_rules_file_of_an_unknown_version_is_refused(tmp_path: Path) -> None:
    extra = tmp_path / "rules.json"
    extra.write_text(json.dumps({"version": 99}), "utf-8")
    with pytest.raises(ValueError, match="version"):
        load_rules(extra)


def test_payslip_employer_without_label_or_legal_form_is_the_line_under_the_title() -> None:
    text = "BULLETIN DE PAIE\nCafé de la Gare\n4 rue Pasteur\n75019 Paris\nPériode : Mars 2024\nNET À PAYER 1 234,56"
    _, fields, _, _ = describe(text, RULES)
    assert fields == {"pay_period": "2024-03", "employer": "Café de la Gare", "net_pay": "1234.56"}


def test_net_pay_is_never_taken_from_the_row_below_its_label() -> None:
    text = "BULLETIN DE PAIE\nEmployeur : Garage Central SARL\nNET À PAYER\nNet imposable : 2 000,38"
    _, fields, _, _ = describe(text, RULES)
    assert "net_pay" not in fields


def test_the_employee_line_is_never_taken_for_the_employer() -> None:
    text = "BULLETIN DE PAIE\nEmployeur :\nSalarié : Oleksandr YOUSSEF\nNET À PAYER 1 234,56"
    _, fields, _, _ = describe(text, RULES)
    assert "employer" not in fields
