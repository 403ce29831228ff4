"""`vault admin`: operator commands."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer
from sqlalchemy import select, text

from storage import StorageUnavailable
from vault import housekeeping, journal
from vault.bootstrap import build_runtime, close_runtime
from vault.db.schema import accounts
from vault.errors import VaultError
from vault.organisations import service as organisations
from vault.runtime import Runtime
from vault.server_key import new_server_key
from vault.settings import Settings
from vault.sweeper import sweep_orphans

app = typer.Typer(help="Operator commands.", no_args_is_help=True)
org = typer.Typer(help="Organisations of caseworkers.", no_args_is_help=True)
app.add_typer(org, name="org")


@contextmanager
def operator_runtime() -> Iterator[Runtime]:
    """A runtime without tagger; a domain error becomes its message and exit code 1."""
    rt = build_runtime(Settings(), with_tagger=False)
    try:
        yield rt
    except VaultError as error:
        typer.echo(f"error: {error.detail}", err=True)
        raise typer.Exit(1) from error
    finally:
        close_runtime(rt)


@org.command("create")
def create_organisation(name: str) -> None:
    """Create an organisation (a reception centre, an association) whose caseworkers you will invite."""
    with operator_runtime() as rt:
        made = organisations.create_organisation(rt, name)
    typer.echo(f"organisation {made.name!r} created: {made.id}")


@org.command("list")
def list_organisations() -> None:
    with operator_runtime() as rt:
        for found in organisations.list_organisations(rt):
            typer.echo(f"{found.id}  {found.name}")


@app.command("invite-caseworker")
def invite_caseworker(
    organisation: str = typer.Argument(help="The organisation's name or id"),
    hours: int = typer.Option(0, "--hours", min=0, max=720, help="Hours the invitation stays valid (default: VAULT_INVITATION_HOURS)"),
) -> None:
    """Print a one-time invitation: a link and a code. Give them to the caseworker by two different ways."""
    with operator_runtime() as rt:
        made = organisations.invite(rt, organisation, hours or None)
        base = rt.settings.public_url.rstrip("/")
    typer.echo(f"invitation into {made.organisation.name!r}, valid until {made.expires_at:%Y-%m-%d %H:%M} UTC, once:")
    typer.echo(f"  link: {base}{made.path}")
    typer.echo(f"  code: {made.code}")


@app.command("verify-journal")
def verify_journal() -> None:
    """Check every account's journal against its hash chain and its head; exit 1 if any entry
    was edited, removed, inserted or reordered, or entries were cut off the end."""
    broken = 0
    with operator_runtime() as rt, rt.engine.connect() as conn:
        people = conn.execute(select(accounts.c.id, accounts.c.handle).order_by(accounts.c.handle)).all()
        for account in people:
            found = journal.find_break(conn, account.id)
            if found is not None:
                broken += 1
                typer.echo(f"journal of {account.handle} ({account.id}): {describe_break(found)}", err=True)
    typer.echo(f"checked {len(people)} journal(s): {broken} broken")
    if broken:
        raise typer.Exit(1)


def describe_break(found: journal.Break) -> str:
    if found.kind == "altered":
        return f"altered at entry {found.seq}"
    missing = f"entry {found.seq} is" if found.seq == found.recorded else f"entries {found.seq} to {found.recorded} are"
    return f"truncated: {missing} missing"


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
    with operator_runtime() as rt:
        count = housekeeping.purge_links(rt)
    typer.echo(f"purged {count} ended link(s)")


@app.command("purge-mandates")
def purge_mandates() -> None:
    """Expire the mandates whose time is up and delete their key slots (requests and the running service do it too)."""
    with operator_runtime() as rt:
        count = housekeeping.purge_mandates(rt)
    typer.echo(f"expired {count} mandate(s)")
