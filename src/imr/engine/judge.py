"""Judge one disputed item: resolve its guideline, evaluate every criterion, decide or ask for review."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from imr.engine.criteria import EvaluationContext, evaluate
from imr.engine.phase import PhaseFinding, treatment_phase
from imr.engine.review import BENEFIT_KIND, CONTRADICTED, records_disagree, review_instead
from imr.guidelines import (
    NOT_RECOMMENDED,
    Criterion,
    KnowledgeBase,
    Recommendation,
    Resolution,
    Topic,
    TopicVersion,
)
from imr.knowledge import Knowledge
from imr.models import (
    ClinicalFacts,
    CriterionResult,
    Decision,
    DocumentationGap,
    GuidelineRef,
    NormalizedItem,
)
from imr.text.prose import lower_first

# The reason code of a request no guideline topic covers (knowledge/kinds.yaml reason_codes).
SILENT = "mtus_silent_other_guideline"


@dataclass(frozen=True, kw_only=True)
class Judgement:
    """The engine's draft on one item, with everything the rationale and the letter need."""

    request: str
    on: dt.date
    resolution: Resolution
    guideline: GuidelineRef | None = None
    recommendation: Recommendation | None = None
    phase: str | None = None
    phase_reason: str = ""
    phase_finding: PhaseFinding | None = None
    criteria: list[CriterionResult] = field(default_factory=list)
    decision: Decision | None = None
    needs_review: bool = False
    review_reason: str | None = None
    decisive: list[str] = field(default_factory=list)  # ids of the criteria that decided
    reasons: list[str] = field(default_factory=list)  # their reason codes, the main one first
    unconfirmed_basis: bool = False  # the decision rests on a criterion not confirmed against its source
    documentation_gaps: list[DocumentationGap] = field(default_factory=list)
    knowledge_base_version: str

    @property
    def topic_id(self) -> str | None:
        return self.resolution.topic_id


