"""What an organisation, an invitation and a caseworker look like to the rest of the domain."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Organisation:
    id: str
    name: str
    created_at: datetime


@dataclass(frozen=True)
class Invitation:
    """A one-time invitation: the path to give (`/join/<id>`) and the code to hand over separately."""

    id: str
    organisation: Organisation
    code: str
    expires_at: datetime

    @property
    def path(self) -> str:
        return f"/join/{self.id}"


@dataclass(frozen=True)
class Caseworker:
    """A caseworker as the people they follow see them: their name, organisation and the
    fingerprint of their public key, short enough to compare aloud."""

    id: str
    handle: str
    name: str
    organisation: str
    fingerprint: str
