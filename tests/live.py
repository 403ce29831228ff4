"""A real `vault` server in a subprocess (uvicorn, loopback, free port), for tests
that need the whole stack: logs to a file, its own TMPDIR, any backend."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.conftest import FAST_ARGON2


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class LiveServer:
    url: str
    log: Path
    tmp: Path
    data_dir: Path
    process: subprocess.Popen[bytes]

    def client(self, timeout: float = 120) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=timeout)


def server_env(data_dir: Path, tmp: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VAULT_")}
    env.update({f"VAULT_{k.upper()}": str(v) for k, v in FAST_ARGON2.items()})
    env.update(VAULT_DATA_DIR=str(data_dir), VAULT_COOKIE_SECURE="false", TMPDIR=str(tmp), **extra)
    return env


@contextmanager
def live_server(root: Path, **env: str) -> Iterator[LiveServer]:
    """Start the app on a free loopback port; stop it (and wait) on exit."""
    data_dir, tmp, log = root / "data", root / "tmp", root / "server.log"
    tmp.mkdir(parents=True, exist_ok=True)
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", "--factory", "web.app:create_app", "--host", "127.0.0.1", "--port", str(port), "--log-level", "info"]
    with open(log, "wb") as log_file:
        process = subprocess.Popen(command, env=server_env(data_dir, tmp, **env), stdout=log_file, stderr=subprocess.STDOUT)
    server = LiveServer(f"http://127.0.0.1:{port}", log, tmp, data_dir, process)
    try:
        _wait_ready(server)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_ready(server: LiveServer, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError("the server exited at start:\n" + server.log.read_text(errors="replace"))
        try:
            if httpx.get(server.url + "/api/v1/openapi.json", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError("the server did not start:\n" + server.log.read_text(errors="replace"))
