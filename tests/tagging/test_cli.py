"""`vault tag FILE... [--json]` prints one line per file and fails when one does."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from bench.corpus import hostile
from tests.tagging.conftest import make_document
from web.cli.tag import register


def cli() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """vault"""

    register(app)
    return app


def written(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    sample = make_document("payslip", "pdf-text", index=1)
    good = tmp_path / "bulletin.pdf"
    good.write_bytes(sample.data)
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(hostile.corrupt_pdf())
    return good, bad, sample.spec.fields


def test_json_lines_have_the_documented_shape(tmp_path: Path) -> None:
    good, _, fields = written(tmp_path)
    outcome = CliRunner().invoke(cli(), ["tag", str(good), "--json"])
    assert outcome.exit_code == 0, outcome.output
    line = json.loads(outcome.output.strip())
    assert set(line) == {"file", "type", "fields", "tags", "languages", "seconds"}
    assert (line["file"], line["type"], line["fields"]) == (str(good), "payslip", fields)


def test_a_failed_file_prints_its_reason_and_exits_one(tmp_path: Path) -> None:
    good, bad, _ = written(tmp_path)
    outcome = CliRunner().invoke(cli(), ["tag", str(bad), str(good), "--json"])
    assert outcome.exit_code == 1
    lines = [json.loads(line) for line in outcome.output.splitlines()]
    assert lines[0] == {"file": str(bad), "error": "unreadable_pdf"}
    assert lines[1]["type"] == "payslip"


def test_without_json_the_output_is_a_readable_line_per_file(tmp_path: Path) -> None:
    good, bad, fields = written(tmp_path)
    outcome = CliRunner().invoke(cli(), ["tag", str(good), str(bad), "--langs", "fra"])
    assert outcome.exit_code == 1
    first, second = outcome.output.splitlines()
    assert "payslip" in first and f"net_pay={fields['net_pay']}" in first
    assert "FAILED" in second and "unreadable_pdf" in second
