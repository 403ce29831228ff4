"""Byte-exact round trips of encrypted documents on real S3 servers (MinIO, SeaweedFS):
through the HTTP API of a running server, and through DV1 + the blob store alone
for the sizes the API refuses (0 B)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from keys import decrypt_stream, encrypt_stream, new_document_key
from tests.conftest import PASSPHRASE
from tests.fixtures_s3 import new_bucket
from tests.live import live_server

KIB, MIB = 1024, 1024 * 1024
API_SIZES = [1, 64 * KIB, 64 * KIB + 1, 5 * MIB + 1, 300 * MIB]
BLOB_SIZES = [0, 1, 64 * KIB, 64 * KIB + 1, 5 * MIB + 1]


def pattern(size: int, seed: bytes) -> Iterator[bytes]:
    """Deterministic, incompressible bytes in 1 MiB pieces."""
    block, sent, counter = b"", 0, 0
    while sent < size:
        if not block:
            block = b"".join(hashlib.sha256(seed + (counter * 1000 + i).to_bytes(8, "big")).digest() for i in range(MIB // 32))
            counter += 1
        piece = block[: size - sent]
        sent += len(piece)
        yield piece


def digest(chunks: Iterator[bytes]) -> tuple[str, int]:
    h, n = hashlib.sha256(), 0
    for chunk in chunks:
        h.update(chunk)
        n += len(chunk)
    return h.hexdigest(), n


@pytest.fixture(params=["minio", "seaweedfs"])
def s3_server(request: pytest.FixtureRequest) -> Any:
    return request.getfixturevalue(request.param)


def test_encrypted_blobs_round_trip_on_s3(s3_server: Any) -> None:
    store = new_bucket(s3_server)
    for size in BLOB_SIZES:
        dek, doc_id = new_document_key(), f"{size:032x}"
        store.put(f"documents/{doc_id}", encrypt_stream(dek, doc_id, pattern(size, b"blob")))
        assert digest(decrypt_stream(dek, doc_id, store.get(f"documents/{doc_id}"))) == digest(pattern(size, b"blob"))


def test_documents_round_trip_through_the_api_on_s3(s3_server: Any, tmp_path: Path) -> None:
    store = new_bucket(s3_server)
    env = {
        "VAULT_STORAGE": "s3", "VAULT_S3_ENDPOINT": s3_server.endpoint_url, "VAULT_S3_BUCKET": store.bucket,
        "VAULT_S3_ACCESS_KEY": s3_server.access_key, "VAULT_S3_SECRET_KEY": s3_server.secret_key,
        "VAULT_S3_REGION": s3_server.region, "VAULT_MAX_UPLOAD_BYTES": str(400 * MIB),
    }
    with live_server(tmp_path, **env) as server, server.client(timeout=600) as http:
        http.post("/api/v1/accounts", json={"handle": "roundtrip", "passphrase": PASSPHRASE}).raise_for_status()
        auth = {"Authorization": "Bearer " + http.post("/api/v1/sessions", json={"handle": "roundtrip", "passphrase": PASSPHRASE}).json()["token"]}
        for size in API_SIZES:
            seed = str(size).encode()
            created = http.post("/api/v1/documents", content=pattern(size, seed), params={"filename": f"{size}.bin"}, headers={**auth, "Content-Type": "application/octet-stream"})
            assert created.status_code == 201, created.text
            expected, _ = digest(pattern(size, seed))
            assert created.json()["sha256"] == expected
            with http.stream("GET", f"/api/v1/documents/{created.json()['id']}/content", headers=auth) as response:
                assert response.status_code == 200
                assert digest(response.iter_bytes()) == (expected, size)
        assert sum(1 for blob in store.list("documents/")) == len(API_SIZES)
