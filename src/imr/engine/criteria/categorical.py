"""Categorical rules: not recommended, not-recommended ingredients, body-region limits, reviewer checks."""

from __future__ import annotations

from imr.engine.criteria.context import EvaluationContext
from imr.engine.criteria.lookup import affirmed, describe, evidence, quoted
from imr.engine.criteria.result import outcome
from imr.guidelines import Criterion
from imr.guidelines.matching import item_generics
from imr.models import ClinicalFacts, CriterionResult, NormalizedItem


def _treatment(item: NormalizedItem) -> str:
    return (item.generic or item.service or item.drug_class or item.request).replace("_", " ")


def not_recommended(
    criterion: Criterion, item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext
) -> CriterionResult:
    """Not recommended, unless one of the data's exceptions is documented."""
    found = affirmed(facts, criterion.exceptions)
    values = {
        "treatment": _treatment(item),
        "what": describe(ctx.kb, criterion.exceptions),
        "found": quoted(found),
    }
    if found:
        return outcome(criterion, ctx, "met", values, evidence=evidence(found))
    return outcome(criterion, ctx, "not_met", values)


def not_recommended_ingredient(
    criterion: Criterion, item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext
) -> CriterionResult:
    """A product is not recommended when any ingredient is not recommended."""
    ingredients = item_generics(item)
    bad = sorted(ingredients & set(criterion.generics))
    values = {
        "treatment": _treatment(item),
        "ingredients": bad or sorted(ingredients),
        "generic": item.generic,
    }
    if bad:
        return outcome(criterion, ctx, "not_met", values)
    if not ingredients:
        return outcome(criterion, ctx, "insufficient", values)
    return outcome(criterion, ctx, "met", values)


def body_region(
    criterion: Criterion, item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext
) -> CriterionResult:
    regions = set(item.body_regions)
    values = {"regions": sorted(regions), "treatment": _treatment(item)}
    if not regions:
        return outcome(criterion, ctx, "not_applicable", values)
    if regions & set(criterion.excluded_regions):
        values["regions"] = sorted(regions & set(criterion.excluded_regions))
        return outcome(criterion, ctx, "not_met", values)
    if criterion.allowed_regions and not regions & set(criterion.allowed_regions):
        return outcome(criterion, ctx, "not_met", values)
    return outcome(criterion, ctx, "met", values)


def reviewer_check(
    criterion: Criterion, item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext
) -> CriterionResult:
    """A point the reviewer checks by hand (e.g. a dose ceiling the request does not state)."""
    return outcome(criterion, ctx, "not_applicable", {"treatment": _treatment(item)})
