"""Visit counts and treatment frequency/duration: max initial trial, max total, frequency and duration."""

from __future__ import annotations

import datetime as dt

from imr.engine.criteria.anatomy import on_side
from imr.engine.criteria.context import EvaluationContext
from imr.engine.criteria.lookup import affirmed, describe, evidence, number, quoted, searched
from imr.engine.criteria.names import sessions_name
from imr.engine.criteria.result import outcome
from imr.engine.phase import course_elsewhere
from imr.facts.dates import find_loose_dates
from imr.facts.derive_patient import months_between
from imr.facts.derive_treatment import completed_sessions, measure_evidence
from imr.guidelines import Criterion
from imr.models import ClinicalFacts, CriterionResult, Evidence, Fact, ItemKind, NormalizedItem
from imr.models.facts import USED, ModifierCategory

WEEKS_PER_MONTH = 52 / 12  # calendar arithmetic, not a guideline number
_SESSIONS_PREFIX = sessions_name("")


def requested_sessions(item: NormalizedItem, hours_per_session: float | None = None) -> float | None:
    """Sessions asked for: stated, or frequency x weeks; a program asked for in hours, its hours over
    the program's day length (`hours_per_session`, the guideline data's) when that is known."""
    if item.sessions is not None:
        return float(item.sessions)
    if item.frequency_per_week is not None and item.weeks is not None:
        return item.frequency_per_week * item.weeks
    if item.kind == ItemKind.PROGRAM and item.days is not None:
        # "Functional restoration program x 10 days": a program's sessions are its days
        return float(item.days)
    if item.kind == ItemKind.PROGRAM and item.hours is not None and hours_per_session is not None:
        # "Functional restoration program x 80 hours": 80 hours of full program days
        return item.hours / hours_per_session
    return None


def _service(item: NormalizedItem, ctx: EvaluationContext | None = None) -> str:
    if item.service and ctx is not None and ctx.knowledge is not None:
        return ctx.knowledge.canonical.service_label(item.service)
    return (item.service or "treatment").replace("_", " ")


def max_initial_trial_sessions(
    criterion: Criterion, item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext
) -> CriterionResult:
    requested = requested_sessions(item)
    values = {"requested": requested, "limit": criterion.limit, "service": _service(item, ctx)}
    if requested is None:
        return outcome(criterion, ctx, "insufficient", values)
    assert criterion.limit is not None  # the loader requires it
    return outcome(criterion, ctx, "met" if requested <= criterion.limit else "not_met", values)


def _regional_count(
    facts: ClinicalFacts, item: NormalizedItem, ctx: EvaluationContext, name: str
) -> tuple[float | None, list[Evidence]]:
    """The sessions already completed of the derived count `name`, without counts of a course for another
    body part than the request's ("Neck: 8 PT visits" is no earlier lumbar course): the largest left."""
    completed, proof = number(facts, name)
    if completed is None or ctx.knowledge is None:
        return completed, proof
    counts = completed_sessions(facts.facts).get(name.removeprefix(_SESSIONS_PREFIX), [])
    mentions = [f for f, _ in counts]
    elsewhere = course_elsewhere(ctx.knowledge, item, mentions)
    if not elsewhere:
        return completed, proof
    kept = [(f, m) for f, m in counts if all(f is not e for e in elsewhere)]
    values = [float(m.value) for _, m in kept if isinstance(m.value, float | int)]
    if not values:
        return None, []
    return max(values), [measure_evidence(f, m) for f, m in kept]


