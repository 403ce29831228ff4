"""Fifty simultaneous logins with the real Argon2id cost (64 MiB each) queue
behind the login limiter: memory stays bounded, every login succeeds, and other
requests are answered while the logins are still being processed."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import psutil

from tests.conftest import PASSPHRASE
from tests.live import live_server

LOGINS = 50
REAL_COST = {"VAULT_ARGON2_MEMORY_KIB": "65536", "VAULT_ARGON2_ITERATIONS": "3", "VAULT_ARGON2_LANES": "4", "VAULT_LOGIN_CONCURRENCY": "2"}


def test_fifty_simultaneous_logins_neither_exhaust_memory_nor_stall_others(tmp_path: Path) -> None:
    with live_server(tmp_path, **REAL_COST) as server:
        with server.client() as http:
            for handle in ("crowd", "bystander"):
                http.post("/api/v1/accounts", json={"handle": handle, "passphrase": PASSPHRASE}).raise_for_status()
            token = http.post("/api/v1/sessions", json={"handle": "bystander", "passphrase": PASSPHRASE}).json()["token"]
        process = psutil.Process(server.process.pid)
        baseline, peak = process.memory_info().rss, [0]
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], process.memory_info().rss)
                done.wait(0.02)

        def log_in(_: int) -> int:
            with httpx.Client(base_url=server.url, timeout=300) as http:
                return http.post("/api/v1/sessions", json={"handle": "crowd", "passphrase": PASSPHRASE}).status_code

        sampler = threading.Thread(target=sample)
        sampler.start()
        with ThreadPoolExecutor(LOGINS) as pool:
            logins = [pool.submit(log_in, i) for i in range(LOGINS)]
            with httpx.Client(base_url=server.url, timeout=60) as http:
                while sum(f.done() for f in logins) < 1 and not all(f.done() for f in logins):
                    threading.Event().wait(0.05)
                other = http.get("/api/v1/documents", headers={"Authorization": f"Bearer {token}"})
                still_waiting = sum(not f.done() for f in logins)
            statuses = [f.result() for f in logins]
        done.set()
        sampler.join()
    assert other.status_code == 200
    assert still_waiting > LOGINS // 2, "another request must be answered while most logins still queue"
    assert statuses == [201] * LOGINS
    growth_mib = (peak[0] - baseline) / 2**20
    assert growth_mib < 2 * 64 + 96, f"server memory grew by {growth_mib:.0f} MiB"
