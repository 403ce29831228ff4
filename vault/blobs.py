"""Choose the blob store the settings name."""

from __future__ import annotations

from storage import BlobStore, LocalBlobStore, S3BlobStore
from vault.settings import Settings


def open_blob_store(settings: Settings) -> BlobStore:
    if settings.storage == "s3":
        return S3BlobStore(
            bucket=settings.s3_bucket,
            endpoint_url=settings.s3_endpoint or None,
            access_key=settings.s3_access_key.get_secret_value(),
            secret_key=settings.s3_secret_key.get_secret_value(),
            region=settings.s3_region,
            part_size=settings.s3_part_size,
            parts_in_flight=settings.s3_parts_in_flight,
        )
    return LocalBlobStore(settings.data_dir / "blobs")
