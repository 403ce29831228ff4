"""A document whose category only the tagger finds joins a caseworker's scope when it is read:
the tagger, holding the document key, seals it to them."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import make_settings
from tests.mandates.conftest import make_caseworker, make_person
from tests.mandates.test_sealing import opens, slots_of
from tests.samples import text_pdf
from vault.bootstrap import build_runtime, close_runtime
from vault.documents import service as documents
from vault.mandates import check_scope
from vault.mandates import service as mandates
from vault.runtime import Runtime


@pytest.fixture
def tagging_runtime(tmp_path: Path) -> Iterator[Runtime]:
    rt = build_runtime(make_settings(tmp_path / "data"), with_tagger=True)
    yield rt
    close_runtime(rt)


def test_a_payslip_found_by_the_tagger_is_sealed_to_the_caseworker_of_payslips(tagging_runtime: Runtime) -> None:
    rt = tagging_runtime
    person, caseworker = make_person(rt), make_caseworker(rt)
    mandates.grant(rt, person, caseworker.handle, check_scope(["payslip"], None, 30))
    payslip = text_pdf(["BULLETIN DE SALAIRE", "Periode du 01/03/2026 au 31/03/2026", "Net a payer 1 512,40 EUR"])
    added = documents.add(rt, person, documents.Upload("scan.pdf", "application/pdf"), [payslip])
    assert added.category == "other" and slots_of(rt, caseworker) == set()
    deadline = time.monotonic() + 60
    while documents.get(rt, person, added.id).tag_state == "tagging" and time.monotonic() < deadline:
        time.sleep(0.2)
    assert documents.get(rt, person, added.id).category == "payslip"
    assert slots_of(rt, caseworker) == {added.id} and opens(rt, caseworker, added.id)
