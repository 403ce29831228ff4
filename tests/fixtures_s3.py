"""Session-wide S3 servers for any test: ``minio`` and ``seaweedfs`` fixtures.

Each server starts once per test session, on first use. ``new_bucket(server)``
gives a test its own bucket, so tests never see each other's blobs.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import pytest

from storage import MIN_PART_SIZE, S3BlobStore
from tests.servers import (
    S3Server,
    ToolMissing,
    minio_binary,
    minio_server,
    require_loopback,
    seaweedfs_server,
)


@pytest.fixture(scope="session")
def minio() -> Iterator[S3Server]:
    """A MinIO server on loopback; skipped only on a machine without Go."""
    try:
        binary = minio_binary()
    except ToolMissing as missing:
        pytest.skip(str(missing))
    with minio_server(binary) as server:
        yield server


@pytest.fixture(scope="session")
def seaweedfs() -> Iterator[S3Server]:
    """A SeaweedFS (``weed mini``) server on loopback."""
    with seaweedfs_server() as server:
        yield server


def new_bucket(
    server: S3Server, *, prefix: str = "", part_size: int = MIN_PART_SIZE
) -> S3BlobStore:
    """A store on a freshly created, uniquely named bucket of ``server``.

    Parts default to the S3 minimum (5 MiB) so multipart uploads stay cheap in tests.
    """
    return S3BlobStore(
        bucket="test-" + secrets.token_hex(10),
        endpoint_url=require_loopback(server.endpoint_url),
        access_key=server.access_key,
        secret_key=server.secret_key,
        region=server.region,
        prefix=prefix,
        part_size=part_size,
        create_bucket=True,
    )
