"""The backends the storage contract runs on, and how to look behind each one.

S3 specs share one bucket per server and give every test its own key prefix:
creating a bucket costs SeaweedFS a new volume, and the prefix isolates tests
just as well (and exercises ``S3BlobStore(prefix=…)`` on every spec).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from storage import MIN_PART_SIZE, BlobStore, LocalBlobStore, S3BlobStore
from tests.fixtures_s3 import new_bucket
from tests.servers import S3Server, s3_client

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client


@dataclass(frozen=True)
class Backend:
    """A store under test plus ``residue``: everything it holds, seen from outside.

    Residue lists blobs, temporary files and unfinished multipart uploads, so a
    spec can prove that a failed put left nothing behind.
    """

    name: str
    store: BlobStore
    residue: Callable[[], list[str]]


@pytest.fixture(scope="session")
def shared_bucket() -> Callable[[S3Server], str]:
    """The name of one bucket per server, created on first use."""
    buckets: dict[str, str] = {}

    def bucket_of(server: S3Server) -> str:
        if server.name not in buckets:
            buckets[server.name] = new_bucket(server).bucket
        return buckets[server.name]

    return bucket_of


@pytest.fixture(scope="session")
def raw_client() -> Callable[[S3Server], S3Client]:
    """One plain boto3 client per server, for looking behind a store's back."""
    clients: dict[str, S3Client] = {}

    def client_of(server: S3Server) -> S3Client:
        if server.name not in clients:
            clients[server.name] = s3_client(server)
        return clients[server.name]

    return client_of


@pytest.fixture(params=["local", "minio", "seaweedfs"])
def backend(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    shared_bucket: Callable[[S3Server], str],
    raw_client: Callable[[S3Server], S3Client],
) -> Backend:
    if request.param == "local":
        root = tmp_path / "blobs"
        return Backend("local", LocalBlobStore(root), lambda: files_under(root))
    server: S3Server = request.getfixturevalue(request.param)
    prefix = unique_prefix()
    store = store_in(server, shared_bucket(server), prefix)
    client = raw_client(server)
    return Backend(request.param, store, lambda: bucket_contents(client, store.bucket, prefix))


@pytest.fixture
def store(backend: Backend) -> BlobStore:
    return backend.store


def unique_prefix() -> str:
    return "test-" + secrets.token_hex(6)


def store_in(server: S3Server, bucket: str, prefix: str = "") -> S3BlobStore:
    """A store on an existing bucket of ``server``."""
    return S3BlobStore(
        bucket=bucket,
        endpoint_url=server.endpoint_url,
        access_key=server.access_key,
        secret_key=server.secret_key,
        region=server.region,
        prefix=prefix,
        part_size=MIN_PART_SIZE,
    )


def files_under(root: Path) -> list[str]:
    """Every file below ``root``, hidden temporary files included."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if not p.is_dir())


def bucket_contents(client: S3Client, bucket: str, prefix: str = "") -> list[str]:
    """Every object under ``prefix`` and every multipart upload still open there.

    Uploads are listed for the whole bucket and filtered here: MinIO matches an
    upload listing's prefix against whole object names only.
    """
    objects = client.list_objects_v2(Bucket=bucket, Prefix=prefix).get("Contents", [])
    uploads = client.list_multipart_uploads(Bucket=bucket).get("Uploads", [])
    return sorted(
        [o["Key"] for o in objects]
        + [f"upload of {u['Key']}" for u in uploads if u["Key"].startswith(prefix)]
    )
