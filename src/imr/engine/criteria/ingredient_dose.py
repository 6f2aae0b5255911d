"""The total daily amount of one ingredient across every product that holds it, against a limit.

Acetaminophen comes in Tylenol and inside Norco and Percocet: the guideline's ceiling is on the sum.
Each product of the newest clinical record that lists one with a sig ("Percocet 10/325 1 q4h prn",
"Tylenol ES 500 mg 2 tabs QID") is read like a request (its generics, and the strength of each
ingredient in their order), and the requested product is added from its strength and quantity (a
month's supply, vocab/mme.yaml `days_supply`) when the records give it no sig.
"""

from __future__ import annotations

from dataclasses import dataclass

from imr.engine.criteria.context import EvaluationContext
from imr.engine.criteria.dose import after_mention, doses_per_day, newest_first
from imr.engine.criteria.result import outcome
from imr.guidelines import Criterion
from imr.items import normalize_request
from imr.knowledge import Knowledge
from imr.knowledge.mme import MmeFile
from imr.models import ClinicalFacts, CriterionResult, Evidence, Fact, ModifierCategory, NormalizedItem

MEDICATION = "treatment.medication"


@dataclass(frozen=True)
class Part:
    generics: frozenset[str]
    mg_per_day: float
    words: str


def _ingredient_mg(item: NormalizedItem, ingredient: str) -> float | None:
    """The milligrams of `ingredient` in one unit of a product read as a request."""
    if ingredient not in item.generics:
        return None
    for strength in item.strengths:
        if strength.ingredient == ingredient and strength.unit in (None, "mg"):
            return strength.value
    if len(item.generics) == 1 and len(item.strengths) == 1 and item.strengths[0].unit in (None, "mg"):
        return item.strengths[0].value
    return None


def _listed(
    facts: ClinicalFacts, ctx: EvaluationContext, knowledge: Knowledge, ingredient: str, mme: MmeFile
) -> tuple[dict[str, Part], list[Evidence]]:
    """The products holding `ingredient` in the newest clinical record that gives any with a sig."""
    frequencies = mme.frequencies
    for record in newest_first(facts.clinical_records(), ctx.record_dates):
        parts: dict[str, Part] = {}
        proof: list[Evidence] = []
        for fact in facts.facts:
            # a drug named ("Percocet"), not the generic word "meds"
            if fact.record != record or fact.concept != MEDICATION or not fact.value or not _current(fact):
                continue
            sig = after_mention(fact, facts.facts)
            product = normalize_request(f"{fact.text} {sig}", knowledge=knowledge)
            per_unit = _ingredient_mg(product, ingredient)
            times = doses_per_day(sig, frequencies)
            if per_unit is None or times is None:
                continue
            key = fact.text.lower()
            daily = per_unit * times
            if daily > (parts[key].mg_per_day if key in parts else -1):
                parts[key] = Part(frozenset(product.generics), daily, f"{fact.text} {daily:,.0f} mg/day")
                if fact.evidence() not in proof:
                    proof.append(fact.evidence())
        if parts:
            return parts, proof
    return {}, []


def _current(fact: Fact) -> bool:
    return fact.affirmed and not fact.has(ModifierCategory.HISTORICAL)


def max_ingredient_daily_dose(
    criterion: Criterion, item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext
) -> CriterionResult:
    """Met when the day's total of the criterion's ingredient (`generics`, one) is within `limit` mg;
    not applicable when it cannot be worked out (a reviewer then checks it)."""
    ingredient = criterion.generics[0] if criterion.generics else ""
    values: dict[str, object] = {"limit": f"{criterion.limit or 0:,}", "generic": ingredient}
    knowledge = ctx.knowledge
    mme = knowledge.mme if knowledge is not None else None
    if knowledge is None or mme is None or not ingredient or ingredient not in item.generics:
        return outcome(criterion, ctx, "not_applicable", values)
    parts, proof = _listed(facts, ctx, knowledge, ingredient, mme)
    # the requested product is in the list when one listed holds the same ingredients
    if not any(p.generics == frozenset(item.generics) for p in parts.values()):
        per_unit = _ingredient_mg(item, ingredient)
        if per_unit is None or not item.quantity:
            return outcome(criterion, ctx, "not_applicable", values)
        daily = per_unit * item.quantity / mme.days_supply
        parts[item.request] = Part(
            frozenset(item.generics), daily, f"{item.request} {daily:,.0f} mg/day as requested"
        )
    total = sum(p.mg_per_day for p in parts.values())
    values |= {"total": f"{total:,.0f}", "parts": "; ".join(p.words for p in parts.values())}
    limit = float(criterion.limit or 0)
    return outcome(criterion, ctx, "not_met" if total > limit else "met", values, evidence=proof)
