"""The `vault` command: serve creates the server key once, admin commands work and fail clearly."""

from __future__ import annotations

import stat
import subprocess
import sys
import time
from pathlib import Path

import httpx
from typer.testing import CliRunner

from tests.live import free_port, server_env
from vault.server_key import parse_server_key
from web.cli import app

runner = CliRunner()


def vault(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = server_env(tmp_path / "data", tmp_path, **env)
    return subprocess.run([sys.executable, "-m", "web.cli", *args], env=environment, capture_output=True, text=True, timeout=120)


def test_serve_creates_a_private_server_key_and_says_to_back_it_up(tmp_path: Path) -> None:
    port = free_port()
    environment = server_env(tmp_path / "data", tmp_path)
    process = subprocess.Popen([sys.executable, "-m", "web.cli", "serve", "--port", str(port)], env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/v1/openapi.json").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        key = tmp_path / "data" / "server.key"
        assert stat.S_IMODE(key.stat().st_mode) == 0o600
        assert httpx.get(f"http://127.0.0.1:{port}/").status_code == 200
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=30)
    assert "back it up" in output
    assert str(key) in output


def test_admin_check_reports_database_and_storage(tmp_path: Path) -> None:
    result = vault(tmp_path, "admin", "check")
    assert result.returncode == 0, result.stderr
    assert "database: ok (sqlite)" in result.stdout and "storage: ok (local)" in result.stdout


def test_admin_check_fails_clearly_when_s3_is_unreachable(tmp_path: Path) -> None:
    result = vault(
        tmp_path, "admin", "check", VAULT_STORAGE="s3", VAULT_S3_ENDPOINT=f"http://127.0.0.1:{free_port()}",
        VAULT_S3_ACCESS_KEY="x", VAULT_S3_SECRET_KEY="y",
    )
    assert result.returncode == 4
    assert "storage: unreachable" in result.stderr


def test_production_refuses_a_placeholder_server_key(tmp_path: Path) -> None:
    result = vault(tmp_path, "admin", "check", VAULT_ENV="production", VAULT_SERVER_KEY="change-me")
    assert result.returncode == 3
    assert "placeholder" in result.stderr


def test_sweep_orphans_dry_run_lists_nothing_on_a_clean_store(tmp_path: Path) -> None:
    result = vault(tmp_path, "admin", "sweep-orphans", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "would remove 0 orphan blob(s)" in result.stdout


def test_new_server_key_prints_a_usable_key() -> None:
    result = runner.invoke(app, ["admin", "new-server-key"])
    assert result.exit_code == 0
    assert len(parse_server_key(result.stdout)) == 32


def test_purge_links_runs_on_an_empty_vault(tmp_path: Path) -> None:
    result = vault(tmp_path, "admin", "purge-links")
    assert result.returncode == 0, result.stderr
    assert "purged 0 ended link(s)" in result.stdout
