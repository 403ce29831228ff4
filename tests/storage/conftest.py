"""The backends the storage contract runs on, and how to look behind each one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from storage import BlobStore, LocalBlobStore, S3BlobStore
from tests.fixtures_s3 import new_bucket
from tests.servers import S3Server, s3_client


@dataclass(frozen=True)
class Backend:
    """A store under test plus ``residue``: everything it holds, seen from outside.

    Residue lists blobs, temporary files and unfinished multipart uploads, so a
    spec can prove that a failed put left nothing behind.
    """

    name: str
    store: BlobStore
    residue: Callable[[], list[str]]


@pytest.fixture(params=["local", "minio", "seaweedfs"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    if request.param == "local":
        root = tmp_path / "blobs"
        return Backend("local", LocalBlobStore(root), lambda: files_under(root))
    server: S3Server = request.getfixturevalue(request.param)
    store = new_bucket(server)
    return Backend(request.param, store, lambda: bucket_contents(server, store))


@pytest.fixture
def store(backend: Backend) -> BlobStore:
    return backend.store


def files_under(root: Path) -> list[str]:
    """Every file below ``root``, hidden temporary files included."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if not p.is_dir())


def bucket_contents(server: S3Server, store: S3BlobStore) -> list[str]:
    """Every object in the store's bucket and every multipart upload still open."""
    client = s3_client(server)
    objects = client.list_objects_v2(Bucket=store.bucket).get("Contents", [])
    uploads = client.list_multipart_uploads(Bucket=store.bucket).get("Uploads", [])
    return sorted([o["Key"] for o in objects] + [f"upload of {u['Key']}" for u in uploads])
