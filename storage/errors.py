"""The errors every blob store raises, whatever its backend.

Callers handle ``StorageError`` (or one of its children) and never a
backend's own exception types; the original exception is kept as
``__cause__`` for the logs.
"""


class StorageError(Exception):
    """A blob store operation failed."""


class BlobNotFound(StorageError):
    """No blob is stored under the requested key."""


class StorageUnavailable(StorageError):
    """The store cannot be reached or used: network, credentials, bucket, disk."""


class InvalidBlobKey(StorageError, ValueError):
    """A key does not follow the blob key rules (see ``storage.keys``)."""
