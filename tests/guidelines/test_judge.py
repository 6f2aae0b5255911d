"""judge(): decisions, review, gaps and the searched scope behind absence findings."""

from __future__ import annotations

import datetime as dt

from imr.engine.judge import judge
from imr.guidelines import synthetic_facts
from imr.knowledge import load_knowledge
from imr.models import ClinicalFacts, Decision, ItemKind, NormalizedItem, SearchScope

KNOWLEDGE = load_knowledge()

ON = dt.date(2015, 3, 13)
FLEXERIL = NormalizedItem(
    request="Flexeril 5mg #60",
    kind=ItemKind.DRUG,
    generic="cyclobenzaprine",
    generics=["cyclobenzaprine"],
    drug_class="muscle_relaxant",
    route="oral",
    quantity=60,
)


def test_an_unrecognized_item_needs_review_with_the_reason() -> None:
    item = NormalizedItem(
        request="xyz", kind=ItemKind.UNRECOGNIZED, recognized=False, unrecognized_reason="no words"
    )
    result = judge(item, ClinicalFacts(), ON, knowledge=KNOWLEDGE)
    assert result.needs_review and result.decision is None
    assert result.review_reason is not None and "no words" in result.review_reason


def test_silence_on_a_required_finding_is_insufficient_and_records_what_was_searched() -> None:
    facts = ClinicalFacts(
        searched={
            "finding.muscle_spasm": SearchScope(
                concept="finding.muscle_spasm", records=["r1", "r2"], terms=["spasm"]
            )
        }
    )
    result = judge(FLEXERIL, facts, ON, knowledge=KNOWLEDGE)
    spasm = next(r for r in result.criteria if r.id == "cyclobenzaprine.spasm_documented")
    assert spasm.result == "insufficient"
    assert (
        spasm.searched is not None
        and spasm.searched.records == ["r1", "r2"]
        and "spasm" in spasm.searched.terms
    )
    assert "([[r1]] and [[r2]])" in spasm.finding  # record tokens, named by the draft
    assert result.decision == Decision.UPHELD  # the burden is on the requester


def test_a_criterion_that_leaves_the_call_to_the_reviewer_gives_needs_review() -> None:
    item = NormalizedItem(
        request="Tylenol",
        kind=ItemKind.DRUG,
        generic="acetaminophen",
        generics=["acetaminophen"],
        drug_class="acetaminophen",
    )
    result = judge(item, ClinicalFacts(), ON, knowledge=KNOWLEDGE)
    assert result.needs_review and result.decision is None
    assert result.decisive == ["acetaminophen.pain_documented"]


def test_rationale_phrases_carry_the_case_values() -> None:
    result = judge(
        FLEXERIL,
        synthetic_facts({"values": {"medication_duration_days.cyclobenzaprine": 75}}),
        ON,
        knowledge=KNOWLEDGE,
    )
    course = next(r for r in result.criteria if r.id == "cyclobenzaprine.short_course")
    # 75 days so far and #60 at no more than three a day: 95 days in all
    assert course.result == "not_met" and "95 days" in course.finding and "21 days" in course.finding
    assert course.statement.startswith("Cyclobenzaprine is supported only as a short course")
    assert course.confirmed and result.recommendation is not None


def test_a_gap_is_named_when_documentation_alone_would_change_the_outcome() -> None:
    facts = synthetic_facts({"values": {"chronic": False}})
    result = judge(FLEXERIL, facts, ON, knowledge=KNOWLEDGE)
    assert result.decision == Decision.UPHELD
    (gap,) = result.documentation_gaps
    assert gap.criterion == "cyclobenzaprine.spasm_documented" and "muscle spasm" in gap.missing
    assert "only unmet criterion" in gap.effect


def test_a_decision_resting_on_unconfirmed_criteria_is_flagged() -> None:
    item = NormalizedItem(
        request="Soma", kind=ItemKind.DRUG, generic="carisoprodol", generics=["carisoprodol"]
    )
    result = judge(item, ClinicalFacts(), ON, knowledge=KNOWLEDGE)
    assert result.decision == Decision.UPHELD and result.unconfirmed_basis
    assert result.documentation_gaps == []  # nothing to document for a not-recommended drug
    confirmed = judge(
        FLEXERIL,
        synthetic_facts({"values": {"medication_duration_days.cyclobenzaprine": 75}}),
        ON,
        knowledge=KNOWLEDGE,
    )
    assert not confirmed.unconfirmed_basis


def test_the_original_request_is_judged_not_the_ur_modification() -> None:
    # the rationale says UR modified it (tests/engine/test_rationale.py); the 12 sessions are judged
    item = NormalizedItem(request="Massage x12", kind=ItemKind.SERVICE, service="massage", sessions=12)
    result = judge(item, ClinicalFacts(), ON, knowledge=KNOWLEDGE)
    assert result.decision == Decision.UPHELD
    assert result.knowledge_base_version


def test_the_duration_finding_states_the_total_it_compared_with_the_limit() -> None:
    item = NormalizedItem(
        request="Valium 5mg #30 1 tab daily",
        kind=ItemKind.DRUG,
        generic="diazepam",
        generics=["diazepam"],
        drug_class="benzodiazepine",
        route="oral",
        quantity=30,
        days_supply=30,
    )
    facts = synthetic_facts({"values": {"medication_duration_days.diazepam": 15}})
    result = judge(item, facts, ON, knowledge=KNOWLEDGE)
    duration = [c for c in result.criteria if c.kind == "max_duration_of_use"]
    assert duration and duration[0].result == "not_met"
    assert "45 days" in duration[0].finding, duration[0].finding
