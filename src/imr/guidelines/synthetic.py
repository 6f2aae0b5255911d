"""ClinicalFacts from the compact form decision cases use (synthetic facts in record "case").

present: [finding.muscle_spasm]            affirmed mentions
absent: [finding.radicular_pain]           negated mentions ("no radiating pain")
documented_absent: [outcome.functional_improvement]   "no documentation of ..."
historical: [treatment.acupuncture]        past treatment
medications: [ibuprofen]                   current medication mentions (treatment.medication)
past_medications: [acetaminophen]          medications tried before
contradictions: [outcome.functional_improvement]
values: {age: 46, medication_duration_days.cyclobenzaprine: 60}
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from imr.errors import InputError
from imr.models import ClinicalFacts, Contradiction, DerivedValue, Fact, Modifier, ModifierCategory
from imr.models.facts import Usage, UsageStatus

RECORD = "case"
KEYS = frozenset(
    {
        "present",
        "absent",
        "documented_absent",
        "historical",
        "medications",
        "past_medications",
        "medication_classes",
        "contradictions",
        "values",
    }
)


def synthetic_facts(spec: Mapping[str, Any] | None) -> ClinicalFacts:
    """Build ClinicalFacts from the compact form; InputError names an unknown key or a bad value."""
    spec = spec or {}
    unknown = set(spec) - KEYS
    if unknown:
        raise InputError(
            f"facts: unknown key(s) {', '.join(sorted(unknown))}; expected {', '.join(sorted(KEYS))}"
        )
    builder = _Builder()
    for concept in _names(spec, "present"):
        builder.fact(concept)
    for concept in _names(spec, "absent"):
        builder.fact(concept, ModifierCategory.NEGATED, "no")
    for concept in _names(spec, "documented_absent"):
        builder.fact(concept, ModifierCategory.DOCUMENTATION_ABSENT, "no documentation of")
    for concept in _names(spec, "historical"):
        builder.fact(concept, ModifierCategory.HISTORICAL, "history of")
    for generic in _names(spec, "medications"):
        builder.fact("treatment.medication", value=generic, usage=UsageStatus.CURRENT)
    for generic in _names(spec, "past_medications"):
        builder.fact(
            "treatment.medication",
            ModifierCategory.HISTORICAL,
            "previously tried",
            value=generic,
            usage=UsageStatus.PAST,
        )
    for drug_class in _names(spec, "medication_classes"):
        builder.fact("treatment.drug_class", value=drug_class, usage=UsageStatus.CURRENT)
    contradictions = [
        Contradiction(topic=concept, description=f"the records conflict about {concept}", evidence=[])
        for concept in _names(spec, "contradictions")
    ]
    values = spec.get("values") or {}
    if not isinstance(values, Mapping):
        raise InputError("facts.values: expected a mapping of derived value names to values")
    derived = {str(name): DerivedValue(name=str(name), value=value) for name, value in values.items()}
    return ClinicalFacts(facts=builder.facts, derived=derived, contradictions=contradictions)


def _names(spec: Mapping[str, Any], key: str) -> list[str]:
    value = spec.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(f"facts.{key}: expected a list of names")
    return value


class _Builder:
    def __init__(self) -> None:
        self.facts: list[Fact] = []
        self.offset = 0

    def fact(
        self,
        concept: str,
        category: ModifierCategory | None = None,
        cue: str = "",
        *,
        value: str | None = None,
        usage: UsageStatus | None = None,
    ) -> None:
        text = value or concept
        if usage is None and concept.startswith("treatment."):
            # a treatment named in the case's history was used; one said to be absent never was
            usage = (
                {
                    ModifierCategory.HISTORICAL: UsageStatus.PAST,
                    ModifierCategory.NEGATED: UsageStatus.NEVER,
                }.get(category)
                if category
                else UsageStatus.CURRENT
            )
        start, end = self.offset, self.offset + len(text)
        self.offset = end + 1
        modifiers = (
            [Modifier(category=category, cue=cue, start=start, end=start, rule="synthetic")]
            if category
            else []
        )
        self.facts.append(
            Fact(
                concept=concept,
                category=concept.split(".", 1)[0],
                record=RECORD,
                start=start,
                end=end,
                text=text,
                value=value,
                modifiers=modifiers,
                usage=Usage(status=usage, cue=cue or "(case)", basis="case") if usage else None,
            )
        )
