"""Caseworker mandates: a person's consented, scoped, time-limited and revocable grant of
access to one caseworker (DESIGN, "Caseworker mandates").

The key slots follow the mandate: on approval the person's session seals the in-scope
document keys to the caseworker's public key; documents that enter the scope later are
sealed to them as they arrive; a narrower scope, a revocation, an end or an expiry
deletes their slots at once.
"""

from vault.mandates.model import DEFAULT_DAYS, MAX_DAYS, MIN_DAYS, PERMISSIONS, Mandate, Scope, check_scope

__all__ = ["DEFAULT_DAYS", "MAX_DAYS", "MIN_DAYS", "PERMISSIONS", "Mandate", "Scope", "check_scope"]
