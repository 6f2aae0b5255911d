"""What every evaluator needs besides the criterion, the item and the facts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from imr.guidelines import KnowledgeBase, Topic, TopicVersion
from imr.guidelines.matching import item_generics
from imr.models import ClinicalFacts, Evidence, NormalizedItem

TreatmentPhase = Literal["initial", "continuation"]


@dataclass(frozen=True)
class EvaluationContext:
    """The topic version being applied, the date, the knowledge base and the treatment phase."""

    kb: KnowledgeBase
    topic: Topic
    version: TopicVersion
    on: dt.date
    phase: TreatmentPhase
    phase_evidence: list[Evidence] = field(default_factory=list)
    phase_reason: str = ""


def treatment_phase(
    kb: KnowledgeBase, topic: Topic, item: NormalizedItem, facts: ClinicalFacts
) -> tuple[TreatmentPhase, str, list[Evidence]]:
    """Initial trial or continuation: continued when the request says so or the records show prior use."""
    words = {w.lower() for w in kb.index.continuation_modifiers}
    said = [m for m in item.modifiers if m.lower() in words]
    if said:
        return "continuation", f"the request is for {said[0]} treatment", []
    if item.service:
        done = facts.value(f"sessions_completed.{item.service}")
        if done is not None and isinstance(done.value, int | float) and done.value > 0:
            return "continuation", f"{done.value:g} sessions already completed", done.evidence
    for generic in sorted(item_generics(item)):
        days = facts.value(f"medication_duration_days.{generic}")
        if days is not None and isinstance(days.value, int | float) and days.value > 0:
            return "continuation", f"{generic} already used for {days.value:g} days", days.evidence
        current = facts.value("medications_current")
        if current is not None and isinstance(current.value, list) and generic in current.value:
            return "continuation", f"{generic} is a current medication", current.evidence
        for fact in facts.affirmed("treatment.medication"):
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
