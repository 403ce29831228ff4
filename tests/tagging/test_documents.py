"""The whole pipeline, real Tesseract, on generated documents of every kind."""

from __future__ import annotations

import io
import time

import pillow_heif
import pytest
from PIL import Image

from tests.tagging.conftest import make_document, needs_tesseract
from vault.tagging import TaggingFailed, TaggingOptions, is_taggable, sniff, tag_document

pytestmark = needs_tesseract
OPTIONS = TaggingOptions()


@pytest.mark.parametrize(
    ("kind", "how", "index"),
    [("residence_permit", "scan", 0), ("asylum_decision", "scan", 2), ("payslip", "photo", 0), ("cv", "scan", 0), ("other", "scan", 0)],
)
def test_each_type_is_recognised_with_its_fields(kind: str, how: str, index: int) -> None:
    sample = make_document(kind, how, index)
    result = tag_document(sample.data, sample.mime, OPTIONS)
    assert result.type == kind, result.text
    assert result.fields == sample.spec.fields
    assert sorted(result.tags) == sorted(sample.spec.tags)
    assert result.cues and result.pages == 1 and result.ocr_pages == 1
    assert "fra" in result.languages


def test_text_layer_pdf_is_read_without_ocr() -> None:
    sample = make_document("payslip", "pdf-text", index=1)
    result = tag_document(sample.data, sample.mime, OPTIONS)
    assert (result.type, result.ocr_pages) == ("payslip", 0)
    assert result.fields == sample.spec.fields


def test_pdf_without_text_layer_is_rendered_and_read() -> None:
    sample = make_document("asylum_decision", "pdf-image", index=1)
    result = tag_document(sample.data, sample.mime, OPTIONS)
    assert (result.type, result.ocr_pages) == ("asylum_decision", 1)
    assert result.fields == sample.spec.fields


def _reencoded(data: bytes, fmt: str, turn: int = 0, exif_orientation: int | None = None) -> bytes:
    image = Image.open(io.BytesIO(data)).convert("RGB").rotate(turn, expand=True)
    buffer = io.BytesIO()
    if fmt == "HEIC":
        pillow_heif.from_pillow(image).save(buffer, format="HEIF", quality=80, enc_params={"preset": "ultrafast"})
    elif fmt == "JPEG":
        exif = Image.Exif()
        if exif_orientation:
            exif[0x0112] = exif_orientation
        image.save(buffer, "JPEG", quality=85, exif=exif)
    else:
        image.save(buffer, fmt)
    return buffer.getvalue()


@pytest.mark.parametrize(("fmt", "mime"), [("HEIC", "image/heic"), ("WEBP", "image/webp")])
def test_phone_formats_are_read(fmt: str, mime: str) -> None:
    sample = make_document("residence_permit", "scan")
    result = tag_document(_reencoded(sample.data, fmt), mime, OPTIONS)
    assert result.type == "residence_permit"
    assert result.fields["expires_on"] == sample.spec.fields["expires_on"]


def test_exif_orientation_turns_a_sideways_photo_upright() -> None:
    sample = make_document("payslip", "scan")
    sideways = _reencoded(sample.data, "JPEG", turn=90, exif_orientation=6)
    result = tag_document(sideways, "image/jpeg", OPTIONS)
    assert (result.type, result.fields["net_pay"]) == ("payslip", sample.spec.fields["net_pay"])


def test_upside_down_scan_without_exif_is_turned_upright() -> None:
    sample = make_document("residence_permit", "scan")
    result = tag_document(_reencoded(sample.data, "PNG", turn=180), "image/png", OPTIONS)
    assert (result.type, result.fields) == ("residence_permit", sample.spec.fields)


def test_slow_ocr_is_cut_off_at_the_deadline() -> None:
    sample = make_document("asylum_decision", "scan", 2)
    started = time.monotonic()
    with pytest.raises(TaggingFailed) as failure:
        tag_document(sample.data, sample.mime, TaggingOptions(timeout_seconds=1))
    assert failure.value.reason == "timeout"
    assert time.monotonic() - started < 4


def test_media_types_are_told_by_their_bytes() -> None:
    assert sniff(make_document("cv", "scan").data) in {"image/png", "image/jpeg"}
    assert sniff(make_document("payslip", "pdf-text", index=1).data) == "application/pdf"
    assert sniff(b"<svg xmlns='http://www.w3.org/2000/svg'/>") is None
    assert is_taggable("image/jpeg; charset=binary") and is_taggable("application/pdf")
    assert not is_taggable("image/svg+xml") and not is_taggable("text/html")
