"""PDFs are previewed page by page as PNG images drawn by the tagger's worker processes:
what a phone can show. Hostile PDFs get a clear refusal; another person's PDF answers like a
missing one; a caseworker's look is a journaled view."""

from __future__ import annotations

import io
import multiprocessing
import os
import re
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from fpdf import FPDF
import pypdfium2 as pdfium
from PIL import Image

from bench.corpus.hostile import corrupt_pdf, encrypted_pdf, many_pages_pdf
from tests.api.test_mandates import make_caseworker, mandate
from tests.conftest import make_user, upload
from tests.pages.browse import shown, sign_up
from tests.pages.browse import upload as page_upload
from tests.samples import text_image
from vault.bootstrap import build_runtime, close_runtime
from vault.runtime import Runtime
from vault.settings import Settings
from vault.tagging.pool import forbid_core_files
from vault.tagging.previews import cpu_limit
from web.app import create_app


def three_pages() -> bytes:
    pdf = FPDF()
    pdf.set_font("helvetica", size=28)
    for number in (1, 2, 3):
        pdf.add_page()
        pdf.text(30, 40 + 60 * number, f"Page {number} of the decision")
    return bytes(pdf.output())


@pytest.fixture
def drawing(settings: Settings) -> Iterator[tuple[TestClient, Runtime]]:
    rt = build_runtime(settings.model_copy(update={"ocr_max_bytes": 2 * 1024 * 1024}), with_tagger=True)
    try:
        with TestClient(create_app(runtime=rt), base_url="http://testserver") as client:
            yield client, rt
    finally:
        close_runtime(rt)


def test_each_page_of_a_pdf_is_a_png_no_wider_than_a_phone_needs(drawing: tuple[TestClient, Runtime]) -> None:
    client, _ = drawing
    user = make_user(client)
    document = upload(client, user, three_pages(), "decision.pdf")
    drawn = [client.get(f"/api/v1/documents/{document['id']}/pages/{n}", headers=user.auth) for n in (1, 2, 3)]
    for response in drawn:
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "image/png" and response.headers["x-page-count"] == "3"
        assert response.headers["cache-control"] == "private, no-store" and "sandbox" in response.headers["content-security-policy"]
        image = Image.open(io.BytesIO(response.content))
        assert image.format == "PNG" and image.width == 1000 and image.height > image.width
    assert len({response.content for response in drawn}) == 3
    for number, status in ((4, 404), (0, 422), ("x", 422)):
        assert client.get(f"/api/v1/documents/{document['id']}/pages/{number}", headers=user.auth).status_code == status


@pytest.mark.parametrize(("data", "status", "error"), [
    (corrupt_pdf(), 422, "unpreviewable"),
    (encrypted_pdf(), 422, "unpreviewable"),
    (b"%PDF-1.4 not really", 422, "unpreviewable"),
    (many_pages_pdf(3) + b"\0" * (2 * 1024 * 1024), 413, "too_large"),
])
def test_a_pdf_that_cannot_be_drawn_gets_a_clear_refusal(drawing: tuple[TestClient, Runtime], data: bytes, status: int, error: str) -> None:
    client, _ = drawing
    user = make_user(client)
    document = upload(client, user, data, "broken.pdf")
    refused = client.get(f"/api/v1/documents/{document['id']}/pages/1", headers=user.auth)
    assert refused.status_code == status and refused.json()["error"] == error, refused.text
    assert client.get("/api/v1/documents", headers=user.auth).status_code == 200


def test_only_pdfs_have_pages_and_only_for_their_readers(drawing: tuple[TestClient, Runtime]) -> None:
    client, _ = drawing
    owner, stranger = make_user(client), make_user(client)
    photo = upload(client, owner, text_image(["TITRE"], size=(200, 120)), "titre.jpg", "image/jpeg")
    assert client.get(f"/api/v1/documents/{photo['id']}/pages/1", headers=owner.auth).status_code == 415
    pdf = upload(client, owner, three_pages(), "decision.pdf")
    theirs = client.get(f"/api/v1/documents/{pdf['id']}/pages/1", headers=stranger.auth)
    missing = client.get(f"/api/v1/documents/{'0' * 32}/pages/1", headers=stranger.auth)
    assert theirs.status_code == missing.status_code == 404 and theirs.json() == missing.json()
    assert client.get(f"/api/v1/documents/{pdf['id']}/pages/1").status_code == 401


