"""Search benchmark: a person with 500 documents searches their vault.

    .venv/bin/python -m bench.search [--documents 500] [--runs 20]

Adds the documents through the real service (small files, realistic metadata:
titles, fields, OCR text of a page), then times `GET /api/v1/documents?q=…` on a
running server: every request opens 500 key slots (HPKE), decrypts 500 metadata
boxes and filters in memory. Baseline printed beside it: the same request with
no query (listing only), and the raw cost of opening the slots and metadata in
one process. Target: under 100 ms for 500 documents.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import httpx

from keys import open_document_key, open_metadata
from tests.live import live_server
from vault.bootstrap import build_runtime, close_runtime
from vault.db.schema import documents, key_slots
from vault.documents import service
from vault.sessions import unlock
from vault.settings import Settings

PASSPHRASE = "a passphrase for measuring"


def fill(data_dir: Path, token: str, count: int) -> None:
    rt = build_runtime(Settings(data_dir=data_dir, cookie_secure=False), with_tagger=False)
    try:
        who = unlock(rt, token)
        for number in range(count):
            category = ("payslip", "residence_permit", "cv", "asylum_decision", "other")[number % 5]
            doc = service.add(rt, who, service.Upload(f"doc-{number}.pdf", "application/pdf", f"Document {number}", category), iter([b"%PDF-1.4 " * 50]))
            fields = {"pay_period": f"20{20 + number % 6}-{1 + number % 12:02d}", "employer": f"Employeur {number}"}
            service.update(rt, who, doc.id, service.Change(fields=fields, tags=["bench", f"t{number % 7}"]))
        with rt.engine.begin() as conn:
            rows = conn.execute(documents.select().join(key_slots)).all()
        assert len(rows) == count
    finally:
        close_runtime(rt)


def timings(http: httpx.Client, auth: dict[str, str], params: dict[str, str], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        response = http.get("/api/v1/documents", params=params, headers=auth)
        out.append((time.perf_counter() - start) * 1000)
        response.raise_for_status()
    return out


def raw_open_ms(data_dir: Path, token: str) -> float:
    rt = build_runtime(Settings(data_dir=data_dir, cookie_secure=False), with_tagger=False)
    try:
        who = unlock(rt, token)
        with rt.engine.begin() as conn:
            rows = conn.execute(documents.select().add_columns(key_slots.c.sealed_key).join(key_slots)).all()
        start = time.perf_counter()
        for row in rows:
            open_metadata(open_document_key(row.sealed_key, who.keyring, row.id, who.account_id), row.id, row.sealed_metadata)
        return (time.perf_counter() - start) * 1000
    finally:
        close_runtime(rt)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, live_server(Path(tmp)) as server, server.client() as http:
        http.post("/api/v1/accounts", json={"handle": "searcher", "passphrase": PASSPHRASE}).raise_for_status()
        token = http.post("/api/v1/sessions", json={"handle": "searcher", "passphrase": PASSPHRASE}).json()["token"]
        auth = {"Authorization": f"Bearer {token}"}
        fill(server.data_dir, token, args.documents)
        listing = timings(http, auth, {}, args.runs)
        found = timings(http, auth, {"q": "employeur 42", "year": "2022"}, args.runs)
        raw = raw_open_ms(server.data_dir, token)
    print(f"{args.documents} documents, {args.runs} requests each (ms: median / p95)")
    for label, values in (("GET /api/v1/documents (list all)", listing), ("GET /api/v1/documents?q=…&year=… (search)", found)):
        print(f"  {label:44} {statistics.median(values):7.1f} / {sorted(values)[int(0.95 * len(values)) - 1]:7.1f}")
    print(f"  {'open slots + metadata, in process':44} {raw:7.1f}")
    print(f"  ratio search / raw decryption: {statistics.median(found) / raw:.2f}")


if __name__ == "__main__":
    main()
