"""The draft determination: output of `imr decide --format json` (design.md, "Determination")."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field

from imr.models.common import Contract, Decision, Evidence
from imr.models.facts import SearchScope

CriterionOutcome = Literal["met", "not_met", "insufficient", "not_applicable"]


class GuidelineRef(Contract):
    """The guideline an item was decided under, as it will be cited in the letter."""

    source: str
    title: str
    section: str | None = None
    pages: str | None = None
    edition: str | None = None
    non_mtus: bool = False
    topic_id: str | None = None
    regulation: str | None = None
    url: str | None = None


class CriterionResult(Contract):
    """One criterion checked against the facts."""

    id: str
    kind: str | None = None
    result: CriterionOutcome
    statement: str = ""
    finding: str = ""
    confirmed: bool = True
    evidence: list[Evidence] = Field(default_factory=list)
    searched: SearchScope | None = None
    decisive: bool = False  # this criterion decided the item (or sent it to review)
    # guideline_text: the item's guideline says it (or the guideline in `cites`); reviewer_practice:
    # reviewers apply it in the published letters named in `letters`. Only guideline text is cited
    # as "the guideline".
    rests_on: Literal["guideline_text", "reviewer_practice"] = "guideline_text"
    cites: str | None = None
    letters: list[str] = Field(default_factory=list)
    # the reason code this result gives when it decides, when the evaluator chose one for what it found
    # (a claimed improvement the records contradict: inconsistent_record); else the criterion's own
    reason: str | None = None


class DocumentationGap(Contract):
    """Documentation whose presence would change the outcome of an item."""

    criterion: str
    missing: str
    effect: str


class ItemDetermination(Contract):
    """The draft decision on one disputed item."""

    request: str
    normalized: dict[str, Any] = Field(default_factory=dict)
    decision: Decision | None
    needs_review: bool = False
    review_reason: str | None = None
    guideline: GuidelineRef | None = None
    criteria: list[CriterionResult] = Field(default_factory=list)
    rationale: str = ""
    documentation_gaps: list[DocumentationGap] = Field(default_factory=list)
    governing_date: dt.date | None = None
    governing_date_basis: str | None = None
    ur_decision: str | None = None
    problems: list[str] = Field(default_factory=list)
    phase: str | None = None  # "initial", "continuation" or "renewal", as read from the records
    phase_reason: str | None = None  # the phase in a reviewer's words, quoting what it rests on
    phase_evidence: list[Evidence] = Field(default_factory=list)
    reasons: list[str] = Field(
        default_factory=list,
        description="Codes of the decisive reasons, main one first (exceeds_quantity, criteria_met …).",
    )
    unconfirmed_basis: bool = False  # the decision rests on a criterion not confirmed at its source
    formulary: str | None = Field(
        None,
        description="A drug's MTUS Drug Formulary status on the governing date, cited (information for the "
        "reviewer: it does not decide medical necessity), or that it could not be confirmed.",
    )


class Determination(Contract):
    """A case's draft determination: one entry per disputed item, never final until signed."""

    case_id: str | None = None
    status: Literal["draft", "signed"] = "draft"
    knowledge_base_version: str
    engine_version: str = ""
    items: list[ItemDetermination]
    problems: list[str] = Field(default_factory=list)
    documents_reviewed: list[str] = Field(default_factory=list)
    notice: str = (
        "DRAFT: prepared by software for a licensed physician reviewer. Not a determination until "
        "the reviewer confirms or overrides each item and signs."
    )

    @property
    def needs_review(self) -> bool:
        return any(item.needs_review for item in self.items)
