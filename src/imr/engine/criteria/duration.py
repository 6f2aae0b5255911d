"""Time limits: duration of use, chronic use, time since injury and age."""

from __future__ import annotations

import datetime as dt

from imr.engine.criteria.context import EvaluationContext
from imr.engine.criteria.lookup import affirmed, describe, evidence, number, quoted, searched
from imr.engine.criteria.names import duration_name
from imr.engine.criteria.result import outcome
from imr.engine.criteria.sessions import WEEKS_PER_MONTH
from imr.facts.dates import find_loose_dates
from imr.facts.derive_patient import months_between
from imr.guidelines import Criterion
from imr.guidelines.matching import item_generics
from imr.models import ClinicalFacts, CriterionResult, DerivedValue, Evidence, Fact, NormalizedItem

# The exacerbation a short-term drug is allowed for, and the reason when a new course has none.
FLARE_UP = "event.flare_up"
NO_FLARE_UP = "no_acute_exacerbation"


def _generic(item: NormalizedItem) -> str:
    named = item.generic or ", ".join(sorted(item_generics(item)))
    return named or (item.service or "the treatment").replace("_", " ")


def max_duration_of_use(
    criterion: Criterion, item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext
) -> CriterionResult:
    """Use so far (medication_duration_days.<generic>) plus the supply requested, against the limit."""
    days: float | None = None
    proof: list[Evidence] = []
    names = [criterion.value] if criterion.value else [duration_name(g) for g in sorted(item_generics(item))]
    for name in names:
        found, found_evidence = number(facts, name)
        if found is not None and (days is None or found > days):
            days, proof = found, found_evidence
    if ctx.phase == "renewal" and days is not None:
        # a course that ended long before is not this one: the limit is on one course's length
        days, proof = None, []
    supply = _supply_days(criterion, item)
    values = {
        "days": days,
        "max_days": criterion.max_days,
        "generic": _generic(item),
        "requested": supply,
        "supply": _supply_counted(criterion, item) if supply is not None else "",
    }
    if days is None and supply is None:
        return outcome(criterion, ctx, "not_applicable", values)
    assert criterion.max_days is not None
    total = (days or 0) + (supply or 0)
    values["days"] = total  # the phrase states what was compared with the limit
    return outcome(
        criterion, ctx, "met" if total <= criterion.max_days else "not_met", values, evidence=proof
    )


def _supply_days(criterion: Criterion, item: NormalizedItem) -> float | None:
    """The days the requested supply lasts, refills included ("#60 with 2 refills" is three fills):
    from the request's own frequency, else at the most doses a day the drug is taken at (the fewest
    days it can last); None when neither is known."""
    fills = 1 + (item.refills or 0)
    if item.days_supply is not None:
        return float(item.days_supply * fills)
    if item.quantity and criterion.max_doses_a_day:
        return item.quantity * fills / criterion.max_doses_a_day
    return None


def _supply_counted(criterion: Criterion, item: NormalizedItem) -> str:
    """How the supply's days were counted, when the request alone does not show it."""
    parts = []
    if item.refills and item.quantity:
        fills = item.quantity * (1 + item.refills)
        plural = "s" if item.refills > 1 else ""
        parts.append(f"#{item.quantity} with {item.refills} refill{plural}, {fills} in all")
    elif item.quantity and item.days_supply is None:
        parts.append(f"#{item.quantity}")
    if item.days_supply is None and criterion.max_doses_a_day:
        parts.append(f"at no more than {criterion.max_doses_a_day:g} a day")
    return f" (the supply asked: {', '.join(parts)})" if parts else ""


def _recent(fact: Fact, ctx: EvaluationContext, max_months: float | None) -> bool:
    """Whether an exception (a flare-up, an injury, a surgery) is recent enough to make use short-term:
    an event whose clause dates it more than `max_months` before the governing date is history; a
    clause with no date is dated by its record (an operative report of years ago)."""
    if max_months is None or ctx.on is None or ctx.knowledge is None:
        return True
    pivot = ctx.knowledge.nlp.derived.two_digit_year_pivot
    dates = [d.date for d in find_loose_dates((fact.clause or fact.text).lower(), pivot=pivot)]
    dates = [d for d in dates if d <= ctx.on]
    recorded = ctx.record_dates.get(fact.record)
    if not dates and recorded is not None and recorded <= ctx.on:
        dates = [recorded]
    return not dates or months_between(max(dates), ctx.on) <= max_months


