"""The metadata database: schema, engine, migrations."""

from vault.db.engine import connect, migrate
from vault.db import schema

__all__ = ["connect", "migrate", "schema"]