def max_total_sessions(
    criterion: Criterion, item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext
) -> CriterionResult:
    requested = requested_sessions(item, criterion.hours_per_session)
    if requested is None and item.kind == ItemKind.INJECTION and item.quantity is None:
        # "Subacromial corticosteroid injection, left shoulder" asks for one injection
        requested = 1.0
    name = criterion.value or sessions_name(item.service)
    completed, evidence = _regional_count(facts, item, ctx, name)
    counted = completed
    shown: object = completed
    if ctx.phase == "renewal" and completed is not None:
        # a new course after a lapse (a flare-up years on) is a course of its own: the earlier course's
        # sessions do not fill this one (a cap per injury is a criterion of its own)
        counted = None
        shown = f"{completed:g}, in an earlier course"
    elif ctx.phase == "initial" and ctx.phase_evidence and completed is not None:
        # an initial course whose phase rests on what the records say of the earlier one (a course for
        # another body part, or none of this treatment at all): that course's visits are not this one's
        counted = None
        shown = f"{completed:g}, in another course"
    if completed is None and ctx.phase == "initial":
        shown = "none, an initial request"
    total = None if requested is None else requested + (counted or 0)
    values = {
        "requested": requested,
        "completed": shown,
        "total": total,
        "limit": criterion.limit,
        "service": _service(item, ctx),
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
        "service": _service(item, ctx),
    }
    weeks = item.weeks
    if (
        weeks is None
        and item.frequency_per_week is None
        and item.kind == ItemKind.PROGRAM
        and criterion.sessions_per_week is not None
        and (days := requested_sessions(item, criterion.hours_per_session)) is not None
    ):
        # "Functional restoration program x 20 days": weeks of full program days
        weeks = days / criterion.sessions_per_week
        values["frequency"] = f"{criterion.sessions_per_week:g} program days"
        values["weeks"] = f"{weeks:g}"
    checks: list[bool] = []
    if criterion.max_per_week is not None and item.frequency_per_week is not None:
        checks.append(item.frequency_per_week <= criterion.max_per_week)
    if max_weeks is not None and weeks is not None:
        checks.append(weeks <= max_weeks)
    if not checks:
        return outcome(criterion, ctx, "not_applicable", values)
    return outcome(criterion, ctx, "met" if all(checks) else "not_met", values)


# Sections that speak of surgery still to come, not surgery done.
_NOT_DONE_SECTIONS = frozenset({"plan", "request", "ur"})
# Modifiers under which a surgery named is not one planned for the worker.
_NOT_PLANNED = (ModifierCategory.NEGATED, ModifierCategory.FAMILY, ModifierCategory.DOCUMENTATION_ABSENT)


def _surgery_date(fact: Fact, facts: ClinicalFacts, ctx: EvaluationContext) -> dt.date | None:
    """When the surgery was done: a date written in its clause, else the operative report's date."""
    text = (fact.clause or fact.sentence).lower()
    dates = (
        [d.latest() for d in find_loose_dates(text, pivot=ctx.knowledge.nlp.derived.two_digit_year_pivot)]
        if ctx.knowledge is not None
        else []
    )
    if ctx.on is not None:
        dates = [d for d in dates if d <= ctx.on]
    if dates:
        return max(dates)
    role = facts.record_roles.get(fact.record)
    if role is not None and role.kind == "operative_report":
        return role.date or ctx.record_dates.get(fact.record)
    return None


# The sessions counted for therapy in general, when the request names postsurgical therapy.
_THERAPY_SESSIONS = "sessions_completed.physical_therapy"
_POSTOP = (
    "post op",
    "post-op",
    "postop",
    "post operative",
    "post-operative",
    "postoperative",
    "after surgery",
)


def _completed_after(
    facts: ClinicalFacts, item: NormalizedItem, surgery: dt.date | None, ctx: EvaluationContext
) -> float | None:
    """Visits already given after the surgery: the service's own count, else the therapy count when
    its clauses say post-op or its records are dated after the surgery."""
    completed, _ = number(facts, sessions_name(item.service))
    if completed is not None:
        return completed
    found = facts.value(_THERAPY_SESSIONS)
    count, proof = number(facts, _THERAPY_SESSIONS)
    if found is None or count is None or not proof:
        return None
    after = surgery is not None and all(
        (d := ctx.record_dates.get(e.record)) is not None and d >= surgery for e in proof
    )
    if after or any(w in e.text.lower() for e in proof for w in _POSTOP):
        return count
    return None


