"""Read models: what the store hands back about cases, letters and the audit log."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal, get_args

from pydantic import BaseModel, Field

from imr.models import Party

CaseState = Literal["received", "eligible", "ineligible", "assigned", "drafted", "signed", "issued"]
CLOSED_STATES: tuple[CaseState, ...] = ("ineligible", "issued")
OPEN_STATES: tuple[CaseState, ...] = tuple(s for s in get_args(CaseState) if s not in CLOSED_STATES)
DRAFTED_STATES: tuple[CaseState, ...] = ("drafted", "signed", "issued")  # a draft exists


class ItemView(BaseModel):
    """A disputed item with its draft and its sign-off."""

    position: int = Field(description="1-based item number, as in /cases/{id}/items/{n}/sign")
    request: str
    ur_decision: str | None = None
    draft_decision: str | None = None
    needs_review: bool | None = None
    review_reason: str | None = None
    signed: bool = False
    action: Literal["confirm", "override"] | None = None
    decision: str | None = None
    override_reason: str | None = None
    signed_by: str | None = None
    signed_at: dt.datetime | None = None
    rationale: str | None = Field(
        default=None, description="The published rationale as last signed (None: the draft's)"
    )
    claims_administrator_guideline: str | None = Field(
        default=None, description="The guideline UR cited, as last signed (None: read from the UR record)"
    )
    guideline: dict[str, Any] | None = Field(
        default=None, description="The guideline the decision rests on, when the physician gave one"
    )


class RecordView(BaseModel):
    """A record's description; the text or file stays in the store."""

    id: str
    kind: str
    date: dt.date | None = None
    title: str | None = None
    has_file: bool = False
    media_type: str | None = None
    sha256: str | None = None


class DeadlinesView(BaseModel):
    records_due: dt.date | None = None
    decision_due: dt.date | None = None
    status: str | None = None
    detail: dict[str, Any] = Field(default_factory=dict)


class LetterView(BaseModel):
    version: int
    media_type: str
    sha256: str
    size: int
    issued_by: str
    issued_at: dt.datetime
    letter_date: dt.date | None = None
    has_worksheet: bool = False


class CaseView(BaseModel):
    """A case as stored, without record texts."""

    case_id: str
    state: CaseState
    expedited: bool
    revision: int = Field(description="1, then +1 for each correction of an issued letter")
    reviewer_id: str | None = None
    worker_id: str | None = None
    created_by: str
    created_at: dt.datetime
    updated_at: dt.datetime
    parties: list[Party] = Field(default_factory=list)
    records: list[RecordView] = Field(default_factory=list)
    items: list[ItemView] = Field(default_factory=list)
    eligibility: dict[str, Any] | None = None
    deadlines: DeadlinesView | None = None
    letters: list[LetterView] = Field(default_factory=list)


class CaseListEntry(BaseModel):
    case_id: str
    state: CaseState
    expedited: bool
    reviewer_id: str | None = None
    decision_due: dt.date | None = None
    deadline_status: str | None = None
    created_at: dt.datetime


class DraftView(BaseModel):
    version: int
    determination: dict[str, Any]
    trace: dict[str, Any] = Field(default_factory=dict)
    summary: dict[str, Any] | None = Field(
        default=None, description="The clinical case summary written from the facts, sentence by sentence"
    )
    created_by: str
    created_at: dt.datetime


class AuditEntry(BaseModel):
    id: int
    case_id: str | None
    actor: str
    role: str
    action: str
    at: dt.datetime
    details: dict[str, Any] = Field(default_factory=dict)
    subject: str | None = Field(
        default=None, description="Whom a change of access is about: a token's holder, a reviewer"
    )
