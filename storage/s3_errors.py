"""One table from S3 failures to storage errors.

S3 servers report failures as error codes (``NoSuchKey``, ``AccessDenied`` …);
a HEAD request has no body, so botocore reports its bare HTTP status instead
(``"404"``). Network failures arrive as botocore exceptions. ``translated``
turns all of them into ``BlobNotFound`` / ``StorageUnavailable`` /
``StorageError`` with a plain message, keeping the original as ``__cause__``.
"""

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from botocore import exceptions as boto

from storage.errors import BlobNotFound, StorageError, StorageUnavailable

_Failure = str | type[Exception]

S3_FAILURES: Mapping[_Failure, tuple[type[StorageError], str]] = {
    "NoSuchKey": (BlobNotFound, "no such blob"),
    "NotFound": (BlobNotFound, "no such blob"),
    "404": (BlobNotFound, "no such blob"),
    "NoSuchBucket": (StorageUnavailable, "the bucket does not exist"),
    "AccessDenied": (StorageUnavailable, "access denied"),
    "AllAccessDisabled": (StorageUnavailable, "access denied"),
    "AccountProblem": (StorageUnavailable, "access denied"),
    "403": (StorageUnavailable, "access denied (wrong credentials or no permission)"),
    "InvalidAccessKeyId": (StorageUnavailable, "the access key is unknown"),
    "SignatureDoesNotMatch": (StorageUnavailable, "the secret key is wrong"),
    "ExpiredToken": (StorageUnavailable, "the credentials have expired"),
    "InvalidToken": (StorageUnavailable, "the credentials are invalid"),
    "RequestTimeTooSkewed": (StorageUnavailable, "this machine's clock is wrong"),
    "SlowDown": (StorageUnavailable, "the server asks to slow down"),
    "ServiceUnavailable": (StorageUnavailable, "the server is unavailable"),
    "InternalError": (StorageUnavailable, "the server failed"),
    "RequestTimeout": (StorageUnavailable, "the server timed out"),
    "XMinioServerNotInitialized": (StorageUnavailable, "the server is starting"),
    "XMinioStorageFull": (StorageUnavailable, "the server's disks are full"),
    "500": (StorageUnavailable, "the server failed"),
    "503": (StorageUnavailable, "the server is unavailable"),
    boto.ConnectionError: (StorageUnavailable, "cannot connect"),
    boto.HTTPClientError: (StorageUnavailable, "the connection failed"),
    boto.IncompleteReadError: (StorageUnavailable, "the download was cut short"),
    boto.NoCredentialsError: (StorageUnavailable, "no credentials configured"),
    boto.PartialCredentialsError: (StorageUnavailable, "incomplete credentials"),
}


def storage_error_for(
    error: Exception, subject: str, *, about_bucket: bool = False
) -> StorageError | None:
    """Return the storage error that stands for ``error``, or None if it is no S3 failure.

    With ``about_bucket``, "not found" means the bucket is missing, which makes
    the store unavailable rather than a blob absent.
    """
    if isinstance(error, boto.ClientError):
        code = error_code(error)
        kind, reason = S3_FAILURES[code] if code in S3_FAILURES else _unlisted(error)
        detail = code or "no error code"
    else:
        failure = next((f for f in type(error).__mro__ if f in S3_FAILURES), None)
        if failure is None:
            return None
        kind, reason = S3_FAILURES[failure]
        detail = str(error)
    if about_bucket and kind is BlobNotFound:
        kind, reason = S3_FAILURES["NoSuchBucket"]
    return kind(f"{subject}: {reason} ({detail})")


def error_code(error: boto.ClientError) -> str:
    """The S3 error code of a failed request (the HTTP status for HEAD requests)."""
    return str(error.response.get("Error", {}).get("Code", ""))


@contextmanager
def translated(subject: str, *, about_bucket: bool = False) -> Iterator[None]:
    """Re-raise S3 and connection failures inside the block as storage errors."""
    try:
        yield
    except (boto.ClientError, boto.BotoCoreError) as error:
        replacement = storage_error_for(error, subject, about_bucket=about_bucket)
        if replacement is None:
            raise
        raise replacement from error


def _unlisted(error: boto.ClientError) -> tuple[type[StorageError], str]:
    status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
    if status >= 500:
        return StorageUnavailable, f"the server failed (HTTP {status})"
    return StorageError, f"the request was refused (HTTP {status})"
