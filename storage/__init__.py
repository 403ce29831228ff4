"""Blob stores: where document ciphertext lives (a local directory or an S3 bucket)."""

from storage.base import READ_CHUNK_SIZE, BlobInfo, BlobStore, validate_range
from storage.errors import BlobNotFound, InvalidBlobKey, StorageError, StorageUnavailable
from storage.keys import MAX_KEY_LENGTH, validate_key, validate_prefix
from storage.local import LocalBlobStore
from storage.s3 import DEFAULT_PART_SIZE, MIN_PART_SIZE, S3BlobStore

__all__ = [
    "DEFAULT_PART_SIZE",
    "MAX_KEY_LENGTH",
    "MIN_PART_SIZE",
    "READ_CHUNK_SIZE",
    "BlobInfo",
    "BlobNotFound",
    "BlobStore",
    "InvalidBlobKey",
    "LocalBlobStore",
    "S3BlobStore",
    "StorageError",
    "StorageUnavailable",
    "validate_key",
    "validate_prefix",
    "validate_range",
]
