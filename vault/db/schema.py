"""Tables of the metadata database (SQLAlchemy Core).

Nothing here holds a document, a title, a tag or OCR text in clear: those live
in `documents.sealed_metadata`, encrypted under the document key. Column types
are portable (SQLite and PostgreSQL).
"""

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

ID = String(32)
UTC = DateTime(timezone=True)

accounts = Table(
    "accounts",
    metadata,
    Column("id", ID, primary_key=True),
    Column("handle", String(32), nullable=False, unique=True),
    Column("kind", String(16), nullable=False),
    Column("language", String(8), nullable=False),
    Column("salt", LargeBinary, nullable=False),
    Column("argon2_params", Text, nullable=False),
    Column("verifier", LargeBinary, nullable=False),
    Column("public_key", LargeBinary, nullable=False),
    Column("keyring_kek", LargeBinary, nullable=False),
    Column("keyring_recovery", LargeBinary, nullable=False),
    Column("sealed_profile", LargeBinary, nullable=False),
    Column("created_at", UTC, nullable=False),
    # The journal's head, kept outside the journal so that a shortened chain shows:
    # the seq of the last entry (the number of entries) and that entry's hash (NULL
    # while the journal is empty).
    Column("journal_length", Integer, nullable=False, server_default="0"),
    Column("journal_head", LargeBinary, nullable=True),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id", ID, primary_key=True),
    Column("account_id", ID, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("wrapped_keyring", LargeBinary, nullable=False),
    Column("created_at", UTC, nullable=False),
    Column("last_seen_at", UTC, nullable=False),
    Column("expires_at", UTC, nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", ID, primary_key=True),
    Column("owner_id", ID, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("blob_key", String(64), nullable=False, unique=True),
    Column("size", BigInteger, nullable=False),
    Column("sealed_metadata", LargeBinary, nullable=False),
    Column("tag_state", String(16), nullable=False),
    Column("created_at", UTC, nullable=False),
    Column("updated_at", UTC, nullable=False),
    Column("inbox", Boolean, nullable=False, server_default=false()),
)

key_slots = Table(
    "key_slots",
    metadata,
    Column("document_id", ID, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("principal_id", ID, primary_key=True),
    Column("sealed_key", LargeBinary, nullable=False),
    Index("ix_key_slots_principal_id", "principal_id"),
)

journal = Table(
    "journal",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("account_id", ID, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("at", UTC, nullable=False),
    Column("actor_id", ID, nullable=False),
    Column("action", String(32), nullable=False),
    Column("document_id", ID, nullable=True),
    Column("prev_hash", LargeBinary, nullable=False),
    Column("entry_hash", LargeBinary, nullable=False),
    UniqueConstraint("account_id", "seq", name="uq_journal_account_seq"),
)

attempts = Table(
    "attempts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("bucket", String(64), nullable=False),
    Column("at", UTC, nullable=False),
    Index("ix_attempts_bucket_at", "bucket", "at"),
)

# Share links (vault/shares). The link secret lives only in the URL fragment: a row
# holds SHA-256 of a proof derived from it, and each document's link slot (the DEK
# sealed under HKDF(secret)). The label is sealed under the owner's index key.
shares = Table(
    "shares",
    metadata,
    Column("id", ID, primary_key=True),
    Column("owner_id", ID, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("language", String(8), nullable=False),
    Column("sealed_label", LargeBinary, nullable=True),
    Column("proof_hash", LargeBinary, nullable=False),
    Column("pin_salt", LargeBinary, nullable=True),
    Column("pin_hash", LargeBinary, nullable=True),
    Column("pin_failures", Integer, nullable=False, server_default="0"),
    Column("max_opens", Integer, nullable=True),
    Column("opens", Integer, nullable=False, server_default="0"),
    Column("created_at", UTC, nullable=False),
    Column("expires_at", UTC, nullable=False, index=True),
    Column("revoked_at", UTC, nullable=True),
    Column("last_opened_at", UTC, nullable=True),
)

share_documents = Table(
    "share_documents",
    metadata,
    Column("share_id", ID, ForeignKey("shares.id", ondelete="CASCADE"), primary_key=True),
    Column("document_id", ID, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("link_slot", LargeBinary, nullable=True),
    Index("ix_share_documents_document_id", "document_id"),
)

share_opens = Table(
    "share_opens",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("share_id", ID, ForeignKey("shares.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("at", UTC, nullable=False),
    Column("access_hash", LargeBinary, nullable=False, unique=True),
    Column("access_until", UTC, nullable=False),
)

# Deposit links (vault/deposits): anyone holding the link may upload a few files,
# sealed at once to the owner's public key; they land in the owner's inbox.
deposits = Table(
    "deposits",
    metadata,
    Column("id", ID, primary_key=True),
    Column("owner_id", ID, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("language", String(8), nullable=False),
    Column("sealed_label", LargeBinary, nullable=True),
    Column("token_hash", LargeBinary, nullable=False),
    Column("max_uploads", Integer, nullable=False),
    Column("uploads", Integer, nullable=False, server_default="0"),
    Column("created_at", UTC, nullable=False),
    Column("expires_at", UTC, nullable=False, index=True),
    Column("revoked_at", UTC, nullable=True),
    Column("last_upload_at", UTC, nullable=True),
)

# Organisations and caseworkers. A caseworker's name and organisation are shown to the
# people they follow, so they are stored in clear; a person's name never is.
organisations = Table(
    "organisations",
    metadata,
    Column("id", ID, primary_key=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("created_at", UTC, nullable=False),
)

invitations = Table(
    "invitations",
    metadata,
    Column("id", ID, primary_key=True),
    Column("organisation_id", ID, ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("code_hash", LargeBinary, nullable=False),
    Column("created_at", UTC, nullable=False),
    Column("expires_at", UTC, nullable=False),
    Column("used_at", UTC, nullable=True),
)

caseworkers = Table(
    "caseworkers",
    metadata,
    Column("account_id", ID, ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True),
    Column("organisation_id", ID, ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("name", String(100), nullable=False),
    Column("joined_at", UTC, nullable=False),
)

# Mandates: a person's consent to one caseworker. The granted scope (categories,
# permissions, documents in `mandate_documents`) is what the key slots follow; `asked_*`
# hold a pending request (a first one, or more scope) until the person answers.
mandates = Table(
    "mandates",
    metadata,
    Column("id", ID, primary_key=True),
    Column("person_id", ID, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("caseworker_id", ID, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("status", String(16), nullable=False),
    Column("started_by", String(16), nullable=False),
    Column("categories", String(200), nullable=False, server_default=""),
    Column("permissions", String(32), nullable=False, server_default=""),
    Column("days", Integer, nullable=False),
    Column("asked_categories", String(200), nullable=True),
    Column("asked_permissions", String(32), nullable=True),
    Column("asked_days", Integer, nullable=True),
    Column("asked_at", UTC, nullable=True),
    Column("created_at", UTC, nullable=False),
    Column("approved_at", UTC, nullable=True),
    Column("expires_at", UTC, nullable=True, index=True),
    Column("ended_at", UTC, nullable=True),
)

mandate_documents = Table(
    "mandate_documents",
    metadata,
    Column("mandate_id", ID, ForeignKey("mandates.id", ondelete="CASCADE"), primary_key=True),
    Column("document_id", ID, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_mandate_documents_document_id", "document_id"),
)

# Recovery through trusted people: the keyring wrapped under a key derived from a
# recovery secret whose Shamir shares are sealed to the trustees' public keys.
trustee_setups = Table(
    "trustee_setups",
    metadata,
    Column("account_id", ID, ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True),
    Column("threshold", Integer, nullable=False),
    Column("wrapped_keyring", LargeBinary, nullable=False),
    Column("created_at", UTC, nullable=False),
)

trustees = Table(
    "trustees",
    metadata,
    Column("account_id", ID, ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True),
    Column("trustee_id", ID, ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True),
    Column("sealed_share", LargeBinary, nullable=False),
    Index("ix_trustees_trustee_id", "trustee_id"),
)

# A recovery claim: an ephemeral keyring wrapped under the one-time code; approving
# trustees re-seal their share to its public key.
recovery_claims = Table(
    "recovery_claims",
    metadata,
    Column("id", ID, primary_key=True),
    Column("account_id", ID, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("started_by", ID, nullable=False),
    Column("status", String(16), nullable=False),
    Column("public_key", LargeBinary, nullable=False),
    Column("wrapped_keyring", LargeBinary, nullable=False),
    Column("created_at", UTC, nullable=False),
    Column("ready_at", UTC, nullable=True),
    Column("expires_at", UTC, nullable=False),
    Column("ended_at", UTC, nullable=True),
)

claim_approvals = Table(
    "claim_approvals",
    metadata,
    Column("claim_id", ID, ForeignKey("recovery_claims.id", ondelete="CASCADE"), primary_key=True),
    Column("trustee_id", ID, primary_key=True),
    Column("sealed_share", LargeBinary, nullable=False),
    Column("approved_at", UTC, nullable=False),
)
