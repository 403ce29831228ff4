"""Transfer benchmark: our HTTP API against raw boto3, on the same MinIO, in one run.

    .venv/bin/python -m bench.transfer [--size-mib 256] [--rss-size-mib 1024] [--repeat 5]

Prints, for a file of --size-mib: upload MiB/s through the API (encrypting on
the way; the client is urllib3, as under boto3) and raw boto3 uploads of the same
bytes to the same MinIO, and their ratios; the same for download; the median of
--repeat interleaved runs, with the CPU seconds each process (MinIO, the server,
this client) spent, which shows what bounds the ratio on a machine with few cores;
then the peak RSS growth of the server process while it receives and sends a
--rss-size-mib file. Targets: ratios >= 0.7, RSS growth <= 64 MiB. Argon2 runs at
its real cost; the server is a real uvicorn.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import boto3
import httpx
import psutil
import urllib3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config

from tests.fixtures_s3 import new_bucket
from tests.live import live_server
from tests.servers import S3Server, minio_binary, minio_server

MIB = 1024 * 1024
PASSPHRASE = "benchmark passphrase of some length"


def payload(size: int) -> Iterator[bytes]:
    block = hashlib.sha256(b"bench").digest() * (MIB // 32)
    for offset in range(0, size, MIB):
        yield block[: min(MIB, size - offset)]


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


class PeakRss:
    def __init__(self, pid: int) -> None:
        self.process = psutil.Process(pid)
        self.baseline = self.process.memory_info().rss
        self.peak = self.baseline
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.process.memory_info().rss)
            self._stop.wait(0.01)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def growth_mib(self) -> float:
        return (self.peak - self.baseline) / MIB


def raw_client(server: S3Server):  # type: ignore[no-untyped-def]
    return boto3.client(
        "s3", endpoint_url=server.endpoint_url, aws_access_key_id=server.access_key,
        aws_secret_access_key=server.secret_key, region_name=server.region,
        config=Config(s3={"addressing_style": "path"}, request_checksum_calculation="when_required", response_checksum_validation="when_required"),
    )


class Iterable2File:
    """A read()-able view of an iterator, for boto3's upload_fileobj."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks, self._buffer = chunks, b""

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self._buffer) < size:
            chunk = next(self._chunks, None)
            if chunk is None:
                break
            self._buffer += chunk
        out, self._buffer = (self._buffer, b"") if size < 0 else (self._buffer[:size], self._buffer[size:])
        return out