def test_a_caseworkers_look_at_a_page_is_a_view_in_the_persons_journal(drawing: tuple[TestClient, Runtime]) -> None:
    client, rt = drawing
    person, caseworker = make_user(client), make_caseworker(client, rt, "claire")
    decision = upload(client, person, three_pages(), "decision.pdf", category="asylum_decision")
    payslip = upload(client, person, three_pages(), "paie.pdf", category="payslip")
    mandate(client, person, caseworker, ["asylum_decision"], ["view"])
    assert client.get(f"/api/v1/documents/{decision['id']}/pages/2", headers=caseworker.auth).status_code == 200
    assert client.get(f"/api/v1/documents/{payslip['id']}/pages/1", headers=caseworker.auth).status_code == 404
    entries = client.get("/api/v1/journal", headers=person.auth).json()
    assert [(e["action"], e["object_id"]) for e in entries if e["actor_id"] == caseworker.id][0] == ("document.viewed", decision["id"])


def test_the_document_page_shows_a_pdf_page_by_page(drawing: tuple[TestClient, Runtime]) -> None:
    client, _ = drawing
    sign_up(client, "amina")
    assert page_upload(client, three_pages(), "decision.pdf", "application/pdf", title="Décision").status_code == 303
    [document_id] = re.findall(r'href="/documents/([0-9a-f]{32})"', client.get("/documents").text)
    first = client.get(f"/documents/{document_id}")
    assert first.status_code == 200 and 'src="data:image/png;base64,' in first.text
    assert "Page 1 sur 3" in shown(first) and 'href="?page=2"' in first.text and 'rel="prev"' not in first.text
    last = client.get(f"/documents/{document_id}?page=3")
    assert "Page 3 sur 3" in shown(last) and 'href="?page=2"' in last.text and 'rel="next"' not in last.text
    assert "Page 1 sur 3" in shown(client.get(f"/documents/{document_id}?page=9"))
    assert page_upload(client, corrupt_pdf(), "abime.pdf", "application/pdf", title="Abîmé").status_code == 303
    [broken_id] = [d for d in re.findall(r'href="/documents/([0-9a-f]{32})"', client.get("/documents").text) if d != document_id]
    broken = client.get(f"/documents/{broken_id}")
    assert broken.status_code == 200 and "ne peut pas être affiché" in shown(broken) and "data:image/png" not in broken.text


def a_page(width: float, height: float) -> bytes:
    document = pdfium.PdfDocument.new()
    document.new_page(width, height).close()
    out = io.BytesIO()
    document.save(out)
    document.close()
    return out.getvalue()


def test_a_page_is_drawn_within_a_phones_budget_or_not_at_all(drawing: tuple[TestClient, Runtime]) -> None:
    client, _ = drawing
    user = make_user(client)
    tall = upload(client, user, a_page(600, 30_000), "tall.pdf")
    image = Image.open(io.BytesIO(client.get(f"/api/v1/documents/{tall['id']}/pages/1", headers=user.auth).content))
    assert image.height <= 4000 and image.width <= 1000
    thread = upload(client, user, a_page(3, 200_000), "thread.pdf")
    refused = client.get(f"/api/v1/documents/{thread['id']}/pages/1", headers=user.auth)
    assert refused.status_code == 422 and refused.json()["error"] == "unpreviewable"


def test_previews_wait_for_no_one_when_every_drawing_place_is_taken(drawing: tuple[TestClient, Runtime]) -> None:
    client, rt = drawing
    user = make_user(client)
    document = upload(client, user, three_pages(), "decision.pdf")
    assert rt.tagger is not None
    with rt.tagger.drawing(), rt.tagger.drawing():
        busy = client.get(f"/api/v1/documents/{document['id']}/pages/1", headers=user.auth)
    assert busy.status_code == 503 and "try again" in busy.json()["detail"]
    assert client.get(f"/api/v1/documents/{document['id']}/pages/1", headers=user.auth).status_code == 200


def spin_under_a_cpu_limit(workdir: str) -> None:
    os.chdir(workdir)
    forbid_core_files()
    with cpu_limit(1):
        while True:
            pass


def test_a_worker_spinning_past_its_cpu_limit_dies_without_a_core_file(tmp_path: Path) -> None:
    worker = multiprocessing.get_context("spawn").Process(target=spin_under_a_cpu_limit, args=(str(tmp_path),))
    worker.start()
    worker.join(timeout=30)
    assert worker.exitcode == -signal.SIGXCPU
    assert list(tmp_path.iterdir()) == []
