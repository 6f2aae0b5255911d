"""Everything the case page shows, gathered for one caller: what the role may see and do decides both."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from imr.models import Determination, Reviewer
from imr.models.application import Deadlines, EligibilityResult
from imr.store.principal import Principal
from imr.store.views import DRAFTED_STATES, AuditEntry, CaseView, DraftView
from imr.web.review import Review, build_review
from imr.web.stored import Worker, case_details
from imr.workflow import TRANSITIONS, ReviewService
from imr.workflow.access import RULES, Action

M = TypeVar("M", bound=BaseModel)

NOTICES = {
    "assigned": "The reviewer is assigned.",
    "drafted": "The draft determination is ready for the physician reviewer.",
    "signed": "Your decision on the item is recorded.",
    "issued": "The Final Determination Letter is issued.",
    "corrected": "The case is reopened for a corrected letter: sign every item again.",
}


@dataclass(frozen=True, slots=True)
class Controls:
    """What the caller may see and do on this case, now."""

    see_draft: bool
    see_audit: bool
    draft: bool
    assign: bool
    sign: bool
    issue: bool
    correct: bool
    letters: bool


@dataclass(frozen=True, slots=True)
class CasePage:
    case: CaseView
    worker: Worker
    controls: Controls
    review: Review
    determination: Determination | None
    draft: DraftView | None
    eligibility: EligibilityResult | None
    deadlines: Deadlines | None
    audit: list[AuditEntry]
    reviewers: list[Reviewer]

    def context(self) -> dict[str, Any]:
        return {
            "title": f"Case {self.case.case_id}",
            "case": self.case,
            "worker": self.worker,
            "controls": self.controls,
            "review": self.review,
            "determination": self.determination,
            "draft": self.draft,
            "eligibility": self.eligibility,
            "deadlines": self.deadlines,
            "audit": self.audit,
            "reviewers": self.reviewers,
        }


def _may(who: Principal, action: Action, step: str | None = None, state: str | None = None) -> bool:
    if who.role not in RULES[action]:
        return False
    return step is None or state in TRANSITIONS[step][0]


def controls_for(who: Principal, case: CaseView) -> Controls:
    state = case.state
    unsigned = not any(item.signed for item in case.items)
    assigned_to_me = who.role == "reviewer" and who.principal == case.reviewer_id
    return Controls(
        see_draft=_may(who, "determination.read") and state in DRAFTED_STATES,
        see_audit=_may(who, "audit.read"),
        draft=_may(who, "case.draft", "draft", state) and unsigned,
        assign=_may(who, "case.assign", "assign", state),
        sign=_may(who, "item.sign", "sign", state) and assigned_to_me,
        issue=_may(who, "letter.issue", "issue", state),
        correct=_may(who, "case.correct", "correct", state),
        letters=_may(who, "letter.read") and bool(case.letters),
    )


def case_page(svc: ReviewService, who: Principal, case_id: str) -> CasePage:
    """The case as `who` may see it; raises the service's errors (not found, not allowed)."""
    case = svc.get_case(who, case_id)
    controls = controls_for(who, case)
    worker, records = case_details(svc.store, case.case_id)
    determination: Determination | None = None
    draft: DraftView | None = None
    if controls.see_draft:
        draft, _items = svc.determination(who, case.case_id)
        determination = Determination.model_validate(draft.determination)
    # Medical records are shown to those who review them, not to every party of the case.
    shown = records if _may(who, "determination.read") else []
    return CasePage(
        case=case,
        worker=worker,
        controls=controls,
        review=build_review(case.items, determination, shown),
        determination=determination,
        draft=draft,
        eligibility=_parse(EligibilityResult, case.eligibility),
        deadlines=_parse(Deadlines, case.deadlines.detail if case.deadlines else None),
        audit=svc.audit(who, case.case_id) if controls.see_audit else [],
        reviewers=svc.reviewers(who) if controls.assign else [],
    )


def _parse(model: type[M], data: dict[str, Any] | None) -> M | None:
    if not data:
        return None
    try:
        return model.model_validate(data)
    except ValidationError:
        return None  # stored by an older version; the page shows the summary fields instead
