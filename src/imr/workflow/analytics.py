"""The stored determinations as the analytics chart them: each issued case's latest letter, its
items with the guideline applied and the reviewer's specialty, and its turnaround."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from imr.analytics.rates import DecidedItem, Turnaround
from imr.analytics.treatment_kind import treatment_kind
from imr.knowledge import Knowledge
from imr.models import Determination, GuidelineRef, Reviewer
from imr.store.repository import IssuedCase


def decided_items(
    cases: Sequence[IssuedCase], reviewers: Mapping[str, Reviewer], knowledge: Knowledge
) -> list[DecidedItem]:
    out: list[DecidedItem] = []
    for case in cases:
        reviewer = reviewers.get(case.reviewer_id or "")
        specialties = list(reviewer.specialties) if reviewer is not None else []
        for item in Determination.model_validate(case.determination).items:
            if item.decision is None:
                continue
            out.append(
                DecidedItem(
                    request=item.request,
                    decision=item.decision,
                    treatment_kind=treatment_kind(item.request, knowledge),
                    guidelines=[_guideline(item.guideline)] if item.guideline else [],
                    specialties=specialties,
                    month=case.issued.strftime("%Y-%m"),
                )
            )
    return out


def turnaround(cases: Sequence[IssuedCase]) -> list[Turnaround]:
    return [
        Turnaround(case_id=c.case_id, track=c.track, received=c.received, due=c.decision_due, issued=c.issued)
        for c in cases
        if c.decision_due is not None
    ]


def _guideline(guideline: GuidelineRef) -> str:
    title = " ".join(guideline.title.split())
    source = guideline.source.strip()
    return title if not source or title.lower().startswith(source.lower()) else f"{source} {title}"
