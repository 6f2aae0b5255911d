"""Visit counts and treatment frequency/duration: max initial trial, max total, frequency and duration."""

from __future__ import annotations

from imr.engine.criteria.context import EvaluationContext
from imr.engine.criteria.lookup import number
from imr.engine.criteria.names import sessions_name
from imr.engine.criteria.result import outcome
from imr.guidelines import Criterion
from imr.models import ClinicalFacts, CriterionResult, NormalizedItem

WEEKS_PER_MONTH = 52 / 12  # calendar arithmetic, not a guideline number


def requested_sessions(item: NormalizedItem) -> float | None:
    """Sessions asked for: stated, or frequency x weeks."""
    if item.sessions is not None:
        return float(item.sessions)
    if item.frequency_per_week is not None and item.weeks is not None:
        return item.frequency_per_week * item.weeks
    return None


def _service(item: NormalizedItem) -> str:
    return (item.service or "treatment").replace("_", " ")


def max_initial_trial_sessions(
    criterion: Criterion, item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext
) -> CriterionResult:
    requested = requested_sessions(item)
    values = {"requested": requested, "limit": criterion.limit, "service": _service(item)}
    if requested is None:
        return outcome(criterion, ctx, "insufficient", values)
    assert criterion.limit is not None  # the loader requires it
    return outcome(criterion, ctx, "met" if requested <= criterion.limit else "not_met", values)


def max_total_sessions(
    criterion: Criterion, item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext
) -> CriterionResult:
    requested = requested_sessions(item)
    name = criterion.value or sessions_name(item.service)
    completed, evidence = number(facts, name)
    total = None if requested is None else requested + (completed or 0)
    values = {
        "requested": requested,
        "completed": completed,
        "total": total,
        "limit": criterion.limit,
        "service": _service(item),
    }
    if total is None:
        return outcome(criterion, ctx, "insufficient", values)
    assert criterion.limit is not None
    return outcome(
        criterion, ctx, "met" if total <= criterion.limit else "not_met", values, evidence=evidence
    )


def frequency_duration(
    criterion: Criterion, item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext
) -> CriterionResult:
    max_weeks = criterion.max_weeks
    if max_weeks is None and criterion.max_months is not None:
        max_weeks = criterion.max_months * WEEKS_PER_MONTH
    values = {
        "frequency": item.frequency_per_week,
        "max_per_week": criterion.max_per_week,
        "weeks": item.weeks,
        "max_weeks": criterion.max_weeks,
        "max_months": criterion.max_months,
        "service": _service(item),
    }
    checks: list[bool] = []
    if criterion.max_per_week is not None and item.frequency_per_week is not None:
        checks.append(item.frequency_per_week <= criterion.max_per_week)
    if max_weeks is not None and item.weeks is not None:
        checks.append(item.weeks <= max_weeks)
    if not checks:
        return outcome(criterion, ctx, "not_applicable", values)
    return outcome(criterion, ctx, "met" if all(checks) else "not_met", values)
