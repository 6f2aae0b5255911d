"""The database tables (SQLAlchemy 2 declarative). Migrations in `imr.store.migrations` create them."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[dt.datetime]):
    """A timestamp stored as UTC and always read back timezone-aware (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: timestamps must carry a timezone")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dict[str, Any]: JSON,
        list[Any]: JSON,
        dt.datetime: UtcDateTime,
    }


class CaseRow(Base):
    """One IMR case. `version` grows on every state change (optimistic locking)."""

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[str] = mapped_column(String(64), unique=True)
    idempotency_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    content_sha256: Mapped[str] = mapped_column(String(64))
    state: Mapped[str] = mapped_column(String(20), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    expedited: Mapped[bool] = mapped_column(Boolean, default=False)
    worker_id: Mapped[str | None] = mapped_column(String(200), index=True)
    case_json: Mapped[dict[str, Any]]
    application_json: Mapped[dict[str, Any] | None]
    eligibility_json: Mapped[dict[str, Any] | None]
    reviewer_id: Mapped[str | None] = mapped_column(String(100), index=True)
    decision_due: Mapped[dt.date | None] = mapped_column(Date, index=True)
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]
    case_summary: Mapped[str | None] = mapped_column(Text)  # the reviewer's own; None: the written one


class PartyRow(Base):
    """A party of a case; `name_key` (lower-case name) decides what a party token may read."""

    __tablename__ = "parties"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_pk: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(300))
    name_key: Mapped[str] = mapped_column(String(300), index=True)


class RecordRow(Base):
    """A medical record of a case: inline text, or an uploaded original file kept byte for byte."""

    __tablename__ = "records"
    __table_args__ = (UniqueConstraint("case_pk", "record_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_pk: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    record_id: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(100))
    date: Mapped[dt.date | None] = mapped_column(Date)
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text)
    path: Mapped[str | None] = mapped_column(Text)
    media_type: Mapped[str | None] = mapped_column(String(100))
    content: Mapped[bytes | None] = mapped_column(LargeBinary)
    sha256: Mapped[str | None] = mapped_column(String(64))


class ItemRow(Base):
    """A disputed item with its current draft and sign-off. Signing is `UPDATE … WHERE signed_at IS NULL`."""

    __tablename__ = "items"
    __table_args__ = (UniqueConstraint("case_pk", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_pk: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    request: Mapped[str] = mapped_column(Text)
    ur_decision: Mapped[str | None] = mapped_column(String(100))
    draft_decision: Mapped[str | None] = mapped_column(String(20))
    needs_review: Mapped[bool | None] = mapped_column(Boolean)
    review_reason: Mapped[str | None] = mapped_column(Text)
    signed_action: Mapped[str | None] = mapped_column(String(20))
    signed_decision: Mapped[str | None] = mapped_column(String(20))
    override_reason: Mapped[str | None] = mapped_column(Text)
    signed_by: Mapped[str | None] = mapped_column(String(200))
    signed_at: Mapped[dt.datetime | None]
    version: Mapped[int] = mapped_column(Integer, default=1)
    # What the letter says of the item, as signed: None means the draft's (rationale), the UR
    # record's (claims administrator), the engine's (guideline).
    rationale: Mapped[str | None] = mapped_column(Text)
    claims_administrator_guideline: Mapped[str | None] = mapped_column(Text)
    guideline: Mapped[dict[str, Any] | None]


class DraftRow(Base):
    """A draft determination with its trace, as the engine produced it; never changed."""

    __tablename__ = "drafts"
    __table_args__ = (UniqueConstraint("case_pk", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_pk: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    determination: Mapped[dict[str, Any]]
    trace: Mapped[dict[str, Any]]
    engine_version: Mapped[str] = mapped_column(String(100))
    knowledge_base_version: Mapped[str] = mapped_column(String(100))
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime]
    summary: Mapped[dict[str, Any] | None]  # the clinical case summary written from the facts


class SignatureRow(Base):
    """The history of sign-offs: every signature of every item (a correction starts a new revision;
    an item reopened before issue is signed again in the same one)."""

    __tablename__ = "signatures"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_pk: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    item_position: Mapped[int] = mapped_column(Integer)
    revision: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(20))
    decision: Mapped[str] = mapped_column(String(20))
    draft_decision: Mapped[str | None] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(Text)
    reviewer_id: Mapped[str] = mapped_column(String(200))
    signed_at: Mapped[dt.datetime]
    rationale: Mapped[str | None] = mapped_column(Text)
    claims_administrator_guideline: Mapped[str | None] = mapped_column(Text)
    guideline: Mapped[dict[str, Any] | None]


class ReviewerRow(Base):
    """A physician reviewer's profile (the `imr.models.Reviewer` contract as JSON)."""

    __tablename__ = "reviewers"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    profile: Mapped[dict[str, Any]]
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]


class AssignmentRow(Base):
    """A reviewer assigned to a case, with the explanation of the choice."""

    __tablename__ = "assignments"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_pk: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    reviewer_id: Mapped[str] = mapped_column(ForeignKey("reviewers.id"), index=True)
    result: Mapped[dict[str, Any]]
    assigned_by: Mapped[str] = mapped_column(String(200))
    assigned_at: Mapped[dt.datetime]


class DeadlineRow(Base):
    """The statutory deadlines of a case as last computed."""

    __tablename__ = "deadlines"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_pk: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), unique=True)
    records_due: Mapped[dt.date | None] = mapped_column(Date)
    decision_due: Mapped[dt.date | None] = mapped_column(Date)
    detail: Mapped[dict[str, Any]]
    computed_at: Mapped[dt.datetime]


class LetterRow(Base):
    """An issued letter (PDF). Never updated: a correction is a new version."""

    __tablename__ = "letters"
    __table_args__ = (UniqueConstraint("case_pk", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_pk: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(100))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    determination: Mapped[dict[str, Any]]
    issued_by: Mapped[str] = mapped_column(String(200))
    issued_at: Mapped[dt.datetime]
    letter_date: Mapped[dt.date | None] = mapped_column(Date)
    worksheet: Mapped[bytes | None] = mapped_column(LargeBinary)  # never sent with the letter


class AuditRow(Base):
    """The append-only audit log: there is no code path that updates or deletes a row."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[str | None] = mapped_column(String(64), index=True)
    actor: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    action: Mapped[str] = mapped_column(String(50), index=True)
    at: Mapped[dt.datetime]
    details: Mapped[dict[str, Any]]
    # Whom a change of access is about (a token's holder, a reviewer), for reading those changes.
    subject: Mapped[str | None] = mapped_column(String(200), index=True)


class ApiTokenRow(Base):
    """An API token, stored as its SHA-256 only (tokens are random, so no salt or slow hash is needed)."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    principal: Mapped[str] = mapped_column(String(200), index=True)
    party_name: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[dt.datetime]
    revoked_at: Mapped[dt.datetime | None]
    kind: Mapped[str] = mapped_column(String(20), default="api", server_default="api")  # api | session
    created_by: Mapped[str | None] = mapped_column(String(200))


class SigningPassphraseRow(Base):
    """A reviewer's signing passphrase, as a salted scrypt hash: set by the reviewer, never readable,
    and an admin can only remove it (so that the reviewer sets a new one)."""

    __tablename__ = "signing_passphrases"

    reviewer_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    passphrase_hash: Mapped[str] = mapped_column(String(300))
    set_at: Mapped[dt.datetime]
    set_with_token: Mapped[int | None] = mapped_column(Integer)  # api_tokens.id of the setter
