"""Document pages: upload without JavaScript, the list, one document's page, rename, category, delete."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import update

from tests.conftest import make_user, upload as api_upload
from tests.pages.browse import shown, document_ids, sign_up, submit, token_of, upload
from tests.samples import text_image, text_pdf
from vault.db.schema import documents
from vault.runtime import Runtime


def blob_count(runtime: Runtime) -> int:
    root = runtime.settings.data_dir / "blobs"
    return sum(1 for p in root.rglob("*") if p.is_file()) if root.exists() else 0


def test_upload_form_without_javascript_adds_the_document(client: TestClient) -> None:
    sign_up(client)
    photo = text_image(["TITRE DE SEJOUR"], size=(400, 260))
    response = upload(client, photo, "permis.jpg", "image/jpeg", title="Mon titre de séjour", category="residence_permit")
    assert response.status_code == 303 and response.headers["location"] == "/documents?notice=added"
    listing = client.get("/documents?notice=added").text
    assert "Le document est dans votre coffre." in listing
    assert "Mon titre de séjour" in listing and "Titre de séjour" in listing and "#residence_permit" in listing
    [document_id] = document_ids(listing)
    content = client.get(f"/api/v1/documents/{document_id}/content")
    assert content.content == photo


def test_upload_form_field_order_puts_the_token_before_the_file(client: TestClient) -> None:
    sign_up(client)
    form = client.get("/documents/new").text
    assert form.index('name="csrf_token"') < form.index('name="title"') < form.index('name="category"') < form.index('name="file"')
    assert 'accept="image/*,application/pdf"' in form and "capture" in form
    assert 'action="/documents/new"' in form and 'enctype="multipart/form-data"' in form


def test_upload_without_the_token_is_refused_and_nothing_is_stored(client: TestClient, runtime: Runtime) -> None:
    sign_up(client)
    response = client.post("/documents/new", data={"title": "x"}, files={"file": ("a.jpg", b"\xff\xd8data", "image/jpeg")}, follow_redirects=False)
    assert response.status_code == 403
    assert "trop longtemps" in shown(response)
    assert document_ids(client.get("/documents").text) == []
    assert blob_count(runtime) == 0


def test_empty_upload_is_explained_on_the_form(client: TestClient) -> None:
    sign_up(client)
    response = upload(client, b"", "vide.jpg", "image/jpeg")
    assert response.status_code == 422
    assert "Choisissez d'abord une photo ou un fichier" in shown(response) and 'name="file"' in response.text


def test_document_page_previews_images_and_says_when_a_pdf_cannot_be_drawn(client: TestClient) -> None:
    """This server runs no worker processes (no tagger): a PDF page says so and offers the download
    (drawn pages: tests/vault/test_pdf_previews.py)."""
    sign_up(client)
    upload(client, text_image(["PHOTO"], size=(300, 200)), "photo.jpg", "image/jpeg")
    upload(client, text_pdf(["FICHE DE PAIE"]), "paie.pdf", "application/pdf", category="payslip")
    pdf_id, photo_id = document_ids(client.get("/documents").text)
    photo_page = client.get(f"/documents/{photo_id}").text
    assert f'<img src="/api/v1/documents/{photo_id}/content?inline=true"' in photo_page
    assert f'href="/api/v1/documents/{photo_id}/content" download' in photo_page
    pdf_page = client.get(f"/documents/{pdf_id}")
    assert pdf_page.status_code == 200 and "<iframe" not in pdf_page.text
    assert "L'aperçu n'est pas disponible pour le moment. Téléchargez-le pour l'ouvrir." in shown(pdf_page)
    assert f'href="/api/v1/documents/{pdf_id}/content" download' in pdf_page.text


def test_rename_and_set_category_by_hand(client: TestClient) -> None:
    sign_up(client)
    upload(client, b"%PDF-1.4 cv", "cv.pdf", "application/pdf")
    [document_id] = document_ids(client.get("/documents").text)
    page = f"/documents/{document_id}"
    renamed = submit(client, page, f"{page}/rename", {"title": "CV 2025 — cuisinier"})
    assert renamed.headers["location"] == f"{page}?notice=renamed"
    categorised = submit(client, page, f"{page}/category", {"category": "cv"})
    assert categorised.headers["location"] == f"{page}?notice=category_set"
    after = client.get(page).text
    assert "CV 2025 — cuisinier" in after and '<input type="radio" name="category" value="cv" checked>' in after
    empty = submit(client, page, f"{page}/rename", {"title": "   "})
    assert empty.status_code == 422 and "ne peut pas être vide" in shown(empty)


def test_delete_asks_first_then_erases(client: TestClient, runtime: Runtime) -> None:
    sign_up(client)
    upload(client, b"%PDF-1.4 old", "old.pdf", "application/pdf")
    [document_id] = document_ids(client.get("/documents").text)
    confirm = client.get(f"/documents/{document_id}/delete")
    assert confirm.status_code == 200 and f'action="/documents/{document_id}/delete"' in confirm.text
    assert document_ids(client.get("/documents").text) == [document_id]
    deleted = submit(client, f"/documents/{document_id}/delete", f"/documents/{document_id}/delete", {})
    assert deleted.headers["location"] == "/documents?notice=deleted"
    assert document_ids(client.get("/documents").text) == []
    assert blob_count(runtime) == 0


def test_another_persons_document_page_is_a_plain_not_found(client: TestClient) -> None:
    owner = make_user(client)
    theirs = str(api_upload(client, owner, b"%PDF-1.4 private", filename="secret-title.pdf")["id"])
    sign_up(client)
    for path in (f"/documents/{theirs}", f"/documents/{theirs}/delete", f"/documents/{theirs}?page=2"):
        response = client.get(path)
        missing = client.get(path.replace(theirs, "0" * 32))
        assert response.status_code == missing.status_code == 404, path
        assert "secret-title" not in response.text
        assert "n'existe pas" in shown(response) and "Traceback" not in response.text
    token = token_of(client.get("/documents").text)
    refused = client.post(f"/documents/{theirs}/delete", data={"csrf_token": token}, follow_redirects=False)
    assert refused.status_code == 404
    assert client.get(f"/api/v1/documents/{theirs}", headers=owner.auth).status_code == 200


def test_tagging_state_is_shown_in_the_list(client: TestClient, runtime: Runtime) -> None:
    sign_up(client)
    upload(client, b"%PDF-1.4 x", "x.pdf", "application/pdf")
    with runtime.engine.begin() as conn:
        conn.execute(update(documents).values(tag_state="tagging"))
    assert "lecture en cours…" in client.get("/documents").text
