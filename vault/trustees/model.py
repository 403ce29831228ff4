"""A person's trusted people, and a claim to recover an account through them.

A claim is `collecting` approvals, then `waiting` (k approvals reached; the waiting period
runs until `ready_at`), then `completed` with the one-time code, or `cancelled`. A claim
that was not completed in time is `lapsed`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from vault.organisations import Caseworker

MAX_TRUSTEES = 5
CLAIM_DAYS = timedelta(days=7)
OPEN = ("collecting", "waiting")


@dataclass(frozen=True)
class TrusteeSetup:
    """The person's choice; `lapsed` are the chosen trustees whose mandate is over (they can
    neither start nor approve a recovery any more), so fewer than `threshold` may be left."""

    threshold: int
    trustees: list[Caseworker]
    created_at: datetime
    lapsed: frozenset[str] = frozenset()

    @property
    def reachable(self) -> bool:
        """Whether enough trustees with an active mandate are left to recover the account."""
        return len(self.trustees) - len(self.lapsed) >= self.threshold


@dataclass(frozen=True)
class Claim:
    id: str
    person_id: str
    person_handle: str
    status: str
    started_by: str
    threshold: int
    approved_by: list[str]
    created_at: datetime
    expires_at: datetime
    ready_at: datetime | None

    def approved(self, trustee_id: str) -> bool:
        return trustee_id in self.approved_by


@dataclass(frozen=True)
class NewClaim:
    """A claim, its one-time code and its check, shown once to the trustee who starts it: the code
    is handed over in person; the check goes with it, for the person to read to the other
    trustees, who must type it to approve."""

    claim: Claim
    code: str
    check: str
