"""Deposit links: someone without an account (an employer sending payslips) puts files
into a person's vault, sealed to the person's public key; they land in the inbox."""

from vault.deposits.model import DepositLink, DepositRequest, DepositState, NewDeposit

__all__ = ["DepositLink", "DepositRequest", "DepositState", "NewDeposit"]