PURCHASE_MODIFIERS = frozenset({"purchase", "buy", "purchased"})


def rental_limit(
    criterion: Criterion, item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext
) -> CriterionResult:
    """Equipment supported as a rental for a period: a purchase or more days than `max_days` exceed it."""
    treatment = _generic(item)
    values: dict[str, object] = {
        "treatment": treatment,
        "max_days": criterion.max_days,
        "requested": item.days,
    }
    if PURCHASE_MODIFIERS & {m.lower() for m in item.modifiers}:
        values["what"] = f"A purchase of {treatment}"
        return outcome(criterion, ctx, "not_met", values)
    if item.days is None:
        return outcome(criterion, ctx, "not_applicable", values)
    assert criterion.max_days is not None  # the loader requires it
    values["what"] = f"A {item.days}-day rental of {treatment}"
    return outcome(criterion, ctx, "met" if item.days <= criterion.max_days else "not_met", values)


def chronic_pain(
    facts: ClinicalFacts, ctx: EvaluationContext, min_months: float | None
) -> tuple[bool | None, list[Evidence], float | None]:
    months, months_evidence = number(facts, "months_since_injury")
    stated: DerivedValue | None = facts.value("chronic")
    if stated is not None and isinstance(stated.value, bool):
        return stated.value, stated.evidence, months
    if months is None:
        return None, [], None
    threshold = min_months if min_months is not None else ctx.kb.index.chronic_pain_months
    return months >= threshold, months_evidence, months


def not_recommended_for_chronic_use(
    criterion: Criterion, item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext
) -> CriterionResult:
    """Short-term use only: met for an acute problem or a documented exacerbation, not for chronic use."""
    exceptions = criterion.exceptions
    found = [f for f in affirmed(facts, exceptions) if _recent(f, ctx, criterion.max_months)]
    chronic, proof, months = chronic_pain(facts, ctx, criterion.min_months)
    values = {
        "generic": _generic(item),
        "treatment": _generic(item),
        "months": months,
        "what": describe(ctx.kb, exceptions),
        "found": quoted(found),
    }
    if found:
        return outcome(criterion, ctx, "met", values, evidence=evidence(found))
    ongoing = ctx.phase == "continuation"
    if chronic or ongoing:
        result = outcome(
            criterion,
            ctx,
            "not_met",
            values,
            evidence=proof + ctx.phase_evidence,
            searched=searched(facts, exceptions),
        )
        if not ongoing and FLARE_UP in exceptions:
            # not in use: a course started (or restarted) for chronic pain, which the guideline allows
            # only for a flare-up, and none is documented
            return result.model_copy(update={"reason": NO_FLARE_UP})
        return result
    if chronic is False:
        return outcome(criterion, ctx, "met", values, evidence=proof)
    return outcome(criterion, ctx, "insufficient", values, searched=searched(facts, exceptions))


def _request_date(facts: ClinicalFacts, ctx: EvaluationContext) -> dt.date | None:
    """When the treatment was asked for: the latest clinical (or request) record dated on or before
    the governing date, else the governing date."""
    if ctx.on is None:
        return None
    clinical = set(facts.clinical_records())
    dated = [d for r, d in ctx.record_dates.items() if r in clinical and d is not None and d <= ctx.on]
    return max(dated, default=ctx.on)


