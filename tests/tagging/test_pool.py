"""The bounded worker pool that keeps tagging off the request path."""

from __future__ import annotations

import pytest

from bench.corpus import hostile
from tests.tagging.conftest import make_document, needs_tesseract
from vault.errors import Unavailable
from vault.tagging import TaggingFailed, TaggingOptions, TaggingPool, TaggingQueueFull


@needs_tesseract
def test_pool_tags_documents_and_reports_failures() -> None:
    sample = make_document("payslip", "pdf-text", index=1)
    flood, mime = hostile.files()["hostile-pixel-flood.png"]
    with TaggingPool(TaggingOptions(), workers=2) as pool:
        good = pool.submit(sample.data, sample.mime)
        bad = pool.submit(flood, mime)
        assert good.result(timeout=120).fields == sample.spec.fields
        failure = bad.exception(timeout=120)
    assert isinstance(failure, TaggingFailed) and failure.reason == "pixel_flood"


def test_a_full_queue_refuses_more_documents_at_once() -> None:
    sample = make_document("payslip", "pdf-text", index=1)
    pool = TaggingPool(TaggingOptions(), workers=1, max_queue=1)
    try:
        pool.submit(sample.data, sample.mime)
        pool.submit(sample.data, sample.mime)
        with pytest.raises(TaggingQueueFull) as refused:
            pool.submit(sample.data, sample.mime)
        assert isinstance(refused.value, Unavailable)
    finally:
        pool.close()


def test_a_closed_pool_takes_no_more_work() -> None:
    pool = TaggingPool(TaggingOptions(), workers=1)
    pool.close()
    with pytest.raises(RuntimeError):
        pool.submit(b"%PDF-1.7", "application/pdf")
