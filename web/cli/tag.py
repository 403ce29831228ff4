"""`vault tag FILE... [--json] [--langs fra+eng]`: run the tagger on local files.

Runs exactly tag_document, the function the service runs on uploads, so an
operator can check what a scan will give. One line per file: a JSON object
`{"file", "type", "fields", "tags", "languages", "seconds"}` with --json,
`{"file", "error"}` for a file that cannot be tagged. Exit code 1 when any
file failed, 0 otherwise.
"""

from __future__ import annotations

import json
import mimetypes
from pathlib import Path
from typing import Annotated, Any

import typer

from vault.settings import Settings
from vault.tagging import TaggingFailed, TaggingOptions, options_from_settings, sniff, tag_document

EXIT_SOME_FAILED = 1


def _mime(path: Path, data: bytes) -> str:
    return sniff(data) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def tag_file(path: Path, options: TaggingOptions) -> dict[str, Any]:
    """The JSON-ready outcome of tagging one file."""
    try:
        data = path.read_bytes()
        result = tag_document(data, _mime(path, data), options)
    except TaggingFailed as failure:
        return {"file": str(path), "error": failure.reason}
    except OSError:
        return {"file": str(path), "error": "unreadable_file"}
    except Exception:  # noqa: BLE001 - one bad file must not stop the others
        return {"file": str(path), "error": "internal_error"}
    return {"file": str(path), "type": result.type, "fields": result.fields, "tags": result.tags,
            "languages": result.languages, "seconds": result.seconds}


def _line(outcome: dict[str, Any]) -> str:
    if "error" in outcome:
        return f"{outcome['file']}  FAILED  {outcome['error']}"
    fields = "; ".join(f"{k}={v}" for k, v in outcome["fields"].items()) or "-"
    tags = ", ".join(outcome["tags"]) or "-"
    return f"{outcome['file']}  {outcome['type']}  {fields}  tags: {tags}  ({outcome['seconds']:.1f} s)"


def register(app: typer.Typer) -> None:
    """Add the `tag` command to `app`."""

    @app.command("tag")
    def tag(
        files: Annotated[list[Path], typer.Argument(help="Images (JPEG, PNG, WebP, HEIC) or PDFs to tag.")],
        as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
        langs: Annotated[str | None, typer.Option("--langs", help="Tesseract languages, e.g. fra+eng+ara.")] = None,
    ) -> None:
        """Recognise each file's type and key fields, as the service does on upload."""
        options = options_from_settings(Settings(), langs)
        failed = False
        for path in files:
            outcome = tag_file(path, options)
            failed = failed or "error" in outcome
            typer.echo(json.dumps(outcome, ensure_ascii=False) if as_json else _line(outcome))
        if failed:
            raise typer.Exit(EXIT_SOME_FAILED)
