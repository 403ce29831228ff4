"""A blob store in an S3 bucket (AWS, MinIO, SeaweedFS …).

The client uses path-style addressing and SigV4, retries transient failures,
and computes or validates checksums only when an operation requires them (what
MinIO and SeaweedFS accept). A body shorter than ``part_size`` goes up in one
PutObject; a longer one streams as a multipart upload of ``part_size`` parts,
``parts_in_flight`` of them sent at once, aborted if anything fails, so memory
use stays near ``parts_in_flight + 1`` parts whatever the size.
All failures go through the table in ``storage.s3_errors``.
"""

from __future__ import annotations

import secrets
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, suppress
from datetime import UTC
from typing import TYPE_CHECKING, cast

import boto3
from botocore import exceptions as boto
from botocore.config import Config

from storage.base import READ_CHUNK_SIZE, BlobInfo, validate_range
from storage.errors import BlobNotFound, InvalidBlobKey
from storage.keys import validate_key, validate_prefix
from storage.s3_errors import error_code, translated

if TYPE_CHECKING:
    from botocore.response import StreamingBody
    from mypy_boto3_s3 import S3Client
    from mypy_boto3_s3.literals import BucketLocationConstraintType
    from mypy_boto3_s3.type_defs import (
        CompletedPartTypeDef,
        GetObjectOutputTypeDef,
        HeadObjectOutputTypeDef,
        ObjectTypeDef,
    )

    _Parts = list[CompletedPartTypeDef]

MIN_PART_SIZE = 5 * 1024 * 1024
DEFAULT_PART_SIZE = 8 * 1024 * 1024
DEFAULT_PARTS_IN_FLIGHT = 2

_CLIENT_CONFIG = Config(
    signature_version="s3v4",
    s3={"addressing_style": "path"},
    retries={"mode": "standard", "max_attempts": 3},
    connect_timeout=10,
    read_timeout=60,
    request_checksum_calculation="when_required",
    response_checksum_validation="when_required",
)