def postsurgical_course(
    criterion: Criterion, item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext
) -> CriterionResult:
    """The course after one surgery (the criterion's `concepts`): within its postsurgical period
    (`max_months`), an initial course (`initial_limit`), then the general course (`limit`) with the
    visits already given."""
    # the surgery on the requested side: therapy of the right wrist does not follow a left wrist's
    # release of years before
    sided = [f for f in affirmed(facts, criterion.concepts) if on_side(f, item.laterality)]
    done = [
        f
        for f in sided
        if f.section not in _NOT_DONE_SECTIONS and (f.usage is None or f.usage.status in USED)
    ]
    requested = requested_sessions(item)
    values: dict[str, object] = {
        "requested": requested,
        "limit": criterion.limit,
        "initial_limit": criterion.initial_limit,
        "max_months": criterion.max_months,
        "service": _service(item, ctx),
        "found": quoted(done),
    }
    # the loader requires them
    assert criterion.limit is not None and criterion.initial_limit is not None
    assert criterion.max_months is not None
    if not done:
        # therapy asked for with the surgery it is to follow ("RFA R carpal tunnel release; post-op OT
        # 3x4"): the first course after that surgery is the initial course
        # the surgery recommended or planned ("Recommend R open carpal tunnel release"), not only done
        planned = sided or [
            f
            for c in criterion.concepts
            for f in facts.mentions(c)
            if f.has(ModifierCategory.HYPOTHETICAL)
            and not any(f.has(m) for m in _NOT_PLANNED)
            and on_side(f, item.laterality)
        ]
        if not planned or requested is None or ctx.phase != "initial":
            return outcome(criterion, ctx, "not_applicable", values)
        values["found"] = quoted(planned)
        values["total"] = requested
        values["what"] = (
            f"{requested:g} visits against the {criterion.initial_limit:g} the initial course allows"
        )
        within = requested <= criterion.initial_limit
        return outcome(criterion, ctx, "met" if within else "not_met", values, evidence=evidence(planned))
    proof = evidence(done)
    dated = [d for f in done if (d := _surgery_date(f, facts, ctx)) is not None]
    if dated and ctx.on is not None:
        surgery = max(dated)
        months = months_between(surgery, ctx.on)
        values["months"] = months
        if months > criterion.max_months or (months == criterion.max_months and ctx.on.day > surgery.day):
            values["what"] = f"{months} months after the surgery"
            return outcome(criterion, ctx, "not_met", values, evidence=proof)
    if requested is None:
        return outcome(criterion, ctx, "insufficient", values, evidence=proof)
    if ctx.phase == "initial":
        allowed = float(criterion.initial_limit)
        total = requested
    else:
        completed = _completed_after(facts, item, max(dated) if dated else None, ctx)
        allowed = float(criterion.limit)
        total = requested + (completed or 0)
    values["total"] = total
    values["what"] = f"{total:g} visits against the {allowed:g} this stage of the course allows"
    return outcome(criterion, ctx, "met" if total <= allowed else "not_met", values, evidence=proof)


def max_quantity(
    criterion: Criterion, item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext
) -> CriterionResult:
    """The number of tests or units asked at once within `limit`, unless an exception (a risk that
    calls for more) is documented; a request that states no number is not compared."""
    requested = item.quantity if item.quantity is not None else requested_sessions(item)
    values: dict[str, object] = {
        "requested": requested,
        "limit": criterion.limit,
        "service": _service(item, ctx),
    }
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


# a bilateral request injects each level on the left and on the right
_SIDES = ("left", "right")


def max_levels(
    criterion: Criterion, item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext
) -> CriterionResult:
    """The levels injected in one session (each side of a bilateral request counted) within `limit`."""
    if not item.levels:
        return outcome(criterion, ctx, "not_applicable", {"limit": criterion.limit})
    assert criterion.limit is not None  # the loader requires it
    both = item.laterality == "bilateral"
    injected = len(item.levels) * len(_SIDES if both else _SIDES[:1])
    what = ", ".join(item.levels) + (", both sides" if both else "")
    values: dict[str, object] = {"requested": f"{injected} levels", "limit": criterion.limit, "what": what}
    return outcome(criterion, ctx, "met" if injected <= criterion.limit else "not_met", values)
