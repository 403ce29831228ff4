"""What every service needs, built once by the app factory or the CLI."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from storage import BlobStore
from vault.clock import utcnow
from vault.settings import Settings

if TYPE_CHECKING:
    from vault.documents.tagging import Tagger


@dataclass
class Runtime:
    settings: Settings
    engine: Engine
    blobs: BlobStore
    server_key: bytes = field(repr=False)
    clock: Callable[[], datetime] = utcnow
    tagger: Tagger | None = None
