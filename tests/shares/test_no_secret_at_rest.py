"""A whole share flow on a real server (create with a PIN, open, fetch every document,
look at the link page, revoke): the link secret, the link key and the proof derived from
the secret appear in no log line, no database file and no blob."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import PASSPHRASE
from tests.live import live_server
from tests.shares.recipient import open_link, parse, read_all
from tests.shares.secrets_scan import leaks

CV = b"%PDF-1.4 CV Amina " * 400


def test_the_link_secret_is_nowhere_the_server_writes(tmp_path: Path) -> None:
    with live_server(tmp_path) as server, server.client() as http:
        http.post("/api/v1/accounts", json={"handle": "amina", "passphrase": PASSPHRASE}).raise_for_status()
        auth = {"Authorization": "Bearer " + http.post("/api/v1/sessions", json={"handle": "amina", "passphrase": PASSPHRASE}).json()["token"]}
        doc = http.post("/api/v1/documents", content=CV, params={"filename": "cv.pdf"}, headers={**auth, "Content-Type": "application/pdf"}).json()
        made = http.post("/api/v1/shares", json={"document_ids": [doc["id"]], "pin": "5813", "label": "Boulangerie"}, headers=auth).json()
        link = parse(made["url"])
        assert http.get(f"/s/{link.id}").status_code == 200
        assert open_link(http, link, pin="0000").status_code == 403
        opened = open_link(http, link, pin="5813")
        assert [d.content for d in read_all(http, link, opened.json())] == [CV]
        http.get("/api/v1/shares", headers=auth).raise_for_status()
        assert http.delete(f"/api/v1/shares/{link.id}", headers=auth).status_code == 204
    log = server.log.read_text(errors="replace")
    assert f"/s/{link.id}" in log and f"/api/v1/links/{link.id}/open" in log, "positive control: the log holds the requests"
    assert (server.data_dir / "vault.db").exists()
    assert leaks(link, server.data_dir, server.tmp, server.log.parent) == []
    (server.tmp / "control.txt").write_text(made["url"])
    assert leaks(link, server.tmp) != [], "positive control: the scan finds the fragment where it is"
