"""What a Final Determination Letter is rendered from: the determination plus the case details."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, model_validator

from imr.models import Decision, Determination, Evidence, GuidelineRef, Party, ReviewerCredentials, Worker
from imr.models.common import Contract

DEFAULT_ORGANISATION = "Independent Medical Review Organization"


class DocumentReviewed(Contract):
    """One document of the case file, as listed in the letter."""

    id: str
    kind: str = "other"
    date: dt.date | None = None
    title: str | None = None


class ItemOverride(Contract):
    """The physician reviewer's own decision on one item, replacing the engine's draft.

    `item` is the 0-based position of the item in the determination. `rationale` and `guideline`
    replace the engine's when given (the engine's rationale argues for the engine's decision).
    """

    item: int = Field(ge=0)
    decision: Decision
    reason: str = Field(
        min_length=1
    )  # why the physician decided otherwise: the worksheet's, not the letter's
    rationale: str | None = None  # the published rationale; never the reason
    guideline: GuidelineRef | None = None


class SignatureBlock(Contract):
    """Whether the physician reviewer has signed, and what they changed."""

    signed: bool = False
    signed_at: dt.datetime | None = None
    reviewer_id: str | None = None
    overrides: list[ItemOverride] = Field(default_factory=list)

    @model_validator(mode="after")
    def _signed_needs_who_and_when(self) -> SignatureBlock:
        if self.signed and (self.signed_at is None or not self.reviewer_id):
            raise ValueError("a signed letter needs 'signed_at' and 'reviewer_id'")
        items = [o.item for o in self.overrides]
        if len(items) != len(set(items)):
            raise ValueError("at most one override per item")
        return self


class SummarySource(Contract):
    """One sentence of the clinical case summary and the record text it was written from."""

    text: str
    topic: str = ""
    records: list[str] = Field(default_factory=list)  # record ids, or "case file" for its own fields
    evidence: list[Evidence] = Field(default_factory=list)


class LetterContext(Contract):
    """Everything a letter shows.

    `determination` is the engine's draft, unchanged: the physician's decisions are in
    `signature.overrides`, so the worksheet can say what the engine drafted.
    `claims_administrator_guidelines` is aligned with the items: None for an item means the Claims
    Administrator cited no evidence; "" (or an empty list, for every item) means nobody said (a
    draft says so; a signed letter is refused). `rationales` is aligned with the items too: the
    rationale the physician reviewer wrote or edited (None: the draft's, for a confirmed item).
    `letter_date` is the date the letter is issued; a draft shows it as the date it was prepared.
    """

    determination: Determination
    case_id: str | None = None
    case_summary: str = ""
    summary_sources: list[SummarySource] = Field(default_factory=list)
    worker: Worker | None = None
    date_of_injury: dt.date | None = None
    ur_date: dt.date | None = None
    parties: list[Party] = Field(default_factory=list)
    reviewer: ReviewerCredentials | None = None
    documents_reviewed: list[DocumentReviewed] = Field(default_factory=list)
    claims_administrator_guidelines: list[str | None] = Field(default_factory=list)
    rationales: list[str | None] = Field(default_factory=list)
    signature: SignatureBlock = Field(default_factory=SignatureBlock)
    letter_date: dt.date = Field(default_factory=dt.date.today)
    organisation: str = Field(default=DEFAULT_ORGANISATION, min_length=1)

    @model_validator(mode="after")
    def _aligned_with_items(self) -> LetterContext:
        count = len(self.determination.items)
        for name in ("claims_administrator_guidelines", "rationales"):
            given = len(getattr(self, name))
            if given not in (0, count):
                raise ValueError(f"{name} has {given} entries; expected 0 or one per item ({count})")
        for override in self.signature.overrides:
            if override.item >= count:
                raise ValueError(
                    f"signature.overrides names item {override.item}; "
                    f"the determination has items 0..{count - 1}"
                )
        return self

    @property
    def draft(self) -> bool:
        return not self.signature.signed