def _since_onset(
    item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext
) -> tuple[float, list[Evidence], str] | None:
    """Months from the dated onset of the requested region's complaint to the request (the latest
    onset when the request names several regions), or None when no record dates one."""
    onsets = [v for r in item.body_regions if (v := facts.value(f"onset.{r}")) is not None]
    until = _request_date(facts, ctx)
    if not onsets or until is None:
        return None
    latest = max(onsets, key=lambda v: str(v.value))
    begun = dt.date.fromisoformat(str(latest.value))
    region = latest.name.split(".", 1)[1].replace("_", " ")
    since = (
        f"the onset of the {region} complaint in {begun.month}/{begun.year} "
        f"until the request of {until.month}/{until.day}/{until.year}"
    )
    return float(months_between(begun, until)), latest.evidence, since


def time_since_injury(
    criterion: Criterion, item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext
) -> CriterionResult:
    months, proof = number(facts, "months_since_injury")
    since = "injury"
    onset = _since_onset(item, facts, ctx) if criterion.from_onset else None
    if onset is not None:
        months, proof, since = onset
    values: dict[str, object] = {
        "since": since,
        "months": months,
        "min_months": criterion.min_months,
        "max_months": criterion.max_months,
    }
    excepted = [f for c in criterion.exceptions for f in facts.affirmed(c)]
    if excepted and criterion.min_months is None and criterion.max_months is None:
        # a documented exception (a red flag, a suspected fracture) lifts a waiting period
        values["found"] = quoted(excepted)
        return outcome(criterion, ctx, "met", values, evidence=[f.evidence() for f in excepted])
    if months is None:
        return outcome(criterion, ctx, "insufficient", values)
    ok = True
    if criterion.min_months is not None:
        ok = ok and months >= criterion.min_months
    if criterion.min_weeks is not None:
        ok = ok and months * WEEKS_PER_MONTH >= criterion.min_weeks
    if criterion.max_months is not None:
        ok = ok and months <= criterion.max_months
    return outcome(criterion, ctx, "met" if ok else "not_met", values, evidence=proof)


def age_threshold(
    criterion: Criterion, item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext
) -> CriterionResult:
    age, proof = number(facts, "age")
    values = {"age": age, "min_age": criterion.min_age, "max_age": criterion.max_age}
    if age is None:
        return outcome(criterion, ctx, "insufficient", values)
    ok = (criterion.min_age is None or age >= criterion.min_age) and (
        criterion.max_age is None or age <= criterion.max_age
    )
    return outcome(criterion, ctx, "met" if ok else "not_met", values, evidence=proof)


def screens_within_year(
    criterion: Criterion, item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext
) -> CriterionResult:
    """Tests already done in the `max_months` before the governing date (distinct months of the dated
    `counted` mentions), against `limit` in that window for the documented risk level (`concepts`)."""
    level = affirmed(facts, criterion.concepts)
    values: dict[str, object] = {
        "limit": criterion.limit,
        "max_months": criterion.max_months,
        "found": quoted(level),
        "count": 0,
        "dates": "",
    }
    if not level or ctx.on is None or ctx.knowledge is None:
        return outcome(criterion, ctx, "not_applicable", values)
    on = ctx.on
    values["on"] = f"{on.month}/{on.day}/{on.year}"
    excepted = affirmed(facts, criterion.exceptions)
    if excepted:
        values["found"] = f": {quoted(excepted)}"
        return outcome(criterion, ctx, "met", values, evidence=evidence(excepted))
    pivot = ctx.knowledge.nlp.derived.two_digit_year_pivot
    assert criterion.max_months is not None  # the loader requires it
    window = criterion.max_months
    months: dict[tuple[int, int], Fact] = {}
    for fact in affirmed(facts, criterion.counted):
        for written in find_loose_dates((fact.clause or fact.text).lower(), pivot=pivot):
            when = written.date
            if when <= on and months_between(when, on) < window:
                months.setdefault((when.year, when.month), fact)
    values["count"] = len(months)
    values["dates"] = ", ".join(f"{m}/{y}" for y, m in sorted(months))
    assert criterion.limit is not None  # the loader requires it
    proof = evidence(level) + evidence(months.values())
    if len(months) >= criterion.limit:
        return outcome(criterion, ctx, "not_met", values, evidence=proof)
    values["found"] = ""
    return outcome(criterion, ctx, "met", values, evidence=proof)
