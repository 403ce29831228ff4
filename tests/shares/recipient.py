"""What the recipient's browser does, in Python (keys/ is the reference implementation):
read the secret from the link's fragment, prove it, open the slots, metadata and content."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
from fastapi.testclient import TestClient

from keys import decrypt_stream, open_link_slot, open_metadata
from vault.shares.credentials import encode, proof_of

Client = TestClient | httpx.Client


@dataclass(frozen=True)
class Link:
    id: str
    secret: bytes

    @property
    def proof(self) -> str:
        return encode(proof_of(self.secret, self.id))


@dataclass(frozen=True)
class Opened:
    metadata: dict[str, Any]
    content: bytes


def parse(url: str) -> Link:
    """The link id from the path and the secret from the fragment of `/s/<id>#<secret>`."""
    parts = urlsplit(url)
    assert parts.path.startswith("/s/") and parts.fragment, url
    return Link(parts.path.removeprefix("/s/"), base64.urlsafe_b64decode(parts.fragment + "="))


def unbase(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def open_link(client: Client, link: Link, pin: str | None = None) -> httpx.Response:
    body: dict[str, str] = {"proof": link.proof}
    if pin is not None:
        body["pin"] = pin
    response: httpx.Response = client.post(f"/api/v1/links/{link.id}/open", json=body)
    return response


def read_all(client: Client, link: Link, opened: dict[str, Any]) -> list[Opened]:
    """Decrypt every released document as the page does."""
    found = []
    for released in opened["documents"]:
        dek = open_link_slot(unbase(released["link_slot"]), link.secret, link.id)
        metadata = open_metadata(dek, released["id"], unbase(released["metadata"]))
        blob = client.get(f"/api/v1/links/{link.id}/documents/{released['id']}", headers={"X-Link-Access": opened["access_token"]})
        assert blob.status_code == 200, blob.text
        assert len(blob.content) == released["size"]
        found.append(Opened(metadata, b"".join(decrypt_stream(dek, released["id"], [blob.content]))))
    return found


def share(client: Client, auth: dict[str, str], document_ids: list[str], **options: object) -> dict[str, Any]:
    response = client.post("/api/v1/shares", json={"document_ids": document_ids, **options}, headers=auth)
    assert response.status_code == 201, response.text
    made: dict[str, Any] = response.json()
    return made
