"""Request and response bodies of the JSON API (they make the OpenAPI document)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Category = Literal["residence_permit", "asylum_decision", "payslip", "cv", "other"]
Language = Literal["fr", "en", "ar"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AccountIn(Strict):
    handle: str = Field(min_length=1, max_length=64)
    passphrase: str = Field(min_length=1, max_length=1024)
    display_name: str = Field(default="", max_length=100)
    language: Language | None = None


class AccountOut(BaseModel):
    id: str
    handle: str
    recovery_code: str = Field(description="Shown once; print or write it down")


class Me(BaseModel):
    id: str
    handle: str
    kind: str
    language: str
    csrf_token: str = Field(description="Send as X-CSRF-Token with cookie-authenticated changes")


class SessionIn(Strict):
    handle: str = Field(min_length=1, max_length=64)
    passphrase: str = Field(min_length=1, max_length=4096)


class SessionOut(BaseModel):
    token: str
    expires_at: datetime


class PassphraseChange(Strict):
    current_passphrase: str = Field(min_length=1, max_length=1024)
    new_passphrase: str = Field(min_length=1, max_length=1024)


class RecoveryIn(Strict):
    handle: str = Field(min_length=1, max_length=64)
    recovery_code: str = Field(min_length=1, max_length=128)
    new_passphrase: str = Field(min_length=1, max_length=1024)


class DocumentOut(BaseModel):
    id: str
    title: str
    filename: str
    mime: str
    size: int
    sha256: str
    category: Category
    category_source: Literal["none", "user", "tagger"]
    tag_state: Literal["untagged", "tagging", "tagged", "failed"]
    tag_error: str | None
    tags: list[str]
    fields: dict[str, str]
    added_by: str | None
    created_at: datetime
    updated_at: datetime


class DocumentDetail(DocumentOut):
    text: str = Field(description="What the tagger read, so the person can check and correct it")


class DocumentPatch(Strict):
    title: str | None = Field(default=None, min_length=1, max_length=200)
    category: Category | None = None
    fields: dict[str, str] | None = Field(default=None, max_length=20, description="Corrected fields, e.g. {\"expires_on\": \"2027-03-31\"}; replaces the tagger's")
    tags: list[str] | None = Field(default=None, max_length=30)


class Problem(BaseModel):
    error: str
    detail: str
