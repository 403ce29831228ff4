"""The QR reader the page specs use (zxing-cpp on the drawn SVG) reads back what the pages'
QR maker (segno) writes: short and long links, every error level, versions with several
blocks and a version pattern."""

from __future__ import annotations

import pytest
import segno

from tests.pages.qr import read_qr

LINKS = ["https://vault.example/people/ask?handle=amina", "https://vault.example/s/" + "A" * 43 + "#" + "b" * 43,
         "https://vault.example/d/" + "x9_-" * 60, "https://vault.example/é/ملف"]


@pytest.mark.parametrize("error", ["l", "m", "q", "h"])
def test_what_segno_draws_is_read_back(error: str) -> None:
    for link in LINKS:
        drawn = segno.make(link, error=error, micro=False)
        assert read_qr(drawn.svg_data_uri(scale=4, border=2)) == link, (link, drawn.designator)


def test_versions_with_a_version_pattern_are_read() -> None:
    drawn = segno.make("https://vault.example/" + "long-path/" * 40, error="m", micro=False)
    assert isinstance(drawn.version, int) and drawn.version >= 7
    assert read_qr(drawn.svg_data_uri(scale=3, border=4)) == "https://vault.example/" + "long-path/" * 40

