"""What every evaluator needs besides the criterion, the item and the facts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from imr.engine.criteria.lookup import number
from imr.engine.criteria.names import MEDICATION, duration_name, sessions_name
from imr.guidelines import KnowledgeBase, Topic
from imr.guidelines.matching import item_generics
from imr.models import ClinicalFacts, Evidence, NormalizedItem

TreatmentPhase = Literal["initial", "continuation"]


@dataclass(frozen=True)
class EvaluationContext:
    """The knowledge base, the topic being applied and the treatment phase (with its evidence)."""

    kb: KnowledgeBase
    topic: Topic
    phase: TreatmentPhase
    phase_evidence: list[Evidence] = field(default_factory=list)


def treatment_phase(
    kb: KnowledgeBase, topic: Topic, item: NormalizedItem, facts: ClinicalFacts
) -> tuple[TreatmentPhase, str, list[Evidence]]:
    """Initial trial or continuation: continued when the request says so or the records show prior use."""
    words = {w.lower() for w in kb.index.continuation_modifiers}
    said = [m for m in item.modifiers if m.lower() in words]
    if said:
        return "continuation", f"the request is for {said[0]} treatment", []
    if item.service:
        done, done_evidence = number(facts, sessions_name(item.service))
        if done is not None and done > 0:
            return "continuation", f"{done:g} sessions already completed", done_evidence
    for generic in sorted(item_generics(item)):
        days, days_evidence = number(facts, duration_name(generic))
        if days is not None and days > 0:
            return "continuation", f"{generic} already used for {days:g} days", days_evidence
        current = facts.value("medications_current")
        if current is not None and isinstance(current.value, list) and generic in current.value:
            return "continuation", f"{generic} is a current medication", current.evidence
        for fact in facts.affirmed(MEDICATION):
            if fact.value == generic:
                return "continuation", f"{generic} already prescribed", [fact.evidence()]
    for concept in topic.prior_use_concepts:
        found = facts.affirmed(concept)
        if found:
            return (
                "continuation",
                f"prior {concept.split('.')[-1].replace('_', ' ')} documented",
                [f.evidence() for f in found],
            )
    return "initial", "no prior use documented", []
