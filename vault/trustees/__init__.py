"""Recovery through trusted people (DESIGN, "Recovery"): the person picks n caseworkers
with an active mandate and a threshold k; a recovery secret is split k-of-n (Shamir) and
each share sealed to one of them. A recovery needs k approvals, then a waiting period the
person can cancel from any logged-in device, then a one-time code handed over in person.
No operator, and no fewer than k of them, can open the keyring.
"""

from vault.trustees.model import Claim, NewClaim, TrusteeSetup

__all__ = ["Claim", "NewClaim", "TrusteeSetup"]
