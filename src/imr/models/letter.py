"""A published Final Determination Letter as data (design.md, "Published letter")."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from imr.models.common import Contract, Decision, Worker


class ReviewerCredentials(Contract):
    """What a letter says about its (anonymous) reviewer."""

    specialties: list[str] = Field(default_factory=list)
    licensure: list[str] = Field(default_factory=list)
    board_certified: bool | None = None
    subspecialties: list[str] = Field(default_factory=list)


class Citation(Contract):
    """One guideline citation, as split from a letter's guideline line."""

    source: str
    guideline: str | None = None
    topic: str | None = None
    pages: str | None = None


class PublishedItem(Contract):
    """One disputed item of a published letter."""

    request: str
    decision: Decision
    claims_administrator_guideline: str | None = None
    claims_administrator_cited_evidence: bool = False
    reviewer_guideline: str | None = None
    citations: list[Citation] = Field(default_factory=list)
    non_mtus: bool = False
    rationale: str = ""


class PublishedLetter(Contract):
    """A parsed published letter."""

    source: str
    case_id: str | None = None
    reviewer: ReviewerCredentials = Field(default_factory=ReviewerCredentials)
    worker: Worker = Field(default_factory=Worker)
    date_of_injury: dt.date | None = None
    ur_date: dt.date | None = None
    clinical_summary: str = ""
    items: list[PublishedItem] = Field(default_factory=list)
