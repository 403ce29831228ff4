"""Blob first, row second: a blob without a row is an orphan the sweeper removes after the grace period."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient

from tests.conftest import make_user, upload
from vault.runtime import Runtime
from vault.sweeper import sweep_orphans


def test_sweeper_removes_only_old_orphans(client: TestClient, runtime: Runtime) -> None:
    user = make_user(client)
    upload(client, user, b"kept")
    runtime.blobs.put("documents/" + "a" * 32, iter([b"orphan"]))
    assert sweep_orphans(runtime) == []
    real_clock = runtime.clock
    runtime.clock = lambda: real_clock() + timedelta(minutes=runtime.settings.orphan_grace_minutes + 1)
    try:
        assert sweep_orphans(runtime, dry_run=True) == ["documents/" + "a" * 32]
        assert runtime.blobs.exists("documents/" + "a" * 32)
        assert sweep_orphans(runtime) == ["documents/" + "a" * 32]
    finally:
        runtime.clock = real_clock
    assert not runtime.blobs.exists("documents/" + "a" * 32)
    assert [b.key for b in runtime.blobs.list("documents/")] and len(list(runtime.blobs.list("documents/"))) == 1
    assert client.get("/api/v1/documents", headers=user.auth).json()[0]["size"] == 4


def test_a_failed_row_write_leaves_no_blob(client: TestClient, runtime: Runtime) -> None:
    user = make_user(client)
    with runtime.engine.begin() as conn:
        conn.exec_driver_sql("CREATE TRIGGER refuse BEFORE INSERT ON documents BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    try:
        response = client.post("/api/v1/documents", content=b"x" * 1000, headers={**user.auth, "Content-Type": "text/plain"})
    except Exception:
        response = None
    with runtime.engine.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER refuse")
    assert response is None or response.status_code == 500
    assert list(runtime.blobs.list("documents/")) == []
