"""`vault admin`: operator commands."""

from __future__ import annotations

import typer
from sqlalchemy import text

from storage import StorageUnavailable
from vault.bootstrap import build_runtime, close_runtime
from vault.server_key import new_server_key
from vault.settings import Settings
from vault.deposits import service as deposits
from vault.shares import service as shares
from vault.sweeper import sweep_orphans

app = typer.Typer(help="Operator commands.", no_args_is_help=True)


@app.command("sweep-orphans")
def sweep(dry_run: bool = typer.Option(False, "--dry-run", help="List, do not delete")) -> None:
    """Delete stored blobs that belong to no document (after the grace period)."""
    rt = build_runtime(Settings(), with_tagger=False)
    try:
        removed = sweep_orphans(rt, dry_run=dry_run)
    finally:
        close_runtime(rt)
    verb = "would remove" if dry_run else "removed"
    typer.echo(f"{verb} {len(removed)} orphan blob(s)")
    for key in removed:
        typer.echo(f"  {key}")


@app.command()
def check() -> None:
    """Check the configuration, the database and the storage."""
    try:
        settings = Settings()
    except ValueError as error:
        typer.echo(f"configuration: {error}", err=True)
        raise typer.Exit(3) from error
    rt = build_runtime(settings, with_tagger=False)
    try:
        with rt.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        typer.echo(f"database: ok ({rt.engine.dialect.name})")
        rt.blobs.check()
        typer.echo(f"storage: ok ({settings.storage})")
    except StorageUnavailable as error:
        typer.echo(f"storage: unreachable: {error}", err=True)
        raise typer.Exit(4) from error
    finally:
        close_runtime(rt)


@app.command("new-server-key")
def server_key() -> None:
    """Print a fresh server key for VAULT_SERVER_KEY."""
    typer.echo(new_server_key())


@app.command("purge-links")
def purge_links() -> None:
    """Delete the key slots of ended share and deposit links (expired, used up, revoked)."""
    rt = build_runtime(Settings(), with_tagger=False)
    try:
        count = shares.purge_expired(rt) + deposits.purge_expired(rt)
    finally:
        close_runtime(rt)
    typer.echo(f"purged {count} ended link(s)")
