"""What the S3 backend promises beyond the shared contract, on MinIO and SeaweedFS.

Failures the operator must fix (wrong credentials, a missing bucket, a server
that is down) surface as ``StorageUnavailable`` with the botocore error kept as
``__cause__``; never as ``BlobNotFound``, which would make the vault treat a
misconfiguration as lost documents.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import pytest
from botocore.exceptions import BotoCoreError, ClientError

from storage import BlobNotFound, BlobStore, InvalidBlobKey, S3BlobStore, StorageUnavailable
from tests.fixtures_s3 import new_bucket
from tests.servers import S3Server, minio_binary, minio_server, seaweedfs_server
from tests.storage.conftest import bucket_contents, store_in, unique_prefix
from tests.storage.payloads import MiB, new_key, payload

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client

EVERY_OPERATION: dict[str, Callable[[BlobStore], object]] = {
    "check": lambda store: store.check(),
    "put": lambda store: store.put(new_key(), [b"x"]),
    "get": lambda store: store.get(new_key()),
    "size": lambda store: store.size(new_key()),
    "exists": lambda store: store.exists(new_key()),
    "delete": lambda store: store.delete(new_key()),
    "list": lambda store: list(store.list()),
}


@pytest.fixture(params=["minio", "seaweedfs"])
def server(request: pytest.FixtureRequest) -> S3Server:
    found: S3Server = request.getfixturevalue(request.param)
    return found


@pytest.fixture
def bucket(server: S3Server, shared_bucket: Callable[[S3Server], str]) -> str:
    return shared_bucket(server)


@pytest.fixture
def client(server: S3Server, raw_client: Callable[[S3Server], S3Client]) -> S3Client:
    return raw_client(server)


def with_credentials(
    server: S3Server, bucket: str, access_key: str, secret_key: str
) -> S3BlobStore:
    return S3BlobStore(
        bucket=bucket,
        endpoint_url=server.endpoint_url,
        access_key=access_key,
        secret_key=secret_key,
    )


def assert_unavailable(store: BlobStore, operation: str, cause: type[Exception]) -> str:
    with pytest.raises(StorageUnavailable) as caught:
        EVERY_OPERATION[operation](store)
    assert isinstance(caught.value.__cause__, cause), repr(caught.value.__cause__)
    return str(caught.value)


@pytest.mark.parametrize("operation", EVERY_OPERATION)
def test_wrong_secret_key_makes_the_store_unavailable(
    server: S3Server, bucket: str, operation: str
) -> None:
    store = with_credentials(server, bucket, server.access_key, "wrong-" + secrets.token_hex(8))
    message = assert_unavailable(store, operation, ClientError)
    assert server.secret_key not in message


@pytest.mark.parametrize("operation", ["check", "get", "put"])
def test_unknown_access_key_makes_the_store_unavailable(
    server: S3Server, bucket: str, operation: str
) -> None:
    store = with_credentials(server, bucket, "nobody" + secrets.token_hex(4), server.secret_key)
    assert_unavailable(store, operation, ClientError)


@pytest.mark.parametrize("operation", EVERY_OPERATION)
def test_missing_bucket_is_unavailable_not_a_missing_blob(server: S3Server, operation: str) -> None:
    store = store_in(server, "missing-" + secrets.token_hex(8))
    message = assert_unavailable(store, operation, ClientError)
    assert "bucket" in message


def test_put_never_creates_a_missing_bucket(server: S3Server, client: S3Client) -> None:
    missing = "missing-" + secrets.token_hex(8)
    with pytest.raises(StorageUnavailable):
        store_in(server, missing).put(new_key(), [b"x"])
    with pytest.raises(ClientError):
        client.head_bucket(Bucket=missing)


def test_check_explains_what_is_wrong(server: S3Server, bucket: str) -> None:
    missing = "missing-" + secrets.token_hex(8)
    with pytest.raises(StorageUnavailable, match=f"{missing}.*does not exist"):
        store_in(server, missing).check()
    with pytest.raises(StorageUnavailable, match=f"{bucket}.*access denied"):
        with_credentials(server, bucket, server.access_key, "wrong-secret").check()


@pytest.fixture(params=["minio", "seaweedfs"])
def stopped_store(request: pytest.FixtureRequest) -> Iterator[tuple[S3BlobStore, str]]:
    """A store holding one blob, whose server has just been stopped."""
    start = minio_server(minio_binary()) if request.param == "minio" else seaweedfs_server()
    with start as running:
        store, key = new_bucket(running), new_key()
        store.put(key, [b"unreachable now"])
    yield store, key


def test_stopped_server_makes_every_operation_unavailable(
    stopped_store: tuple[S3BlobStore, str],
) -> None:
    store, key = stopped_store
    for operation in EVERY_OPERATION:
        assert_unavailable(store, operation, BotoCoreError)
    with pytest.raises(StorageUnavailable):
        store.get(key)


def test_bodies_of_a_part_or_more_stream_as_multipart_uploads(
    server: S3Server, bucket: str, client: S3Client
) -> None:
    prefix = unique_prefix()
    store = store_in(server, bucket, prefix)
    sizes = {"small": 5 * MiB - 1, "exact": 5 * MiB, "large": 11 * MiB}
    for name, size in sizes.items():
        store.put(f"documents/{name}", [payload(size)])
    etags = {
        name: client.head_object(Bucket=bucket, Key=f"{prefix}/documents/{name}")["ETag"]
        for name in sizes
    }
    assert "-" not in etags["small"]
    assert etags["exact"].endswith('-1"')
    assert etags["large"].endswith('-3"')


def test_prefixes_keep_stores_on_one_bucket_apart(
    server: S3Server, bucket: str, client: S3Client
) -> None:
    prefix = unique_prefix()
    alpha = store_in(server, bucket, f"{prefix}/alpha")
    beta = store_in(server, bucket, f"{prefix}/beta/")
    key = new_key()
    alpha.put(key, [b"alpha's"])
    assert not beta.exists(key)
    with pytest.raises(BlobNotFound):
        beta.get(key)
    assert [i.key for i in alpha.list()] == [key]
    assert list(beta.list()) == []
    assert bucket_contents(client, bucket, prefix) == [f"{prefix}/alpha/{key}"]


def test_objects_that_are_not_blobs_are_not_listed(
    server: S3Server, bucket: str, client: S3Client
) -> None:
    prefix = unique_prefix()
    store = store_in(server, bucket, prefix)
    for name in ("README.TXT", "documents/Upper", ".check-left-over", "notes/with space"):
        client.put_object(Bucket=bucket, Key=f"{prefix}/{name}", Body=b"foreign")
    key = new_key()
    store.put(key, [b"blob"])
    assert [info.key for info in store.list()] == [key]


def test_creating_a_store_for_an_existing_bucket_keeps_its_blobs(server: S3Server) -> None:
    first = new_bucket(server)
    key = new_key()
    first.put(key, [b"kept"])
    again = S3BlobStore(
        bucket=first.bucket, endpoint_url=server.endpoint_url, access_key=server.access_key,
        secret_key=server.secret_key, create_bucket=True,
    )
    assert b"".join(again.get(key)) == b"kept"


def test_part_size_below_the_s3_minimum_is_refused(server: S3Server, bucket: str) -> None:
    with pytest.raises(ValueError, match="part_size"):
        S3BlobStore(
            bucket=bucket, endpoint_url=server.endpoint_url, access_key=server.access_key,
            secret_key=server.secret_key, part_size=5 * MiB - 1,
        )


@pytest.mark.parametrize("parts_in_flight", [0, 17])
def test_parts_in_flight_outside_1_to_16_is_refused(server: S3Server, bucket: str, parts_in_flight: int) -> None:
    with pytest.raises(ValueError, match="parts_in_flight"):
        S3BlobStore(
            bucket=bucket, endpoint_url=server.endpoint_url, access_key=server.access_key,
            secret_key=server.secret_key, parts_in_flight=parts_in_flight,
        )


def test_parts_sent_at_once_assemble_in_their_order(server: S3Server, bucket: str) -> None:
    store = S3BlobStore(
        bucket=bucket, endpoint_url=server.endpoint_url, access_key=server.access_key,
        secret_key=server.secret_key, prefix=unique_prefix(), part_size=5 * MiB, parts_in_flight=3,
    )
    pieces = [bytes([n]) * MiB for n in range(31)]
    key = new_key()
    assert store.put(key, iter(pieces)) == 31 * MiB
    assert b"".join(store.get(key)) == b"".join(pieces)


def test_prefix_must_be_a_valid_key(server: S3Server, bucket: str) -> None:
    with pytest.raises(InvalidBlobKey):
        store_in(server, bucket, "../other")


def test_repr_shows_where_but_never_the_credentials(server: S3Server, bucket: str) -> None:
    text = repr(store_in(server, bucket))
    assert bucket in text and server.endpoint_url in text
    assert server.secret_key not in text and server.access_key not in text
