"""Criterion evaluators: one per criterion kind, `(criterion, item, facts, ctx) -> CriterionResult`."""

from __future__ import annotations

from collections.abc import Callable

from imr.engine.criteria.categorical import (
    body_region,
    not_recommended,
    not_recommended_ingredient,
    prescribed_for,
    reviewer_check,
)
from imr.engine.criteria.context import EvaluationContext
from imr.engine.criteria.dose import max_daily_dose
from imr.engine.criteria.duration import (
    age_threshold,
    chronic_pain,
    max_duration_of_use,
    not_recommended_for_chronic_use,
    rental_limit,
    screens_within_year,
    time_since_injury,
)
from imr.engine.criteria.findings import (
    requires_finding_absent,
    requires_finding_present,
    requires_functional_improvement,
)
from imr.engine.criteria.ingredient_dose import max_ingredient_daily_dose
from imr.engine.criteria.medications import (
    requires_concurrent_medication,
    requires_prior_trial,
    requires_risk_factor,
)
from imr.engine.criteria.prior_study import requires_change_since_prior_study
from imr.engine.criteria.result import outcome
from imr.engine.criteria.sessions import (
    frequency_duration,
    max_initial_trial_sessions,
    max_levels,
    max_quantity,
    max_total_sessions,
    postsurgical_course,
)
from imr.engine.criteria.trial import min_trial_duration
from imr.guidelines import Criterion
from imr.guidelines.matching import item_generics
from imr.models import ClinicalFacts, CriterionResult, NormalizedItem

Evaluator = Callable[[Criterion, NormalizedItem, ClinicalFacts, EvaluationContext], CriterionResult]

# One evaluator per kind of knowledge/kinds.yaml (a test checks that both name the same kinds).
EVALUATORS: dict[str, Evaluator] = {
    "max_initial_trial_sessions": max_initial_trial_sessions,
    "max_total_sessions": max_total_sessions,
    "max_quantity": max_quantity,
    "max_levels": max_levels,
    "frequency_duration": frequency_duration,
    "postsurgical_course": postsurgical_course,
    "max_duration_of_use": max_duration_of_use,
    "rental_limit": rental_limit,
    "requires_functional_improvement": requires_functional_improvement,
    "requires_finding_present": requires_finding_present,
    "requires_finding_absent": requires_finding_absent,
    "requires_change_since_prior_study": requires_change_since_prior_study,
    "requires_prior_trial": requires_prior_trial,
    "min_trial_duration": min_trial_duration,
    "requires_concurrent_medication": requires_concurrent_medication,
    "requires_risk_factor": requires_risk_factor,
    "age_threshold": age_threshold,
    "time_since_injury": time_since_injury,
    "screens_within_year": screens_within_year,
    "not_recommended_for_chronic_use": not_recommended_for_chronic_use,
    "not_recommended": not_recommended,
    "not_recommended_ingredient": not_recommended_ingredient,
    "body_region": body_region,
    "prescribed_for": prescribed_for,
    "reviewer_check": reviewer_check,
    "max_daily_dose": max_daily_dose,
    "max_ingredient_daily_dose": max_ingredient_daily_dose,
}


def applies(
    criterion: Criterion, item: NormalizedItem, ctx: EvaluationContext, facts: ClinicalFacts | None = None
) -> bool:
    """Whether the criterion's `when` conditions hold for this item and phase."""
    when = criterion.when
    # A renewal after a lapse is a new trial judged with the record of the earlier course: both the
    # initial-trial criteria and the benefit-from-prior-treatment criteria apply to it.
    phases = {ctx.phase, "initial", "continuation"} if ctx.phase == "renewal" else {ctx.phase}
    if when.phase != "any" and when.phase not in phases:
        return False
    modifiers = {m.lower() for m in item.modifiers}
    if when.modifiers_any and not modifiers & {m.lower() for m in when.modifiers_any}:
        return False
    if when.modifiers_none and modifiers & {m.lower() for m in when.modifiers_none}:
        return False
    generics = item_generics(item)
    if when.generics_any and not generics & set(when.generics_any):
        return False
    if when.generics_except and generics & set(when.generics_except):
        return False
    if when.services_any and item.service not in when.services_any:
        return False
    if when.regions_any and not set(item.body_regions) & set(when.regions_any):
        return False
    if when.dose_forms_any and not set(item.dose_forms) & set(when.dose_forms_any):
        return False
    if when.dose_forms_except and set(item.dose_forms) & set(when.dose_forms_except):
        return False
    if when.concepts_none and facts is not None and _affirmed_in_clinical(facts, when.concepts_none):
        return False
    if when.chronic is not None:
        chronic = chronic_pain(facts, ctx, None)[0] if facts is not None else None
        if chronic is not when.chronic:
            return False
    return not when.concepts_any or (facts is not None and _affirmed_in_clinical(facts, when.concepts_any))


def _affirmed_in_clinical(facts: ClinicalFacts, concepts: list[str]) -> bool:
    # facts without record roles (built by hand) have no dispute records to leave out
    clinical = set(facts.clinical_records()) if facts.record_roles else None
    return any(
        clinical is None or f.record in clinical for concept in concepts for f in facts.affirmed(concept)
    )


NOT_APPLICABLE = "Does not apply to this request."


def evaluate(
    criterion: Criterion, item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext
) -> CriterionResult:
    """Evaluate one criterion, or report it not applicable when its conditions do not hold."""
    if not applies(criterion, item, ctx, facts):
        # the kind's own not_applicable phrase speaks of its values ("the total daily {generic} could
        # not be worked out"), which a criterion whose conditions do not hold never had
        return outcome(criterion, ctx, "not_applicable", {}).model_copy(update={"finding": NOT_APPLICABLE})
    return EVALUATORS[criterion.kind](criterion, item, facts, ctx)


__all__ = ["EVALUATORS", "EvaluationContext", "Evaluator", "applies", "evaluate"]