def judge(
    item: NormalizedItem,
    facts: ClinicalFacts,
    on: dt.date,
    knowledge: Knowledge,
    *,
    record_dates: dict[str, dt.date | None] | None = None,
) -> Judgement:
    """Decide `item` under the guideline in force on `on`, or say why a physician must.

    `record_dates` (record id -> date) tell how long ago a treatment was last used (renewals)."""
    kb = knowledge.guidelines
    resolution = kb.resolve(item, on)
    if resolution.topic is None or resolution.version is None:
        unknown = treatment_phase(knowledge, None, item, facts, on=on, record_dates=record_dates)
        return Judgement(
            request=item.request,
            on=on,
            resolution=resolution,
            phase=unknown.phase if item.recognized else None,
            phase_reason=unknown.reason,
            phase_finding=unknown,
            needs_review=True,
            review_reason=resolution.reason,
            # no topic covers it: the MTUS is silent, and the guideline next in the search sequence decides
            reasons=[SILENT] if resolution.silent else [],
            knowledge_base_version=knowledge.version,
        )
    topic, version = resolution.topic, resolution.version
    finding = treatment_phase(knowledge, topic, item, facts, on=on, record_dates=record_dates)
    phase = finding.phase
    ctx = EvaluationContext(
        kb=kb,
        topic=topic,
        phase=phase,
        phase_evidence=finding.evidence,
        knowledge=knowledge,
        on=on,
        record_dates=dict(record_dates or {}),
    )
    pairs = [(criterion, evaluate(criterion, item, facts, ctx)) for criterion in version.criteria]
    if phase == "renewal":
        pairs = [_renewal(criterion, result) for criterion, result in pairs]
    results = [result for _, result in pairs]
    decisive = [(c, r) for c, r in pairs if c.decisive and kb.kinds[c.kind].decisive]
    failed = [(c, r) for c, r in decisive if r.result == "not_met"]
    unclear = [(c, r) for c, r in decisive if r.result == "insufficient"]
    to_review = [(c, r) for c, r in unclear if c.on_insufficient == "review"]
    to_uphold = [(c, r) for c, r in unclear if c.on_insufficient == "uphold"]
    # a documented exception (a not_recommended criterion met) lifts a "not recommended" topic
    not_recommended = version.recommendation == Recommendation.NOT_RECOMMENDED and any(
        r.result != "met" for c, r in pairs if c.kind == NOT_RECOMMENDED
    )
    decision: Decision | None
    review_reason: str | None = None
    phased = [c for c, r in decisive if c.when.phase != "any" and r.result != "not_applicable"]
    if finding.conflict and phased and not not_recommended:
        return Judgement(
            request=item.request,
            on=on,
            resolution=resolution,
            guideline=resolution.guideline,
            recommendation=version.recommendation,
            phase=phase,
            phase_reason=finding.reason,
            phase_finding=finding,
            criteria=results,
            needs_review=True,
            review_reason=f"the treatment phase decides this item and {finding.reason}",
            decisive=[r.id for c, r in pairs if c in phased],
            reasons=["inconsistent_record"],
            knowledge_base_version=knowledge.version,
        )
    if not_recommended or failed or (to_uphold and not to_review):
        decision = Decision.UPHELD
        deciding = [r.id for c, r in pairs if c.kind == NOT_RECOMMENDED and not_recommended] + [
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
    deciding_pairs = [(c, r) for c, r in pairs if r.id in deciding]
    pivot = knowledge.nlp.derived.two_digit_year_pivot
    instead = review_instead(kb, decision, deciding_pairs, facts, record_dates or {}, pivot=pivot)
    if instead is not None:
        decision, review_reason = None, instead
    chosen = {c.id: r.reason for c, r in pairs if r.reason}
    # sent to review because the records contradict each other on what decided
    disputed = instead is not None and (
        any(r.reason == CONTRADICTED for _, r in deciding_pairs)
        or records_disagree(kb, deciding_pairs, facts, record_dates or {}, pivot=pivot)
    )
    reasons = _reasons(
        kb,
        topic,
        decision,
        basis,
        contradicted=bool(to_review and facts.contradictions) or disputed,
        chosen=chosen,
    )
    if version.carry_forward and not kb.edition(topic, version).encoded:
        # The edition in force could not be read: say which it is, and what the earlier one would give.
        review_reason = _not_encoded(kb, topic, version, on, decision, reasons)
        decision, reasons = None, []
    return Judgement(
        request=item.request,
        on=on,
        resolution=resolution,
        guideline=resolution.guideline,
        recommendation=version.recommendation,
        phase=phase,
        phase_reason=finding.reason,
        phase_finding=finding,
        criteria=results,
        decision=decision,
        needs_review=decision is None,
        review_reason=review_reason,
        decisive=deciding,
        reasons=reasons,
        unconfirmed_basis=any(not c.confirmed for c in basis),
        documentation_gaps=_gaps(kb, decisive, not_recommended),
        knowledge_base_version=knowledge.version,
    )


def _not_encoded(
    kb: KnowledgeBase,
    topic: Topic,
    version: TopicVersion,
    on: dt.date,
    orientation: Decision | None,
    reasons: list[str],
) -> str:
    """Why a version whose edition's text could not be confirmed is left to the physician, with the
    superseded edition's outcome for orientation."""
    edition = kb.edition(topic, version)
    earlier = [v for v in topic.versions if v.effective < version.effective and not v.carry_forward]
    text = (
        f"the MTUS in force on {on.month}/{on.day}/{on.year} for this request is the {edition.title} "
        f"({edition.regulation}); its criteria could not be confirmed from public text and are not "
        "encoded, so a physician reviewer must apply it"
    )
    if earlier and orientation is not None:
        label = kb.edition(topic, earlier[-1]).label
        why = "; ".join(
            kb.reason_codes[r].due_to for r in reasons if r in kb.reason_codes and r != "criteria_met"
        )
        text += f". For orientation only, the superseded {label} criteria would give {orientation.value}" + (
            f" ({why})" if why else ""
        )
    return text


def _reasons(
    kb: KnowledgeBase,
    topic: Topic,
    decision: Decision | None,
    basis: list[Criterion],
    *,
    contradicted: bool,
    chosen: dict[str, str] | None = None,
) -> list[str]:
    """The reason codes of a decision, main first: a non-MTUS source says so before its criteria."""
    # a decision resting on a criterion the MTUS does not state (it cites the next source, ODG) is decided
    # by the next guideline in the search sequence, as the topic's own non-MTUS source would be
    beyond = any(c.cites is not None and c.cites.source and c.cites.source != "MTUS" for c in basis)
    out: list[str] = ["mtus_silent_other_guideline"] if topic.non_mtus or beyond else []
    if decision == Decision.OVERTURNED:
        out.append("criteria_met")
    elif decision == Decision.UPHELD:
        for criterion in basis:
            code = criterion.reason or topic.reason or kb.kinds[criterion.kind].reason
            # a reason the result chose for what it found (records contradicting a claimed
            # improvement) comes with the criterion's own
            for found in (code, (chosen or {}).get(criterion.id)):
                if found and found not in out:
                    out.append(found)
    elif contradicted:
        out.append("inconsistent_record")
    return out


def _renewal(criterion: Criterion, result: CriterionResult) -> tuple[Criterion, CriterionResult]:
    """A renewal after a lapse: an earlier course's benefit counts when documented, and its failure
    counts against; its silence does not decide (the lapse makes this a new trial). What the
    treatment itself needs while given (an opioid's monitoring) is needed again when it restarts."""
    if (
        criterion.when.phase == "continuation"
        and criterion.kind == BENEFIT_KIND
        and result.result == "insufficient"
    ):
        return criterion, result.model_copy(
            update={
                "result": "not_applicable",
                "finding": "The outcome of the earlier course is not documented as a measured change; after "
                "the lapse this is judged as a new trial.",
            }
        )
    return criterion, result


def _gaps(
    kb: KnowledgeBase, decisive: list[tuple[Criterion, CriterionResult]], not_recommended: bool
) -> list[DocumentationGap]:
    """What documentation would change the outcome: only when the guideline leaves room for it."""
    if not_recommended:
        return []
    failing = [(c, r) for c, r in decisive if r.result in ("not_met", "insufficient")]
    gaps: list[DocumentationGap] = []
    for criterion, result in failing:
        if not kb.kinds[criterion.kind].documentable:
            continue
        others = [r.statement.rstrip(".") for c, r in failing if r.id != result.id and r.statement]
        if others:
            effect = "would satisfy this criterion; the request would still not meet: " + "; ".join(
                lower_first(o) for o in others
            )
        else:
            effect = "would satisfy the only unmet criterion, so the request would meet the guideline"
        missing = criterion.gap or result.statement
        gaps.append(DocumentationGap(criterion=result.id, missing=missing, effect=effect))
    return gaps
