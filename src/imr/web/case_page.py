"""Everything the case page shows, gathered for one caller: what the role may see and do decides both."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from fastapi import Request
from pydantic import BaseModel, ValidationError
from starlette.responses import Response

from imr.errors import ImrError
from imr.knowledge import Knowledge
from imr.letters.from_case import claims_administrator_from
from imr.letters.ur_record import read_ur
from imr.models import CaseFile, Determination
from imr.models.application import CandidateAssessment, Deadlines, EligibilityResult
from imr.store.principal import Principal
from imr.store.views import DRAFTED_STATES, AuditEntry, CaseView, DraftView
from imr.web.rendering import failure, page, status_of
from imr.web.review import Review, build_review
from imr.web.stored import RecordText, Worker, case_details, case_summary_of
from imr.workflow import TRANSITIONS, ReviewService
from imr.workflow.access import RULES, Action
from imr.workflow.problems import public_detail

M = TypeVar("M", bound=BaseModel)

NOTICES = {
    "assigned": "The reviewer is assigned.",
    "drafted": "The draft determination is ready for the physician reviewer.",
    "signed": "Your decision on the item is recorded.",
    "reopened": "The item is open again: change it and sign it.",
    "summary": "The clinical case summary is saved.",
    "issued": "The Final Determination Letter is issued.",
    "corrected": "The case is reopened for a corrected letter: sign every item again.",
}
# Notices about one item are shown in that item, where the reviewer is looking.
ITEM_NOTICES = frozenset({"signed", "reopened"})


@dataclass(frozen=True, slots=True)
class Controls:
    """What the caller may see and do on this case, now."""

    see_draft: bool
    see_audit: bool
    draft: bool
    assign: bool
    sign: bool
    reopen: bool
    preview: bool
    issue: bool
    correct: bool
    letters: bool
    worksheet: bool


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
    candidates: list[CandidateAssessment]
    has_passphrase: bool = True  # False: the sign form asks the reviewer to choose one

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
            "candidates": self.candidates,
            "has_passphrase": self.has_passphrase,
        }


def _may(who: Principal, action: Action, step: str | None = None, state: str | None = None) -> bool:
    if who.role not in RULES[action]:
        return False
    return step is None or state in TRANSITIONS[step][0]


def controls_for(who: Principal, case: CaseView) -> Controls:
    state = case.state
    unsigned = not any(item.signed for item in case.items)
    assigned_to_me = who.role == "reviewer" and who.principal == case.reviewer_id
    reviewing = who.role != "reviewer" or assigned_to_me
    return Controls(
        see_draft=_may(who, "determination.read") and state in DRAFTED_STATES,
        see_audit=_may(who, "audit.read"),
        draft=_may(who, "case.draft", "draft", state) and unsigned,
        assign=_may(who, "case.assign", "assign", state),
        sign=_may(who, "item.sign", "sign", state) and assigned_to_me,
        reopen=_may(who, "item.sign", "reopen", state) and assigned_to_me,
        preview=_may(who, "letter.issue", "preview", state) and reviewing,
        issue=_may(who, "letter.issue", "issue", state) and reviewing,
        correct=_may(who, "case.correct", "correct", state),
        letters=_may(who, "letter.read") and bool(case.letters),
        worksheet=_may(who, "determination.read") and any(letter.has_worksheet for letter in case.letters),
    )


def case_page(svc: ReviewService, who: Principal, case_id: str) -> CasePage:
    """The case as `who` may see it; raises the service's errors (not found, not allowed)."""
    case = svc.get_case(who, case_id)
    controls = controls_for(who, case)
    worker, records, case_file = case_details(svc.store, case.case_id)
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
        review=build_review(
            case.items,
            determination,
            shown,
            claims_administrator=_ur_citations(case_file, records, svc.knowledge) if controls.sign else (),
        ),
        determination=determination,
        draft=draft,
        eligibility=_parse(EligibilityResult, case.eligibility),
        deadlines=_parse(Deadlines, case.deadlines.detail if case.deadlines else None),
        audit=svc.audit(who, case.case_id) if controls.see_audit else [],
        candidates=svc.candidates(who, case.case_id) if controls.assign else [],
        has_passphrase=svc.has_passphrase(who) if controls.sign else True,
    )


def _ur_citations(case: CaseFile, records: list[RecordText], knowledge: Knowledge) -> list[str | None]:
    """Per item, the guideline the UR decision record (or the case file) says UR cited."""
    texts = {r.record_id: r.text for r in records if not r.problem}
    return claims_administrator_from(case, read_ur(case, texts, knowledge)) or [""] * len(case.items)


def _parse(model: type[M], data: dict[str, Any] | None) -> M | None:
    if not data:
        return None
    try:
        return model.model_validate(data)
    except ValidationError:
        return None  # stored by an older version; the page shows the summary fields instead


def preview_page(
    request: Request,
    who: Principal,
    case_id: str,
    *,
    done: str = "",
    error: ImrError | None = None,
    kept: dict[str, object] | None = None,
) -> Response:
    """The letter as it will be issued, what it still needs, the issue button and the summary editor."""
    svc: ReviewService = request.app.state.service
    try:
        case = svc.get_case(who, case_id)
        shown = svc.preview(who, case_id)
        draft, _items = svc.determination(who, case_id)
    except ImrError as exc:
        return failure(request, who, exc, title=f"Letter of case {case_id}")
    own = case_summary_of(svc.store, case_id)
    sources = [s for paragraph in (draft.summary or {}).get("paragraphs", []) for s in paragraph]
    context = {
        "title": f"Letter of case {case_id}",
        "case": case,
        "controls": controls_for(who, case),
        "shown": shown,
        "summary_text": own if own is not None else shown.context.case_summary,
        "own_summary": own is not None,
        "sources": sources,
        "unsigned": sum(1 for item in case.items if not item.signed),
        "notice": NOTICES.get(done),
        "notice_item": "summary" if done == "summary" else None,
        "error": public_detail(error) if error else None,
        "kept": kept or {},
    }
    return page(request, "preview.html.j2", who, context, status=status_of(error) if error else 200)
