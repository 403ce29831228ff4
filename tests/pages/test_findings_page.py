"""The document page shows what the tagger found, and lets the person correct it."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.conftest import User, make_settings, make_user
from tests.pages.browse import add_document, document_ids, log_in, shown, sign_up, submit, token_of, upload
from tests.samples import text_pdf
from vault.bootstrap import build_runtime, close_runtime
from vault.runtime import Runtime
from vault.tagging import TaggingFailed
from web.app import create_app
from web.pages.findings import CHOICES, LABELLED, TAG_ERRORS
from web.pages.render import WEB

DECISION = [
    "OFFICE FRANCAIS DE PROTECTION DES REFUGIES ET APATRIDES", "Decision du directeur general",
    "Numero OFPRA : 2301234567", "Fait a Fontenay-sous-Bois, le 12/05/2024", "La qualite de refugie est reconnue a M. Ahmad",
]


@pytest.fixture
def tagging_client(tmp_path: Path) -> Iterator[TestClient]:
    """The app with its real tagging pool (PDF text layers and broken files need no Tesseract)."""
    runtime = build_runtime(make_settings(tmp_path / "data", ocr_workers=1), with_tagger=True)
    try:
        with TestClient(create_app(runtime=runtime), base_url="http://testserver") as client:
            yield client
    finally:
        close_runtime(runtime)


def tagged(client: TestClient, document_id: str, seconds: float = 60) -> dict[str, object]:
    deadline = time.monotonic() + seconds
    while True:
        document: dict[str, object] = client.get(f"/api/v1/documents/{document_id}").json()
        if document["tag_state"] != "tagging" or time.monotonic() > deadline:
            return document
        time.sleep(0.1)


def fields_of(client: TestClient, user: User, document_id: str) -> dict[str, object]:
    document: dict[str, object] = client.get(f"/api/v1/documents/{document_id}", headers=user.auth).json()
    return document


def signed_in_with(client: TestClient, category: str, fields: dict[str, str] | None = None, tags: list[str] | None = None) -> tuple[User, str]:
    user = make_user(client)
    document_id = add_document(client, user, "Mon papier", category, fields)
    if tags is not None:
        client.patch(f"/api/v1/documents/{document_id}", headers=user.auth, json={"tags": tags})
    log_in(client, user.handle)
    return user, document_id


def test_what_the_tagger_found_is_shown_with_labels_and_the_text_read(tagging_client: TestClient) -> None:
    sign_up(tagging_client)
    upload(tagging_client, text_pdf(DECISION), "decision.pdf", "application/pdf")
    [document_id] = document_ids(tagging_client.get("/documents").text)
    assert tagged(tagging_client, document_id)["tag_state"] == "tagged"
    page = tagging_client.get(f"/documents/{document_id}")
    text = shown(page)
    assert "Décision d'asile (OFPRA, CNDA)" in text and "reconnu automatiquement" in text
    assert "Date de la décision" in text and "12/05/2024" in text
    assert "Statut de réfugié reconnu" in text and "Numéro OFPRA" in text and "2301234567" in text
    assert '<details class="text-read">' in page.text and "OFFICE FRANCAIS DE PROTECTION" in text
    assert 'name="decision_date" type="date" value="2024-05-12"' in page.text
    assert '<option value="refugee" selected>' in page.text


def test_a_file_the_tagger_cannot_read_says_why_in_plain_words(tagging_client: TestClient) -> None:
    sign_up(tagging_client)
    upload(tagging_client, b"%PDF-1.4 torn in half", "abime.pdf", "application/pdf")
    [document_id] = document_ids(tagging_client.get("/documents").text)
    assert tagged(tagging_client, document_id)["tag_state"] == "failed"
    text = shown(tagging_client.get(f"/documents/{document_id}"))
    assert "Le coffre n'a pas pu lire ce document. Le PDF est abîmé ou incomplet." in text
    assert "bien gardé dans votre coffre" in text and "unreadable_pdf" not in text


def test_fields_set_by_the_person_are_shown_in_words(client: TestClient) -> None:
    _, document_id = signed_in_with(
        client, "payslip", {"pay_period": "2025-03", "employer": "Boulangerie du Marché", "net_pay": "1523.45", "shift": "nuit"},
        tags=["skill:cooking", "language:tigrinya", "urgent"],
    )
    page = client.get(f"/documents/{document_id}")
    text = shown(page)
    assert "Fiche de paie" in text and "choisi par vous" in text and "reconnu automatiquement" not in text
    assert "Mois de paie" in text and "03/2025" in text and "Employeur" in text and "1523.45 €" in text
    assert "shift" in text and "nuit" in text
    assert "Savoir-faire :</span> <bdi>cooking</bdi>" in text and "Langue :</span> <bdi>tigrinya</bdi>" in text
    assert "Ce document n'a pas été lu automatiquement." in text and '<details class="text-read">' not in page.text


def test_corrections_replace_what_was_read_and_accept_french_dates(client: TestClient) -> None:
    user, document_id = signed_in_with(client, "residence_permit", {"expires_on": "2026-01-01", "permit_kind": "recepisse"})
    page = f"/documents/{document_id}"
    saved = submit(client, page, f"{page}/details", {
        "expires_on": "31/03/2027", "permit_kind": "carte_de_resident", "tags": "préfecture 93, urgent،  ",
    })
    assert saved.status_code == 303 and saved.headers["location"] == f"{page}?notice=corrected"
    stored = fields_of(client, user, document_id)
    assert stored["fields"] == {"expires_on": "2027-03-31", "permit_kind": "carte_de_resident"}
    assert stored["tags"] == ["préfecture 93", "urgent"]
    after = shown(client.get(f"{page}?notice=corrected"))
    assert "Les corrections sont enregistrées." in after and "Carte de résident" in after and "31/03/2027" in after


def test_an_emptied_input_removes_that_field_only(client: TestClient) -> None:
    user, document_id = signed_in_with(client, "payslip", {"pay_period": "2025-03", "employer": "SARL Dupont", "net_pay": "1200.00"})
    page = f"/documents/{document_id}"
    submit(client, page, f"{page}/details", {"pay_period": "04/2025", "employer": "SARL Dupont", "net_pay": "", "tags": ""})
    assert fields_of(client, user, document_id)["fields"] == {"pay_period": "2025-04", "employer": "SARL Dupont"}


@pytest.mark.parametrize(("category", "field", "kept", "typed", "sentence"), [
    ("residence_permit", "expires_on", "2026-01-01", "31/02/2027", "Cette date n'est pas valide"),
    ("residence_permit", "expires_on", "2026-01-01", "bientôt", "Cette date n'est pas valide"),
    ("payslip", "pay_period", "2026-01", "13/2025", "Ce mois n'est pas valide"),
])
def test_a_date_that_is_not_one_is_explained_next_to_its_input(
    client: TestClient, category: str, field: str, kept: str, typed: str, sentence: str
) -> None:
    user, document_id = signed_in_with(client, category, {field: kept})
    page = f"/documents/{document_id}"
    refused = submit(client, page, f"{page}/details", {field: typed, "tags": ""})
    assert refused.status_code == 422 and sentence in shown(refused)
    assert f'id="f-{field}" name="{field}"' in refused.text and 'aria-invalid="true"' in refused.text
    assert fields_of(client, user, document_id)["fields"] == {field: kept}


def test_correcting_the_expiry_date_brings_the_renewal_reminder(client: TestClient, runtime: Runtime) -> None:
    _, document_id = signed_in_with(client, "residence_permit")
    assert '<section class="reminders"' not in client.get("/documents").text
    soon = runtime.clock().date() + timedelta(days=50)
    page = f"/documents/{document_id}"
    submit(client, page, f"{page}/details", {"expires_on": soon.isoformat(), "permit_kind": "", "tags": ""})
    home = client.get("/documents").text
    assert '<section class="reminders"' in home and f"/api/v1/reminders/{document_id}.ics" in home


def test_corrections_need_the_form_token_and_ones_own_document(client: TestClient) -> None:
    owner = make_user(client)
    theirs = add_document(client, owner, "Leur titre", "residence_permit", {"expires_on": "2027-01-01"})
    user, mine = signed_in_with(client, "residence_permit", {"expires_on": "2027-01-01"})
    forged = client.post(f"/documents/{mine}/details", data={"expires_on": "2030-01-01"}, follow_redirects=False)
    assert forged.status_code == 403
    token = token_of(client.get("/documents").text)
    other = client.post(f"/documents/{theirs}/details", data={"csrf_token": token, "expires_on": "2030-01-01"}, follow_redirects=False)
    assert other.status_code == 404 and "Leur titre" not in other.text
    assert fields_of(client, user, mine)["fields"] == {"expires_on": "2027-01-01"}
    assert fields_of(client, owner, theirs)["fields"] == {"expires_on": "2027-01-01"}


def test_every_reason_field_and_choice_has_words_in_every_language() -> None:
    reasons = set((TaggingFailed.__doc__ or "").split("Reasons:")[1].replace(".", "").replace(",", " ").split())
    assert reasons == set(TAG_ERRORS)
    keys = {f"tag_error.{reason}" for reason in (*TAG_ERRORS, "other")} | {f"read.{name}" for name in LABELLED}
    keys |= {f"{name}.{value}" for name, values in CHOICES.items() for value in values}
    for catalog in (WEB / "locales").glob("*.json"):
        assert keys <= set(json.loads(catalog.read_text(encoding="utf-8"))), catalog.name
