"""Visit counts and treatment frequency/duration: max initial trial, max total, frequency and duration."""

from __future__ import annotations

from imr.engine.criteria.context import EvaluationContext
from imr.engine.criteria.lookup import describe, evidence, number, quoted, searched
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


def max_quantity(
    criterion: Criterion, item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext
) -> CriterionResult:
    """The number of tests or units asked at once within `limit`, unless an exception (a risk that
    calls for more) is documented; a request that states no number is not compared."""
    requested = item.quantity if item.quantity is not None else requested_sessions(item)
    values: dict[str, object] = {"requested": requested, "limit": criterion.limit, "service": _service(item)}
    if requested is None:
        return outcome(criterion, ctx, "not_applicable", values)
    assert criterion.limit is not None  # the loader requires it
    if requested <= criterion.limit:
        return outcome(criterion, ctx, "met", values)
    excepted = [f for c in criterion.exceptions for f in facts.affirmed(c)]
    if excepted:
        values["found"] = quoted(excepted)
        return outcome(criterion, ctx, "met", values, evidence=evidence(excepted))
    values["what"] = describe(ctx.kb, criterion.exceptions)
    return outcome(criterion, ctx, "not_met", values, searched=searched(facts, criterion.exceptions))
