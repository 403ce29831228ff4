"""Build a Runtime from Settings: database (migrated), blob store, server key, tagger."""

from __future__ import annotations

import logging

from vault.blobs import open_blob_store
from vault.db import connect, migrate
from vault.documents.tagging import Tagger
from vault.runtime import Runtime
from vault.server_key import load_server_key
from vault.settings import Settings
from vault.tagging import options_from_settings

log = logging.getLogger("vault")


def build_runtime(settings: Settings, with_tagger: bool = True) -> Runtime:
    settings.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    engine = connect(settings.resolved_database_url)
    migrate(engine)
    server_key, created = load_server_key(settings)
    if created is not None:
        log.warning("created a new server key in %s: back it up with the database", created)
    rt = Runtime(settings=settings, engine=engine, blobs=open_blob_store(settings), server_key=server_key)
    if with_tagger:
        rt.tagger = _tagger(rt)
    return rt


def _tagger(rt: Runtime) -> Tagger:
    return Tagger(rt.engine, options_from_settings(rt.settings), workers=rt.settings.ocr_workers)


def close_runtime(rt: Runtime) -> None:
    if rt.tagger is not None:
        rt.tagger.close()
    rt.engine.dispose()
