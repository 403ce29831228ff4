"""Rows of trustee setups, sealed shares, claims and approvals."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, delete, select, update

from vault.db.schema import accounts, claim_approvals, recovery_claims, trustee_setups, trustees
from vault.trustees.model import OPEN


def setup(conn: Connection, account_id: str) -> Row[Any] | None:
    return conn.execute(select(trustee_setups).where(trustee_setups.c.account_id == account_id)).first()


def replace_setup(conn: Connection, account_id: str, threshold: int, wrapped: bytes, shares: dict[str, bytes], now: datetime) -> None:
    remove_setup(conn, account_id)
    conn.execute(trustee_setups.insert().values(account_id=account_id, threshold=threshold, wrapped_keyring=wrapped, created_at=now))
    conn.execute(trustees.insert(), [{"account_id": account_id, "trustee_id": t, "sealed_share": s} for t, s in shares.items()])


def remove_setup(conn: Connection, account_id: str) -> None:
    conn.execute(delete(trustees).where(trustees.c.account_id == account_id))
    conn.execute(delete(trustee_setups).where(trustee_setups.c.account_id == account_id))


def trustee_ids(conn: Connection, account_id: str) -> list[str]:
    return list(conn.execute(select(trustees.c.trustee_id).where(trustees.c.account_id == account_id)).scalars())


def sealed_share(conn: Connection, account_id: str, trustee_id: str) -> bytes | None:
    query = select(trustees.c.sealed_share).where(trustees.c.account_id == account_id, trustees.c.trustee_id == trustee_id)
    share: bytes | None = conn.execute(query).scalar()
    return share


def trusting(conn: Connection, trustee_id: str) -> list[Row[Any]]:
    """The people who chose this trustee: id and handle."""
    query = select(accounts.c.id, accounts.c.handle).join(trustees, trustees.c.account_id == accounts.c.id).where(trustees.c.trustee_id == trustee_id)
    return list(conn.execute(query.order_by(accounts.c.handle)))


def insert_claim(conn: Connection, **values: Any) -> None:
    conn.execute(recovery_claims.insert().values(**values))


def claim(conn: Connection, claim_id: str) -> Row[Any] | None:
    return conn.execute(_claims().where(recovery_claims.c.id == claim_id)).first()


def open_claim(conn: Connection, account_id: str) -> Row[Any] | None:
    query = _claims().where(recovery_claims.c.account_id == account_id, recovery_claims.c.status.in_(OPEN))
    return conn.execute(query.order_by(recovery_claims.c.created_at.desc())).first()


def open_claims_of(conn: Connection, account_ids: list[str]) -> list[Row[Any]]:
    if not account_ids:
        return []
    query = _claims().where(recovery_claims.c.account_id.in_(account_ids), recovery_claims.c.status.in_(OPEN))
    return list(conn.execute(query.order_by(recovery_claims.c.created_at)))


def set_claim(conn: Connection, claim_id: str, expected: tuple[str, ...], **values: Any) -> bool:
    result = conn.execute(update(recovery_claims).where(recovery_claims.c.id == claim_id, recovery_claims.c.status.in_(expected)).values(**values))
    return result.rowcount == 1


def approvals(conn: Connection, claim_id: str) -> list[Row[Any]]:
    return list(conn.execute(select(claim_approvals).where(claim_approvals.c.claim_id == claim_id).order_by(claim_approvals.c.approved_at)))


def add_approval(conn: Connection, claim_id: str, trustee_id: str, sealed: bytes, now: datetime) -> None:
    conn.execute(claim_approvals.insert().values(claim_id=claim_id, trustee_id=trustee_id, sealed_share=sealed, approved_at=now))


def shred_claim(conn: Connection, claim_id: str) -> None:
    """Delete what a claim holds of the secret: the re-sealed shares and its wrapped keyring."""
    conn.execute(delete(claim_approvals).where(claim_approvals.c.claim_id == claim_id))
    conn.execute(update(recovery_claims).where(recovery_claims.c.id == claim_id).values(wrapped_keyring=b""))


def _claims() -> Any:
    return select(recovery_claims, accounts.c.handle.label("person_handle")).join(accounts, accounts.c.id == recovery_claims.c.account_id)