class S3BlobStore:
    """Blobs as objects named ``<prefix>/<key>`` in one bucket.

    With ``create_bucket`` the bucket is created if it does not exist yet.

    Raises:
        ValueError: ``part_size`` is below the S3 minimum of 5 MiB, or
            ``parts_in_flight`` is not between 1 and 16.
        InvalidBlobKey: ``prefix`` is not a valid key.
        StorageUnavailable: ``create_bucket`` was asked and the server refused.
    """

    def __init__(
        self,
        *,
        bucket: str,
        endpoint_url: str | None,
        access_key: str,
        secret_key: str,
        region: str = "us-east-1",
        prefix: str = "",
        part_size: int = DEFAULT_PART_SIZE,
        parts_in_flight: int = DEFAULT_PARTS_IN_FLIGHT,
        create_bucket: bool = False,
    ) -> None:
        if part_size < MIN_PART_SIZE:
            raise ValueError(f"part_size must be at least {MIN_PART_SIZE} bytes")
        if not 1 <= parts_in_flight <= 16:
            raise ValueError("parts_in_flight must be between 1 and 16")
        self._bucket = bucket
        self._endpoint_url = endpoint_url
        self._prefix = _object_prefix(prefix)
        self._part_size = part_size
        self._parts_in_flight = parts_in_flight
        self._where = f"S3 bucket {bucket!r} at {endpoint_url or 'AWS'}"
        session = boto3.session.Session(
            aws_access_key_id=access_key,
            aws_secret_access_key=secret_key,
            region_name=region,
        )
        pool = Config(max_pool_connections=max(10, parts_in_flight + 4))
        self._client: S3Client = session.client(
            "s3", endpoint_url=endpoint_url, config=_CLIENT_CONFIG.merge(pool)
        )
        if create_bucket:
            self._create_bucket(region)

    def __repr__(self) -> str:
        return (
            f"S3BlobStore(bucket={self._bucket!r}, endpoint_url={self._endpoint_url!r},"
            f" prefix={self._prefix!r})"
        )

    @property
    def bucket(self) -> str:
        """The bucket's name."""
        return self._bucket

    @property
    def part_size(self) -> int:
        """Bytes per multipart part."""
        return self._part_size

    @property
    def parts_in_flight(self) -> int:
        """Parts sent at once during a multipart upload."""
        return self._parts_in_flight

    def put(self, key: str, chunks: Iterable[bytes]) -> int:
        name = self._object_name(key)
        pieces = iter(chunks)
        buffer = bytearray()
        for chunk in pieces:
            buffer += chunk
            if len(buffer) >= self._part_size:
                return self._put_multipart(name, key, buffer, pieces)
        with translated(key):
            self._client.put_object(Bucket=self._bucket, Key=name, Body=bytes(buffer))
        return len(buffer)

    def get(self, key: str, start: int = 0, end: int | None = None) -> Iterator[bytes]:
        validate_range(start, end)
        name = self._object_name(key)
        if end == start:
            self._head(key)
            return iter(())
        with translated(key):
            try:
                response = self._get_object(name, start, end)
            except boto.ClientError as error:
                if error_code(error) != "InvalidRange":
                    raise
                return iter(())
        return _stream(response["Body"], key)

    def size(self, key: str) -> int:
        return self._head(key)["ContentLength"]

    def exists(self, key: str) -> bool:
        try:
            self._head(key)
        except BlobNotFound:
            return False
        return True

    def delete(self, key: str) -> None:
        name = self._object_name(key)
        with translated(key):
            self._client.delete_object(Bucket=self._bucket, Key=name)

    def list(self, prefix: str = "") -> Iterator[BlobInfo]:
        return self._list(self._prefix + validate_prefix(prefix))

    def check(self) -> None:
        probe = f"{self._prefix}.check-{secrets.token_hex(8)}"
        with translated(self._where, about_bucket=True):
            self._client.head_bucket(Bucket=self._bucket)
            self._client.put_object(Bucket=self._bucket, Key=probe, Body=b"")
            self._client.delete_object(Bucket=self._bucket, Key=probe)

    def _object_name(self, key: str) -> str:
        return self._prefix + validate_key(key)

    def _get_object(self, name: str, start: int, end: int | None) -> GetObjectOutputTypeDef:
        """GET the object, or the byte range; S3 answers InvalidRange past the end."""
        if start == 0 and end is None:
            return self._client.get_object(Bucket=self._bucket, Key=name)
        return self._client.get_object(
            Bucket=self._bucket, Key=name, Range=f"bytes={start}-{'' if end is None else end - 1}"
        )

    def _head(self, key: str) -> HeadObjectOutputTypeDef:
        """HEAD the object; a 404 caused by a missing bucket means unavailable, not absent."""
        name = self._object_name(key)
        try:
            with translated(key):
                return self._client.head_object(Bucket=self._bucket, Key=name)
        except BlobNotFound:
            with translated(self._where, about_bucket=True):
                self._client.head_bucket(Bucket=self._bucket)
            raise

    def _put_multipart(
        self, name: str, key: str, buffer: bytearray, pieces: Iterator[bytes]
    ) -> int:
        with translated(key):
            upload = self._client.create_multipart_upload(Bucket=self._bucket, Key=name)
        upload_id = upload["UploadId"]
        try:
            parts, written = self._upload_parts(name, key, upload_id, buffer, pieces)
            with translated(key):
                self._client.complete_multipart_upload(
                    Bucket=self._bucket,
                    Key=name,
                    UploadId=upload_id,
                    MultipartUpload={"Parts": parts},
                )
        except BaseException:
            with suppress(boto.ClientError, boto.BotoCoreError):
                self._client.abort_multipart_upload(
                    Bucket=self._bucket, Key=name, UploadId=upload_id
                )
            raise
        return written

    def _upload_parts(
        self, name: str, key: str, upload_id: str, buffer: bytearray, pieces: Iterator[bytes]
    ) -> tuple[_Parts, int]:
        """Upload full parts as the buffer fills, then the remainder as the last part.

        Up to ``parts_in_flight`` parts are sent by background threads while the
        next one fills, so reading (and encrypting) the input overlaps with the
        network and the server works on several parts at once. The oldest part is
        settled before a new one is cut from the buffer when that many are in
        flight, so memory holds at most the buffer and ``parts_in_flight`` parts.
        """
        parts: _Parts = []
        written = len(buffer)
        in_flight: deque[Future[CompletedPartTypeDef]] = deque()
        with ThreadPoolExecutor(max_workers=self._parts_in_flight, thread_name_prefix="s3-part") as sender:

            def send(body_from: Callable[[], bytes]) -> None:
                if len(in_flight) == self._parts_in_flight:
                    parts.append(in_flight.popleft().result())
                number = len(parts) + len(in_flight) + 1
                in_flight.append(sender.submit(self._upload_part, name, key, upload_id, number, body_from()))

            while True:
                while len(buffer) >= self._part_size:
                    send(lambda: _take(buffer, self._part_size))
                chunk = next(pieces, None)
                if chunk is None:
                    break
                buffer += chunk
                written += len(chunk)
            if buffer:
                send(lambda: bytes(buffer))
            parts.extend(part.result() for part in in_flight)
        return parts, written

    def _upload_part(
        self, name: str, key: str, upload_id: str, number: int, body: bytes
    ) -> CompletedPartTypeDef:
        with translated(key):
            response = self._client.upload_part(
                Bucket=self._bucket, Key=name, UploadId=upload_id, PartNumber=number, Body=body
            )
        return {"PartNumber": number, "ETag": response["ETag"]}

    def _list(self, object_prefix: str) -> Iterator[BlobInfo]:
        paginator = self._client.get_paginator("list_objects_v2")
        with translated(self._where, about_bucket=True):
            for page in paginator.paginate(Bucket=self._bucket, Prefix=object_prefix):
                for item in page.get("Contents", []):
                    info = self._info(item)
                    if info is not None:
                        yield info

    def _info(self, item: ObjectTypeDef) -> BlobInfo | None:
        key = item["Key"].removeprefix(self._prefix)
        try:
            validate_key(key)
        except InvalidBlobKey:
            return None
        modified = item["LastModified"].astimezone(UTC)
        return BlobInfo(key=key, size=item["Size"], modified=modified)

    def _create_bucket(self, region: str) -> None:
        """Create the bucket unless it exists (buckets we already own are fine)."""
        with translated(self._where, about_bucket=True):
            try:
                self._client.head_bucket(Bucket=self._bucket)
                return
            except boto.ClientError as error:
                if error_code(error) not in ("404", "NoSuchBucket"):
                    raise
            try:
                self._send_create_bucket(region)
            except boto.ClientError as error:
                if error_code(error) != "BucketAlreadyOwnedByYou":
                    raise

    def _send_create_bucket(self, region: str) -> None:
        if region == "us-east-1":
            self._client.create_bucket(Bucket=self._bucket)
            return
        location = cast("BucketLocationConstraintType", region)
        self._client.create_bucket(
            Bucket=self._bucket, CreateBucketConfiguration={"LocationConstraint": location}
        )


def _object_prefix(prefix: str) -> str:
    stripped = prefix.removesuffix("/")
    return f"{validate_key(stripped)}/" if stripped else ""


def _take(buffer: bytearray, size: int) -> bytes:
    """Remove and return the first ``size`` bytes of ``buffer`` with a single copy."""
    with memoryview(buffer) as view:
        head = bytes(view[:size])
    del buffer[:size]
    return head


def _stream(body: StreamingBody, key: str) -> Iterator[bytes]:
    with closing(body), translated(key):
        yield from body.iter_chunks(READ_CHUNK_SIZE)
