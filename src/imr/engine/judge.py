"""Judge one disputed item: resolve its guideline, evaluate every criterion, decide or ask for review."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from imr.engine.criteria import EvaluationContext, evaluate, treatment_phase
from imr.guidelines import (
    Criterion,
    CriterionKind,
    KnowledgeBase,
    Recommendation,
    Resolution,
    load_knowledge_base,
)
from imr.models import (
    ClinicalFacts,
    CriterionResult,
    Decision,
    DocumentationGap,
    GuidelineRef,
    NormalizedItem,
)

# Criteria a better record could satisfy (so a gap is worth naming); counts and categorical rules are not.
DOCUMENTABLE = frozenset(
    {
        CriterionKind.REQUIRES_FUNCTIONAL_IMPROVEMENT,
        CriterionKind.REQUIRES_FINDING_PRESENT,
        CriterionKind.REQUIRES_PRIOR_TRIAL,
        CriterionKind.REQUIRES_CONCURRENT_MEDICATION,
        CriterionKind.REQUIRES_RISK_FACTOR,
        CriterionKind.NOT_RECOMMENDED_FOR_CHRONIC_USE,
        CriterionKind.TIME_SINCE_INJURY,
        CriterionKind.AGE_THRESHOLD,
    }
)


class Judgement(BaseModel):
    """The engine's draft on one item, with everything the rationale and the letter need."""

    model_config = ConfigDict(frozen=True)

    request: str
    on: dt.date
    resolution: Resolution
    guideline: GuidelineRef | None = None
    recommendation: Recommendation | None = None
    phase: str | None = None
    phase_reason: str = ""
    criteria: list[CriterionResult] = Field(default_factory=list)
    decision: Decision | None = None
    needs_review: bool = False
    review_reason: str | None = None
    decisive: list[str] = Field(default_factory=list, description="Ids of the criteria that decided.")
    unconfirmed_basis: bool = Field(
        default=False, description="The decision rests on a criterion not confirmed against its source."
    )
    documentation_gaps: list[DocumentationGap] = Field(default_factory=list)
    knowledge_base_version: str

    @property
    def topic_id(self) -> str | None:
        return self.resolution.topic_id


def judge(
    item: NormalizedItem,
    facts: ClinicalFacts,
    on: dt.date,
    *,
    kb: KnowledgeBase | None = None,
) -> Judgement:
    """Decide `item` under the guideline in force on `on`, or say why a physician must."""
    kb = kb or load_knowledge_base()
    resolution = kb.resolve(item, on)
    base = {"request": item.request, "on": on, "resolution": resolution}
    if resolution.topic is None or resolution.version is None:
        return Judgement(
            **base,
            needs_review=True,
            review_reason=resolution.reason,
            knowledge_base_version=kb.version,
        )
    topic, version = resolution.topic, resolution.version
    phase, phase_reason, phase_evidence = treatment_phase(kb, topic, item, facts)
    ctx = EvaluationContext(kb=kb, topic=topic, phase=phase, phase_evidence=phase_evidence)
    pairs = [(criterion, evaluate(criterion, item, facts, ctx)) for criterion in version.criteria]
    results = [result for _, result in pairs]
    decisive = [(c, r) for c, r in pairs if c.decisive and c.kind != CriterionKind.REVIEWER_CHECK]
    failed = [(c, r) for c, r in decisive if r.result == "not_met"]
    unclear = [(c, r) for c, r in decisive if r.result == "insufficient"]
    to_review = [(c, r) for c, r in unclear if c.on_insufficient == "review"]
    to_uphold = [(c, r) for c, r in unclear if c.on_insufficient == "uphold"]
    # a documented exception (a not_recommended criterion met) lifts a "not recommended" topic
    not_recommended = version.recommendation == Recommendation.NOT_RECOMMENDED and any(
        r.result != "met" for c, r in pairs if c.kind == CriterionKind.NOT_RECOMMENDED
    )
    decision: Decision | None
    review_reason: str | None = None
    if not_recommended or failed or (to_uphold and not to_review):
        decision = Decision.UPHELD
        deciding = [r.id for c, r in pairs if c.kind == CriterionKind.NOT_RECOMMENDED and not_recommended] + [
            r.id for _, r in failed + to_uphold
        ]
        basis = [c for c, r in pairs if r.id in deciding]
    elif to_review:
        decision = None
        deciding = [r.id for _, r in to_review]
        basis = [c for c, _ in to_review]
        review_reason = (
            "the records do not document what the guideline requires and it leaves the call to the reviewer: "
            + "; ".join(r.finding for _, r in to_review)
        )
    else:
        decision = Decision.OVERTURNED
        deciding = [r.id for _, r in decisive if r.result == "met"]
        basis = [c for c, r in decisive if r.result == "met"]
    return Judgement(
        **base,
        guideline=resolution.guideline,
        recommendation=version.recommendation,
        phase=phase,
        phase_reason=phase_reason,
        criteria=results,
        decision=decision,
        needs_review=decision is None,
        review_reason=review_reason,
        decisive=deciding,
        unconfirmed_basis=any(not c.confirmed for c in basis),
        documentation_gaps=_gaps(kb, decisive, not_recommended),
        knowledge_base_version=kb.version,
    )


def _gaps(
    kb: KnowledgeBase, decisive: list[tuple[Criterion, CriterionResult]], not_recommended: bool
) -> list[DocumentationGap]:
    """What documentation would change the outcome: only when the guideline leaves room for it."""
    if not_recommended:
        return []
    failing = [(c, r) for c, r in decisive if r.result in ("not_met", "insufficient")]
    gaps: list[DocumentationGap] = []
    for criterion, result in failing:
        if criterion.kind not in DOCUMENTABLE:
            continue
        # Named by what they say, not by their ids: the reviewer and the letter read this text.
        others = [f'"{r.statement.strip().rstrip(".") or r.id}"' for c, r in failing if r.id != result.id]
        if others:
            effect = f"would satisfy this criterion; the item would still fail {' and '.join(others)}"
        else:
            effect = "would satisfy the only unmet criterion, so the request would meet the guideline"
        missing = criterion.gap or result.statement
        gaps.append(DocumentationGap(criterion=result.id, missing=missing, effect=effect))
    return gaps
