"""Zero access at rest: after a full session of use, no marker planted in an
image, a PDF text layer, a filename, a title or a file's bytes can be found in
any place the process writes — database (and its WAL), blobs, temporary
directories, logs — and what lies at rest opens nothing without a user secret."""

from __future__ import annotations

import os
import secrets
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from keys import DecryptionError, Keyring, derive_kek, derive_key, open_document_key, unwrap_keyring
from tests.conftest import PASSPHRASE
from tests.live import LiveServer, live_server
from tests.samples import text_image, text_pdf
from vault.db.schema import accounts, documents, key_slots, sessions
from vault.server_key import parse_server_key


OCR_SAFE = "ACEFHKLMNPRTUVWXY"  # no letters OCR confuses with digits or each other


def new_marker() -> str:
    return "MARK" + "".join(secrets.choice(OCR_SAFE) for _ in range(10))


def files_under(*roots: Path, since: float = 0) -> Iterator[Path]:
    """Regular files below `roots` changed since `since`, not crossing into other mounts."""
    for root in roots:
        for folder, subfolders, names in os.walk(root):
            subfolders[:] = [d for d in subfolders if not os.path.ismount(os.path.join(folder, d))]
            for name in names:
                path = Path(folder, name)
                try:
                    if path.is_file() and not path.is_symlink() and path.stat().st_mtime >= since:
                        yield path
                except OSError:
                    continue


def places_holding(needles: list[bytes], paths: Iterator[Path]) -> list[str]:
    found = []
    for path in paths:
        try:
            content = path.read_bytes()
        except OSError:
            continue
        found += [f"{path}: {needle!r}" for needle in needles if needle in content]
    return found


def wait_for_tagging(server: LiveServer, auth: dict[str, str], seconds: float = 120) -> list[dict[str, object]]:
    deadline = time.monotonic() + seconds
    with server.client() as http:
        while time.monotonic() < deadline:
            listed: list[dict[str, object]] = http.get("/api/v1/documents", headers=auth).json()
            if all(d["tag_state"] != "tagging" for d in listed):
                return listed
            time.sleep(0.5)
    raise AssertionError("tagging did not finish")


def use_the_vault(server: LiveServer, marker: str) -> tuple[dict[str, str], list[dict[str, object]]]:
    with server.client() as http:
        http.post("/api/v1/accounts", json={"handle": "zero-access", "passphrase": PASSPHRASE, "display_name": marker}).raise_for_status()
        token = http.post("/api/v1/sessions", json={"handle": "zero-access", "passphrase": PASSPHRASE}).json()["token"]
        auth = {"Authorization": f"Bearer {token}"}
        files = [
            (text_image([f"TITRE {marker}", "REPUBLIQUE FRANCAISE"]), f"photo-{marker}.jpg", "image/jpeg"),
            (text_pdf([f"Bulletin de salaire {marker}", "Net a payer 1500 EUR"]), f"bulletin-{marker}.pdf", "application/pdf"),
            (f"notes {marker} notes".encode() * 1000, "notes.txt", "text/plain"),
        ]
        for data, filename, mime in files:
            http.post("/api/v1/documents", content=data, params={"filename": filename, "title": f"Titre {marker}"}, headers={**auth, "Content-Type": mime}).raise_for_status()
    listed = wait_for_tagging(server, auth)
    with server.client() as http:
        for doc in listed:
            http.get(f"/api/v1/documents/{doc['id']}", headers=auth).raise_for_status()
            http.get(f"/api/v1/documents/{doc['id']}/content", headers=auth).raise_for_status()
            http.patch(f"/api/v1/documents/{doc['id']}", headers=auth, json={"title": f"Renamed {marker}"}).raise_for_status()
    return auth, listed


def test_no_plaintext_anywhere_the_process_writes(tmp_path: Path) -> None:
    marker = new_marker()
    started = time.time() - 1
    with live_server(tmp_path) as server:
        auth, listed = use_the_vault(server, marker)
        with server.client() as http:
            details = [http.get(f"/api/v1/documents/{d['id']}", headers=auth).json() for d in listed]
        ocr_read = [d for d in details if marker in str(d.get("text", ""))]
        assert len(ocr_read) >= 2, "positive control: the tagger must have read the marker from the image and the PDF"
        assert all(d["title"] == f"Renamed {marker}" for d in details)
    needles = [marker.encode(), marker.lower().encode(), marker.encode("utf-16-le")]
    leaks = places_holding(needles, files_under(server.data_dir, server.tmp, server.log.parent))
    leaks += places_holding(needles, files_under(Path("/tmp"), Path("/var/tmp"), Path("/dev/shm"), since=started))
    assert leaks == []


def test_database_blobs_and_server_key_open_nothing_without_a_user_secret(tmp_path: Path) -> None:
    marker = new_marker()
    with live_server(tmp_path) as server:
        use_the_vault(server, marker)
    server_key = parse_server_key((server.data_dir / "server.key").read_text())
    engine = create_engine(f"sqlite:///{server.data_dir / 'vault.db'}")
    with engine.connect() as conn:
        account = conn.execute(select(accounts)).one()
        wrapped_sessions = conn.execute(select(sessions.c.id, sessions.c.wrapped_keyring)).all()
        slots = conn.execute(select(key_slots, documents.c.sealed_metadata).join(documents)).all()
    assert slots and wrapped_sessions
    guesses = [derive_kek(bytes(32), server_key, account.id), derive_key(server_key, "vault/v1/session"), server_key]
    for wrapped, purpose in [(account.keyring_kek, "kek"), (account.keyring_recovery, "recovery")]:
        for guess in guesses:
            with pytest.raises(DecryptionError):
                unwrap_keyring(wrapped, guess, account.id, purpose)
    for session_id, wrapped in wrapped_sessions:
        for guess in guesses:
            with pytest.raises(DecryptionError):
                unwrap_keyring(wrapped, guess, account.id, "session", session_id)
    stranger = Keyring.generate()
    for slot in slots:
        with pytest.raises(DecryptionError):
            open_document_key(slot.sealed_key, stranger, slot.document_id, slot.principal_id)
    raw = sqlite3.connect(server.data_dir / "vault.db").execute("PRAGMA integrity_check").fetchone()
    assert raw == ("ok",)
