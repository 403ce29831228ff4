"""The one configuration object, read from `VAULT_*` environment variables.

Built once by `create_app()` or the CLI and passed down; nothing reads the
environment anywhere else.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PLACEHOLDER_SECRETS = {"", "change-me", "changeme", "secret", "placeholder"}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="VAULT_", extra="ignore")

    env: Literal["development", "production"] = "development"
    data_dir: Path = Path("vault-data")
    database_url: str = ""
    server_key: SecretStr | None = None
    public_url: str = ""

    storage: Literal["local", "s3"] = "local"
    s3_endpoint: str = ""
    s3_bucket: str = "vault"
    s3_access_key: SecretStr = SecretStr("")
    s3_secret_key: SecretStr = SecretStr("")
    s3_region: str = "us-east-1"
    s3_part_size: int = Field(default=8 * 1024 * 1024, ge=5 * 1024 * 1024)
    s3_parts_in_flight: int = Field(default=2, ge=1, le=16)

    housekeeping_minutes: float = Field(default=15, ge=0)

    session_idle_minutes: int = Field(default=30, ge=1)
    session_absolute_hours: int = Field(default=12, ge=1)
    cookie_secure: bool = True

    argon2_memory_kib: int = Field(default=65536, ge=8192)
    argon2_iterations: int = Field(default=3, ge=1)
    argon2_lanes: int = Field(default=4, ge=1)
    login_concurrency: int = Field(default=4, ge=1)
    login_attempts_per_15min: int = Field(default=10, ge=1)
    passphrase_min_length: int = Field(default=10, ge=8)

    max_upload_bytes: int = Field(default=256 * 1024 * 1024, ge=1)
    max_json_bytes: int = Field(default=64 * 1024, ge=1024)
    orphan_grace_minutes: int = Field(default=60, ge=0)

    ocr_langs: str = "fra+eng"
    ocr_workers: int = Field(default=2, ge=1)
    ocr_max_bytes: int = Field(default=25 * 1024 * 1024, ge=1)
    ocr_max_pdf_pages: int = Field(default=10, ge=1)
    ocr_timeout_seconds: int = Field(default=60, ge=1)

    default_language: Literal["fr", "en", "ar"] = "fr"

    invitation_hours: int = Field(default=72, ge=1, le=24 * 30)
    recovery_wait_hours: int = Field(default=48, ge=1, description="Waiting period after the trusted people approve a recovery")

    @model_validator(mode="after")
    def _production_needs_real_secrets(self) -> Settings:
        if self.env == "production":
            if self.server_key is not None and self.server_key.get_secret_value().strip().lower() in PLACEHOLDER_SECRETS:
                raise ValueError("VAULT_SERVER_KEY is a placeholder; generate one with `vault admin new-server-key`")
            if self.storage == "s3" and self.s3_secret_key.get_secret_value() in PLACEHOLDER_SECRETS:
                raise ValueError("VAULT_S3_SECRET_KEY is missing or a placeholder")
        return self

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'vault.db'}"