class Meter:
    """Wall time and CPU seconds of every process taking part (MinIO, the server, this client)."""

    def __init__(self, pids: dict[str, int]) -> None:
        self.processes = {name: psutil.Process(pid) for name, pid in pids.items()}
        self.rows: dict[str, list[tuple[float, dict[str, float]]]] = {}

    def _cpu(self) -> dict[str, float]:
        return {name: sum(p.cpu_times()[:2]) for name, p in self.processes.items()}

    def run(self, label: str, work: Callable[[], object]) -> None:
        before = self._cpu()
        elapsed = timed(work)
        after = self._cpu()
        self.rows.setdefault(label, []).append((elapsed, {n: after[n] - before[n] for n in after}))

    def median(self, label: str) -> tuple[float, dict[str, float]]:
        runs = sorted(self.rows[label], key=lambda row: row[0])
        return runs[len(runs) // 2]


def report(meter: Meter, size: int, ours: str, baselines: list[str]) -> None:
    mib = size / MIB
    wall, cpu = meter.median(ours)
    print(f"{ours:50} {mib / wall:8.1f} MiB/s   CPU s: " + " ".join(f"{n} {c:.2f}" for n, c in cpu.items()))
    for label in baselines:
        base_wall, base_cpu = meter.median(label)
        print(f"{label:50} {mib / base_wall:8.1f} MiB/s   CPU s: " + " ".join(f"{n} {c:.2f}" for n, c in base_cpu.items()))
        print(f"{'  ratio vault / that':50} {base_wall / wall:8.2f}")


def run(size: int, rss_size: int, repeat: int) -> None:
    with minio_server(minio_binary()) as minio, tempfile.TemporaryDirectory() as tmp:
        store = new_bucket(minio, part_size=8 * MIB)
        s3 = raw_client(minio)
        env = {
            "VAULT_STORAGE": "s3", "VAULT_S3_ENDPOINT": minio.endpoint_url, "VAULT_S3_BUCKET": store.bucket,
            "VAULT_S3_ACCESS_KEY": minio.access_key, "VAULT_S3_SECRET_KEY": minio.secret_key,
            "VAULT_MAX_UPLOAD_BYTES": str(max(size, rss_size) + MIB), "VAULT_OCR_WORKERS": "1",
        }
        with live_server(Path(tmp), **env) as server, httpx.Client(base_url=server.url, timeout=3600) as http:
            http.post("/api/v1/accounts", json={"handle": "runner", "passphrase": PASSPHRASE}).raise_for_status()
            auth = {"Authorization": "Bearer " + http.post("/api/v1/sessions", json={"handle": "runner", "passphrase": PASSPHRASE}).json()["token"]}
            headers = {**auth, "Content-Type": "application/octet-stream"}
            pool = urllib3.PoolManager()
            sizes: dict[str, int] = {}

            def api_up(n: int) -> str:
                response = pool.request("POST", f"{server.url}/api/v1/documents?filename=bench.bin", body=payload(n), headers=headers, chunked=True)
                assert response.status == 201, response.data
                document_id: str = json.loads(response.data)["id"]
                sizes[document_id] = n
                return document_id

            def api_down(document_id: str) -> None:
                response = pool.request("GET", f"{server.url}/api/v1/documents/{document_id}/content", headers=auth, preload_content=False)
                assert response.status == 200
                assert sum(len(chunk) for chunk in response.stream(MIB)) == sizes[document_id]
                response.release_conn()

            def raw_down() -> None:
                assert sum(len(c) for c in s3.get_object(Bucket=store.bucket, Key="raw.bin")["Body"].iter_chunks(MIB)) == size

            raw_sequential = TransferConfig(multipart_threshold=8 * MIB, multipart_chunksize=8 * MIB, max_concurrency=1, use_threads=False)
            meter = Meter({"minio": minio.pid, "server": server.process.pid, "client": os.getpid()})
            ours_up, ours_down = "vault API upload (HTTP + encrypt + S3)", "vault API download (S3 + decrypt + HTTP)"
            up_10, up_1, down_raw = "boto3 upload_fileobj (defaults, 10 threads)", "boto3 upload_fileobj (1 stream, 8 MiB parts)", "boto3 get_object, read in 1 MiB pieces"
            for _ in range(repeat):
                meter.run(up_10, lambda: s3.upload_fileobj(Iterable2File(payload(size)), store.bucket, "raw.bin", Config=TransferConfig()))
                meter.run(up_1, lambda: s3.upload_fileobj(Iterable2File(payload(size)), store.bucket, "raw.bin", Config=raw_sequential))
                meter.run(ours_up, lambda: api_up(size))
                meter.run(down_raw, raw_down)
                meter.run(ours_down, lambda: api_down(next(reversed(sizes))))
            print(f"file: {size / MIB:.0f} MiB on one MinIO, median of {repeat} interleaved runs, {os.cpu_count()} CPUs")
            report(meter, size, ours_up, [up_10, up_1])
            report(meter, size, ours_down, [down_raw])
            with PeakRss(server.process.pid) as rss:
                api_down(api_up(rss_size))
            print(f"server RSS growth while uploading and downloading {rss_size / MIB:.0f} MiB: {rss.growth_mib:.1f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mib", type=int, default=256)
    parser.add_argument("--rss-size-mib", type=int, default=1024)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    run(args.size_mib * MIB, args.rss_size_mib * MIB, args.repeat)


if __name__ == "__main__":
    main()
