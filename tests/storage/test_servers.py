"""The S3 test servers themselves: loopback only, stopped for good afterwards."""

from __future__ import annotations

import ipaddress
import shutil
import subprocess
from pathlib import Path

import psutil
import pytest

from tests.servers import (
    BUILD_MINIO,
    GO_MISSING_STATUS,
    S3Server,
    require_loopback,
    seaweedfs_server,
)


@pytest.mark.parametrize(
    "endpoint",
    ["http://10.0.0.5:9000", "https://s3.amazonaws.com", "http://0.0.0.0:9000", "http://[::]:9000",
     "http://127.0.0.1.example.org", "http://minio:9000", "not a url"],
)
def test_endpoints_off_this_machine_are_refused(endpoint: str) -> None:
    with pytest.raises(ValueError, match="refusing"):
        require_loopback(endpoint)
    with pytest.raises(ValueError, match="refusing"):
        S3Server("elsewhere", endpoint, "key", "secret", pid=0)


@pytest.mark.parametrize(
    "endpoint",
    ["http://127.0.0.1:9000", "http://localhost:9000", "http://[::1]:9000", "http://127.8.9.10"],
)
def test_loopback_endpoints_are_accepted(endpoint: str) -> None:
    assert require_loopback(endpoint) == endpoint


@pytest.mark.parametrize("name", ["minio", "seaweedfs"])
def test_servers_open_sockets_on_loopback_only(request: pytest.FixtureRequest, name: str) -> None:
    server: S3Server = request.getfixturevalue(name)
    process = psutil.Process(server.pid)
    addresses = {
        conn.laddr.ip
        for proc in [process, *process.children(recursive=True)]
        for conn in proc.net_connections("inet")
        if conn.laddr
    }
    assert addresses
    assert all(ipaddress.ip_address(ip).is_loopback for ip in addresses), addresses


def test_stopped_server_leaves_no_process_or_socket_behind() -> None:
    with seaweedfs_server() as server:
        process = psutil.Process(server.pid)
        ports = {c.laddr.port for c in process.net_connections("inet") if c.status == "LISTEN"}

        def own_sockets() -> list[Path]:
            candidates = Path("/tmp").glob("seaweedfs-*.sock")
            return [p for p in candidates if int(p.stem.rsplit("-", 1)[1]) in ports]

        assert own_sockets()
    assert not psutil.pid_exists(server.pid)
    assert own_sockets() == []


def test_build_script_without_go_exits_with_the_skip_status(tmp_path: Path) -> None:
    bash = shutil.which("bash")
    assert bash is not None
    result = subprocess.run(
        [bash, str(BUILD_MINIO)],
        env={"PATH": str(tmp_path), "HOME": str(tmp_path)},
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == GO_MISSING_STATUS
    assert "Go is not installed; MinIO cannot be built" in result.stderr
