"""The `vault` command: thin over the same services as the API.

Exit codes: 0 success, 1 a check or a file failed, 2 usage error, 3 configuration error,
4 storage unreachable.
"""

from __future__ import annotations

import typer

from web.cli import admin, serve, tag

app = typer.Typer(help="vault: an encrypted personal document safe.", no_args_is_help=True, add_completion=False)
serve.register(app)
tag.register(app)
app.add_typer(admin.app, name="admin")


def main() -> None:
    app()
