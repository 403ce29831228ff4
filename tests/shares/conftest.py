"""The share-link specs run on both databases: SQLite (the embedded default) and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import make_settings
from vault.settings import Settings


@pytest.fixture(params=["sqlite", "postgresql"])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    if request.param == "postgresql":
        return make_settings(tmp_path / "data", database_url=request.getfixturevalue("postgres_url"))
    return make_settings(tmp_path / "data")
