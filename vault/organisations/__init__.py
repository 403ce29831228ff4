"""Organisations and their caseworkers: an operator creates an organisation and invites
caseworkers into it; nobody can make themselves a caseworker (DESIGN, "Caseworker mandates")."""

from vault.organisations.model import Caseworker, Invitation, Organisation

__all__ = ["Caseworker", "Invitation", "Organisation"]
