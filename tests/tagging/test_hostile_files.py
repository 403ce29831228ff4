"""Hostile and broken files fail closed with a reason; the tagger survives them."""

from __future__ import annotations

import pytest

from bench.corpus import hostile
from vault.tagging import TaggingFailed, TaggingOptions, tag_document

EXPECTED = {
    "hostile-pixel-flood.png": "pixel_flood",
    "hostile-truncated.jpg": "unreadable_image",
    "hostile-corrupt.pdf": "unreadable_pdf",
    "hostile-encrypted.pdf": "encrypted_pdf",
    "hostile-500-pages.pdf": "too_many_pages",
    "hostile-zero-byte.jpg": "empty",
    "hostile-script.svg": "unsupported_type",
    "hostile-png-declared-jpeg.jpg": "unreadable_image",
}
FILES = hostile.files()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_file_fails_with_its_reason(name: str) -> None:
    data, mime = FILES[name]
    with pytest.raises(TaggingFailed) as failure:
        tag_document(data, mime, TaggingOptions())
    assert failure.value.reason == EXPECTED[name]


def test_pixel_flood_is_refused_before_decoding_even_under_pillows_own_limit() -> None:
    small_flood = hostile.pixel_flood_png(side=5000)
    with pytest.raises(TaggingFailed) as failure:
        tag_document(small_flood, "image/png", TaggingOptions(max_image_pixels=10_000_000))
    assert failure.value.reason == "pixel_flood"


def test_file_over_the_size_bound_is_refused_unread() -> None:
    data, mime = FILES["hostile-truncated.jpg"]
    with pytest.raises(TaggingFailed) as failure:
        tag_document(data, mime, TaggingOptions(max_bytes=1000))
    assert failure.value.reason == "too_large"


def test_page_bound_is_configurable() -> None:
    with pytest.raises(TaggingFailed) as failure:
        tag_document(hostile.many_pages_pdf(pages=3), "application/pdf", TaggingOptions(max_pdf_pages=2))
    assert failure.value.reason == "too_many_pages"


def test_failures_survive_pickling_for_the_worker_pool() -> None:
    import pickle

    copy = pickle.loads(pickle.dumps(TaggingFailed("timeout", "tesseract overran")))
    assert (copy.reason, copy.detail) == ("timeout", "tesseract overran")
