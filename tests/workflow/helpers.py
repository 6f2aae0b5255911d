"""A service with a case ready at a given step, for the workflow tests."""

from __future__ import annotations

from collections.abc import Callable

from imr.knowledge import load_knowledge
from imr.models import CaseFile, Decision, Determination, GuidelineRef, ItemDetermination, Reviewer
from imr.store.principal import Principal
from imr.store.store import Store
from imr.workflow import ReviewService
from imr.workflow.submission import CaseSubmission
from store.databases import ADMIN, INTAKE, TODAY, give_passphrase
from store.samples import reviewer, submission

KNOWLEDGE = load_knowledge()

REVIEWER = Principal(role="reviewer", principal="rev-1")
CASE_ID = "CM15-0000001"


def service(store: Store) -> ReviewService:
    return ReviewService(store, today=lambda: TODAY, knowledge=KNOWLEDGE)


def received(svc: ReviewService) -> None:
    svc.create_case(INTAKE, CaseSubmission.model_validate(submission(CASE_ID)))


def assigned(svc: ReviewService) -> None:
    svc.add_reviewer(ADMIN, Reviewer.model_validate(reviewer("rev-1")))
    give_passphrase(svc.store, "rev-1")
    received(svc)
    svc.assign(ADMIN, CASE_ID)


def one_decided_one_open(case: CaseFile, *_: object, **__: object) -> Determination:
    """An engine that decides the first item and leaves the second to the physician."""
    first, second = case.items
    return Determination(
        case_id=case.case_id,
        knowledge_base_version="test",
        items=[
            ItemDetermination(
                request=first.request,
                decision=Decision.OVERTURNED,
                rationale="criteria met",
                guideline=GuidelineRef(source="MTUS", title="Acupuncture Medical Treatment Guidelines"),
            ),
            ItemDetermination(
                request=second.request, decision=None, needs_review=True, review_reason="no rule"
            ),
        ],
    )


ENGINE = "imr.workflow.service.engine_draft"
Engine = Callable[..., Determination]
