"""Documented findings: a finding required present, required absent, and functional improvement."""

from __future__ import annotations

import datetime as dt
import re

from imr.engine.criteria.anatomy import at_level, on_limb, on_side
from imr.engine.criteria.context import EvaluationContext
from imr.engine.criteria.dose import newest_first
from imr.engine.criteria.lookup import (
    affirmed,
    describe,
    evidence,
    quoted,
    refuted,
    searched,
    told_first,
    with_kinds,
)
from imr.engine.criteria.result import outcome
from imr.engine.phase import at_requested_region, regional, service_concepts
from imr.facts.dates import find_dates, find_loose_dates, time_ago
from imr.facts.derive_patient import months_between
from imr.guidelines import Criterion
from imr.guidelines.matching import item_generics
from imr.knowledge import Knowledge
from imr.models import ClinicalFacts, CriterionResult, Fact, NormalizedItem
from imr.models.facts import USED, UsageStatus
from imr.text.references import ref

# Usage under which a treatment a note names was not had (yet).
_NOT_HAD = frozenset({UsageStatus.PLANNED, UsageStatus.NEVER})

FUNCTIONAL_IMPROVEMENT = "outcome.functional_improvement"
NO_IMPROVEMENT = "outcome.no_improvement"
# a benefit said with nothing measured ("states it helps"): what the records say, not documented improvement
REPORTED_BENEFIT = "outcome.reported_benefit"
RETURN_TO_WORK = "outcome.return_to_work"
WORK_STATUS = "outcome.work_status"
RENEWAL = "renewal"  # the phase of a treatment taken up again after a lapse
FLARE_UP = "event.flare_up"
WORK_STATUS_SECTION = "work_status"  # a section name of the record reader
CONTRADICTED = "inconsistent_record"  # a reason code of kinds.yaml
# The elements of the regulatory definition of functional improvement (ADLs, work restrictions,
# dependency on care) and measured function: a report of improvement counts only when it comes with one
# of these or a measured value; "her function improves" alone is a subjective report, not documentation.
OBJECTIVE_CONCEPTS = (
    "outcome.adl_improvement",
    "outcome.return_to_work",
    "outcome.medication_reduction",
    "outcome.function_gain",
    "function.walking",
)
# Measured changes (numbers before and after) are objective by construction.
MEDICATION_REDUCTION = "outcome.medication_reduction"
MEASURED_CONCEPTS = frozenset({"outcome.function_gain", MEDICATION_REDUCTION})
DEFINITION_CONCEPTS = (
    "outcome.adl_improvement",
    "outcome.return_to_work",
    "outcome.function_gain",
    "outcome.medication_reduction",
)
_DIGIT = re.compile(r"\d")
# Usage that says a treatment is not in use now (a criterion's `in_use`)
_NOT_IN_USE = frozenset({UsageStatus.STOPPED, UsageStatus.NEVER})


def _objective(fact: Fact, facts: ClinicalFacts) -> bool:
    if fact.concept in MEASURED_CONCEPTS:
        return True
    if fact.concept != FUNCTIONAL_IMPROVEMENT or fact.measures or _DIGIT.search(fact.sentence or fact.text):
        return True
    return any(
        other.record == fact.record and other.sentence == fact.sentence
        for concept in OBJECTIVE_CONCEPTS
        for other in facts.affirmed(concept)
    )


# What states a benefit, and what denies one, when two records are compared on the same treatment.
_BENEFIT = (FUNCTIONAL_IMPROVEMENT, "outcome.pain_relief")
# Benefit documented, not just reported ("it helps"): measured, or an activity, work or less medication.
_DOCUMENTED = frozenset({"outcome.analgesia", *DEFINITION_CONCEPTS})


def _documented(item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext) -> list[Fact]:
    """Benefit credited to the requested treatment (its own, or of no treatment in particular) and
    documented: measured, or an activity, work or less medication."""
    return [
        f
        for f in affirmed(facts, with_kinds(ctx.knowledge, _BENEFIT))
        if about_item(f, item, ctx, facts)
        and (f.concept in _DOCUMENTED or (f.concept == FUNCTIONAL_IMPROVEMENT and _objective(f, facts)))
    ]


_PERCENT = re.compile(r"\d{1,3}(?:\.\d)?\s*%")
PAIN = "finding.pain"
PAIN_SCORE = "pain_score"


def _percentage_only(fact: Fact, facts: ClinicalFacts) -> bool:
    """Whether a benefit is only a percentage said of it ("Norco gives 50% improvement in function and
    pain"), with nothing measured or done named beside it."""
    if fact.concept == "outcome.analgesia":
        return bool(fact.value and fact.value.endswith("% relief"))
    if fact.concept != FUNCTIONAL_IMPROVEMENT or fact.measures:
        return False
    sentence = fact.sentence or fact.text
    if not _PERCENT.search(sentence) or _DIGIT.search(_PERCENT.sub("", sentence)):
        return False
    return not any(
        other.record == fact.record and other.sentence == fact.sentence
        for concept in OBJECTIVE_CONCEPTS
        for other in facts.affirmed(concept)
    )


def _score(fact: Fact) -> float:
    return next(float(m.value) for m in fact.measures if m.kind == PAIN_SCORE and isinstance(m.value, float))


def _unborne(
    found: list[Fact], item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext
) -> tuple[list[Fact], list[Fact]] | None:
    """A benefit documented only as percentages said of a drug, while the pain score of the record that
    says it is no lower than the first one recorded during the drug's use: the numbers the records
    measured do not bear the stated improvement out. Returns the claims and the two scores."""
    if not found or not all(_percentage_only(f, facts) for f in found):
        return None
    generics = item_generics(item)
    if not generics:
        return None
    dates = ctx.record_dates

    def scored(record: str) -> Fact | None:
        scores = [
            f
            for f in facts.affirmed(PAIN)
            if f.record == record
            and f.section not in _PLANNED_SECTIONS
            and any(m.kind == PAIN_SCORE and isinstance(m.value, float) for m in f.measures)
        ]
        return scores[0] if scores else None

    def in_use(record: str) -> bool:
        return any(
            f.record == record
            and f.value in generics
            and f.section not in _PLANNED_SECTIONS
            and (f.usage is None or f.usage.status in USED)
            for f in facts.affirmed("treatment.medication")
        )

    for claim in found:
        when = dates.get(claim.record)
        now = scored(claim.record)
        if when is None or now is None:
            continue
        earlier = sorted(
            (d, r)
            for r, d in dates.items()
            if d is not None and d < when and not _dispute_record(r, facts) and in_use(r)
        )
        first = next((f for _, r in earlier if (f := scored(r)) is not None), None)
        if first is not None and _score(now) >= _score(first):
            return [f for f in found if f.record == claim.record], [first, now]
    return None


def _dispute_record(record: str, facts: ClinicalFacts) -> bool:
    note = facts.record_roles.get(record)
    return note is not None and note.role == "dispute"


def _benefit_clash(
    item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext
) -> tuple[Fact, Fact] | None:
    """A benefit documented for the requested treatment in one record and denied of that treatment by
    name in another close in time: the records disagree on what decides a continuation. Within one
    record they are left to the contradiction check of the facts."""
    said = _documented(item, facts, ctx)
    if not said:
        return None
    kinds = with_kinds(ctx.knowledge, _BENEFIT)
    denied = [
        f
        for f in [*facts.affirmed(NO_IMPROVEMENT), *(n for c in kinds for n in facts.negated(c))]
        if f.about and about_item(f, item, ctx, facts)
    ]
    window = _benefit_window(ctx)
    clash = next(
        (
            (a, d)
            for a in said
            for d in denied
            if a.record != d.record
            and _close(a, d, ctx.record_dates, window)
            and _names_item(a, item, facts, ctx)
        ),
        None,
    )
    return clash or _work_clash(said, item, facts, ctx) or _stop_clash(said, item, facts, ctx)


def _stop_clash(
    said: list[Fact], item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext
) -> tuple[Fact, Fact] | None:
    """A benefit of the requested treatment documented in one record, and another clinical record
    close in time that says the worker stopped that treatment some time ago ("stopped the tramadol
    about three months ago"), before the record that documents its benefit: the records disagree on
    whether the treatment whose benefit decides was being used at all. A stop with no time given
    may have come after the benefit, and is no contradiction."""
    window = _benefit_window(ctx)
    generics = set(item_generics(item))
    concepts = (
        set(service_concepts(ctx.knowledge, item, ctx.topic)) if ctx.knowledge and item.service else set()
    )
    stops = [
        f
        for f in facts.facts
        if f.usage is not None
        and f.usage.status == UsageStatus.STOPPED
        and not _dispute(f, facts)
        and ((generics and f.value in generics) or f.concept in concepts)
    ]
    for stop in stops:
        on = ctx.record_dates.get(stop.record)
        since = time_ago((stop.sentence or stop.text).lower(), on) if on is not None else None
        if since is None:
            continue
        for benefit in said:
            then = ctx.record_dates.get(benefit.record)
            if (
                benefit.record != stop.record
                and then is not None
                and since < then
                and _close(benefit, stop, ctx.record_dates, window)
            ):
                return benefit, stop
    return None


def _work_clash(
    said: list[Fact], item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext
) -> tuple[Fact, Fact] | None:
    """A return to work documented as the benefit in one record, and the worker off work (not
    working, temporarily totally disabled) in another clinical record's work status within the
    finding window: the records disagree on the work status that documents the benefit. Work status
    changes, so only records close in time clash; a return planned or set as a goal is not one."""
    policy = ctx.kb.index.review_policy
    returned = re.compile(policy.returned_to_work, re.IGNORECASE)
    back = [
        f
        for f in said
        if f.concept == RETURN_TO_WORK
        and f.section not in _PLANNED_SECTIONS
        and returned.search(f.text)
        and _names_item(f, item, facts, ctx)
    ]
    if not back:
        return None
    # the status a record gives as the worker's current one (its work-status section), not a baseline
    # recalled in its history ("Pre-treatment (3/17): ... TTD")
    off = [
        f
        for f in facts.affirmed(WORK_STATUS)
        if f.value in policy.off_work_statuses and f.section == WORK_STATUS_SECTION and not _dispute(f, facts)
    ]
    window = dt.timedelta(days=policy.conflicting_finding_days)
    clash = next(
        (
            (a, d)
            for a in back
            for d in off
            if a.record != d.record and _close(a, d, ctx.record_dates, window)
        ),
        None,
    )
    if clash is not None:
        return clash
    # a later clinical record that says the worker has not gone back ("He has not returned to work
    # since 2014 and remains on TTD"): an earlier "not back yet" is only the time before the return
    not_back = [
        f
        for f in facts.negated(RETURN_TO_WORK)
        if f.section not in _PLANNED_SECTIONS and not _dispute(f, facts)
    ]
    # one that says it of the whole time since the injury ("has not returned to work since the injury")
    # denies a return told of that time, however far apart the two notes are
    since_injury = re.compile(policy.denied_since_injury, re.IGNORECASE)
    return next(
        (
            (a, d)
            for a in back
            for d in not_back
            if a.record != d.record
            and (_close(a, d, ctx.record_dates, window) or since_injury.search(d.clause or d.sentence))
            and _not_before(d, a, ctx.record_dates)
        ),
        None,
    )


def _not_before(later: Fact, earlier: Fact, dates: dict[str, dt.date | None]) -> bool:
    """Whether `later`'s record is dated on or after `earlier`'s (undated ones may be either)."""
    first, second = dates.get(earlier.record), dates.get(later.record)
    return first is None or second is None or second >= first


def _names_item(fact: Fact, item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext) -> bool:
    """Whether a return to work is the requested treatment's: credited to it by name, or (credited to
    nothing in particular) read from a record that names it. A return to work in a note about another
    treatment is not this one's benefit."""
    if fact.about:
        return True  # `_documented` has credited it to the item already
    names = item_generics(item) if (item.generic or item.generics) else set()
    concepts = set(service_concepts(ctx.knowledge, item, ctx.topic)) if ctx.knowledge is not None else set()
    # a treatment the note only plans or asks for ("PLAN: acupuncture 2x3 additional") was not what the
    # worker returned to work with
    return any(
        other.record == fact.record
        and other.affirmed
        and (other.concept in concepts or (names and other.value in names))
        and (other.usage is None or other.usage.status not in _NOT_HAD)
        for other in facts.facts
    )


def _dispute(fact: Fact, facts: ClinicalFacts) -> bool:
    """Whether the fact is read from the dispute (a UR decision, an application), not a clinical record."""
    note = facts.record_roles.get(fact.record)
    return note is not None and note.role == "dispute"


def _benefit_window(ctx: EvaluationContext) -> dt.timedelta:
    return dt.timedelta(days=ctx.kb.index.review_policy.conflicting_benefit_days)


def _superseded(fact: Fact, later: list[Fact], ctx: EvaluationContext) -> bool:
    """Whether `fact` is older than one of `later` by more than the benefit window: the course has
    changed since, and the later record governs."""
    when = ctx.record_dates.get(fact.record)
    if when is None:
        return False
    window = _benefit_window(ctx)
    return any(
        (then := ctx.record_dates.get(other.record)) is not None and then - when > window for other in later
    )


def _denied_of_item(
    record: str | None, item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext
) -> bool:
    """Whether a note denies improvement of the requested treatment (or of none named): a note that
    says an ESI helped and PT did not does not contradict itself about the ESI."""
    kinds = with_kinds(ctx.knowledge, _BENEFIT)
    denied = [
        f
        for f in [*facts.affirmed(NO_IMPROVEMENT), *(n for c in kinds for n in facts.negated(c))]
        if f.record == record
    ]
    # a contradiction given without the statements it rests on is taken as it is
    return not denied or any(
        about_item(f, item, ctx, facts) and not _held(f, item, facts, ctx) for f in denied
    )


def _held(fact: Fact, item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext) -> bool:
    """Whether a denial that names no treatment ("low back pain unchanged") stands beside a benefit its
    own note measures and credits to the requested treatment by name ("pain 8/10 without TENS, 5/10
    with"): the condition is held where it is with the treatment, which is its benefit, not a denial."""
    if fact.about:
        return False
    return any(b.record == fact.record and b.about and _measured(b) for b in _documented(item, facts, ctx))


def _measured(fact: Fact) -> bool:
    """A benefit stated as a measured change: fewer pills, a function gained, or pain scores compared."""
    return (
        fact.concept in MEASURED_CONCEPTS
        or bool(fact.measures)
        or (
            fact.concept == "outcome.analgesia" and bool(fact.value) and not _PERCENT.search(fact.value or "")
        )
    )


def _before_course(fact: Fact, item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext) -> bool:
    """Whether `fact`, said of no treatment in particular, is dated before any record tells of the
    requested service in use: a course not yet begun cannot have failed ("worsening leg pain" in a
    consultation before the first CBT session is not CBT's result)."""
    if fact.about or not item.service or ctx.knowledge is None:
        return False
    when = ctx.record_dates.get(fact.record)
    if when is None:
        return False
    concepts = service_concepts(ctx.knowledge, item, ctx.topic)
    used = [
        ctx.record_dates.get(f.record)
        for c in concepts
        for f in facts.mentions(c)
        if f.usage is not None and f.usage.status in USED
    ]
    dates = [d for d in used if d is not None]
    return bool(dates) and when < min(dates)


def _ahead(fact: Fact, ctx: EvaluationContext) -> bool:
    """Whether a plan's outcome is dated after its own record: "PLAN: RTW modified duty 5/4/15" in a
    note of 4/30/15 is a return to work planned, not one that happened."""
    when = ctx.record_dates.get(fact.record)
    if when is None or fact.section not in _PLANNED_SECTIONS or ctx.knowledge is None:
        return False
    low = (fact.clause or fact.sentence).lower()
    pivot = ctx.knowledge.nlp.derived.two_digit_year_pivot
    return any(d.date > when for d in find_dates(low, pivot=pivot) if d.precision == "day")


def _close(a: Fact, b: Fact, dates: dict[str, dt.date | None], window: dt.timedelta) -> bool:
    """Whether two records are close enough in time to contradict each other (undated ones are)."""
    first, second = dates.get(a.record), dates.get(b.record)
    return first is None or second is None or abs(first - second) <= window


def _clause(fact: Fact) -> str:
    return " ".join(fact.evidence().text.split()).strip('"“”')


def about_item(
    fact: Fact, item: NormalizedItem, ctx: EvaluationContext, facts: ClinicalFacts | None = None
) -> bool:
    """Whether a benefit may be credited to the requested treatment: it is attributed to it, or to
    the current medications (for a drug), or to nothing in particular. Given the `facts`, a benefit
    credited to the broader kind ("after the injection") counts when its record names no other
    treatment of that kind than the requested one (a TFESI follow-up, not a facet block's)."""
    if not fact.about:
        return True
    if fact.concept == MEDICATION_REDUCTION and not (item.generic or item.generics):
        # "Norco decreased from 4/day to 2/day" names the drug cut, not what made the cut possible: for a
        # service it is credited like a benefit said of nothing in particular, unless a treatment is named
        treatments = [a for a in fact.about if a.startswith("treatment.")]
        if not treatments:
            return True
    if item.generic or item.generics:
        names = item_generics(item) | {"medications"}
        if item.drug_class:
            names.add(item.drug_class)
        return bool(names & set(fact.about))
    if ctx.knowledge is None:
        return True
    own = set(service_concepts(ctx.knowledge, item, ctx.topic))
    if own & set(fact.about):
        return facts is None or _at_region(fact, item, own, ctx, facts)
    if facts is None:
        return False
    broader = {a for a in fact.about if any(c.startswith(a + ".") for c in own)}
    if not broader:
        return False
    named = {
        f.concept
        for f in facts.facts
        if f.record == fact.record and any(f.concept.startswith(a + ".") for a in broader)
    }
    return bool(named) and named <= own


def _at_region(
    fact: Fact, item: NormalizedItem, own: set[str], ctx: EvaluationContext, facts: ClinicalFacts
) -> bool:
    """Whether a benefit credited to a regional treatment (an injection) is the requested site's: the
    mentions of the treatment in its sentence do not all name another body region ("the lumbar
    injection gave no relief" says nothing of a shoulder injection)."""
    if ctx.knowledge is None or not regional(ctx.knowledge, item):
        return True
    mentions = [
        m
        for m in facts.facts
        if m.record == fact.record and m.sentence == fact.sentence and m.concept in own and m.affirmed
    ]
    return not mentions or any(at_requested_region(ctx.knowledge, item, m) for m in mentions)


# The studies whose mention in a sentence makes a finding there a reported result ("MRI with R L5-S1
# protrusion"), by the record kind that would hold the report itself.
_STUDY_CONCEPTS = {
    "imaging": ("study.mri", "study.ct", "study.xray"),
    "electrodiagnostic": ("study.emg_ncs",),
}
_PLANNED_SECTIONS = frozenset({"plan", "request"})
STUDY_RECORD_KINDS = frozenset(_STUDY_CONCEPTS)


def _reported_study(fact: Fact, facts: ClinicalFacts, sources: list[str]) -> bool:
    """Whether the fact is read from a study report of one of `sources`, or from a sentence of a note
    that reports such a study as done (not one planned or asked for)."""
    if not facts.record_roles:
        return True  # facts given without their records (decision tables): where they came from is unknown
    note = facts.record_roles.get(fact.record)
    if note is not None and note.kind in sources:
        return True
    if fact.section in _PLANNED_SECTIONS:
        return False
    studies = [c for kind in sources for c in _STUDY_CONCEPTS.get(kind, ())]
    return any(
        other.record == fact.record
        and other.sentence == fact.sentence
        and other.section not in _PLANNED_SECTIONS
        for concept in studies
        for other in facts.affirmed(concept)
    )


def _from_kinds(fact: Fact, facts: ClinicalFacts, kinds: list[str]) -> bool:
    """Whether the fact is read from a record of one of `kinds`."""
    note = facts.record_roles.get(fact.record)
    return note is not None and note.kind in kinds


def _where(
    criterion: Criterion,
    item: NormalizedItem,
    facts: ClinicalFacts,
    found: list[Fact],
    knowledge: Knowledge | None = None,
) -> list[Fact]:
    """The facts read where the criterion asks: in its record kinds and sections, on the requested
    side, limb and level."""
    if criterion.sources:
        found = [f for f in found if _reported_study(f, facts, criterion.sources)]
    if criterion.except_sources:
        found = [f for f in found if not _from_kinds(f, facts, criterion.except_sources)]
    if criterion.sections:
        found = [f for f in found if f.section is None or f.section in criterion.sections]
    if criterion.same_side:
        found = [f for f in found if on_side(f, item.laterality)]
    if criterion.same_level:
        found = [f for f in found if at_level(f, item.levels)]
    if criterion.same_limb and knowledge is not None:
        limbs = knowledge.guidelines.index.limbs
        found = [f for f in found if on_limb(f, list(item.body_regions), limbs, knowledge.vocab)]
    return found


def _older_than(fact: Fact, months: float, ctx: EvaluationContext) -> bool:
    """Whether `fact` is dated (by a date in its clause, else by its record) more than `months` before
    the governing date; an undated one is not."""
    if ctx.on is None or ctx.knowledge is None:
        return False
    pivot = ctx.knowledge.nlp.derived.two_digit_year_pivot
    said = [d.latest() for d in find_loose_dates((fact.clause or fact.sentence).lower(), pivot=pivot)]
    said = [d for d in said if d <= ctx.on]
    when = max(said) if said else ctx.record_dates.get(fact.record)
    return when is not None and months_between(when, ctx.on) > months


def requires_finding_present(
    criterion: Criterion, item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext
) -> CriterionResult:
    """Met when one of `concepts` (and every one of `all_of`) is affirmed; silence is insufficient.
    `sources`, `sections`, `same_side` and `same_level` say where a finding counts."""
    wanted = [*criterion.concepts, *criterion.all_of]
    values: dict[str, object] = {"what": describe(ctx.kb, criterion.concepts or criterion.all_of)}
    if criterion.min_count:
        values["min_count"] = criterion.min_count
    any_found = _where(
        criterion, item, facts, affirmed(facts, with_kinds(ctx.knowledge, criterion.concepts)), ctx.knowledge
    )
    ended: list[Fact] = []
    if criterion.in_use:
        ended = [f for f in any_found if f.usage is not None and f.usage.status in _NOT_IN_USE]
        any_found = [f for f in any_found if f not in ended]
    if criterion.max_months is not None:
        # what must be recent ("monitored, including drug testing"): one dated longer ago than
        # `max_months` before the governing date is no monitoring now
        stale = [f for f in any_found if _older_than(f, criterion.max_months, ctx)]
        any_found = [f for f in any_found if f not in stale]
        ended += stale
    all_missing = [
        c
        for c in criterion.all_of
        if not _where(criterion, item, facts, affirmed(facts, with_kinds(ctx.knowledge, [c])), ctx.knowledge)
    ]
    if criterion.min_count and any_found:
        distinct = {(f.value or f.text).lower() for f in any_found}
        if len(distinct) < criterion.min_count:
            # too few different findings: what is documented is quoted against the request
            values["found"] = quoted(any_found)
            values["count"] = len(distinct)
            return outcome(
                criterion,
                ctx,
                "not_met",
                values,
                evidence=evidence(any_found),
                searched=searched(facts, wanted),
            )
    if (any_found or not criterion.concepts) and not all_missing:
        found = any_found + _where(
            criterion,
            item,
            facts,
            affirmed(facts, with_kinds(ctx.knowledge, criterion.all_of)),
            ctx.knowledge,
        )
        if criterion.newest and found:
            latest = newest_first(sorted({f.record for f in found}), ctx.record_dates)[0]
            found = [f for f in found if f.record == latest]
        # what the records tell is quoted before what a plan or request asks ("performs home exercises
        # daily", not "massage as an adjunct to the exercise program"); a plan alone still counts
        found = told_first(found)
        values["what"] = describe(ctx.kb, [f.concept for f in found], documented=True)
        values["found"] = quoted(found)
        return outcome(criterion, ctx, "met", values, evidence=evidence(found))
    missing = criterion.concepts if not any_found else all_missing
    values["what"] = describe(ctx.kb, missing)
    elsewhere = [] if any_found else _elsewhere(criterion, item, facts, missing, ctx.knowledge)
    if elsewhere:
        # found, but not where the request needs it (the other side, another level, only a plan): said
        # so, or the quotes would read as the very findings the sentence says are not shown
        values["what"] = f"{values['what']} where the request needs them"
        values["found"] = f"those documented are of {_places(criterion)}, not the one requested: " + quoted(
            elsewhere
        )
        return outcome(
            criterion, ctx, "not_met", values, evidence=evidence(elsewhere), searched=searched(facts, wanted)
        )
    against = refuted(facts, missing) + ended
    scope = searched(facts, wanted)
    if against:
        values["found"] = quoted(against)
        return outcome(criterion, ctx, "not_met", values, evidence=evidence(against), searched=scope)
    return outcome(criterion, ctx, "insufficient", values, searched=scope)


def _places(criterion: Criterion) -> str:
    """Where findings the criterion leaves out were read: "the other side", "the other limb" …"""
    places = [
        words
        for flag, words in (
            (criterion.same_side, "the other side"),
            (criterion.same_limb, "the other limb"),
            (criterion.same_level, "another level"),
        )
        if flag
    ]
    return " or ".join(places) or "another place"


def _from(criterion: Criterion, facts: ClinicalFacts, found: list[Fact]) -> list[Fact]:
    """The facts of record kinds the criterion leaves out (they are not found elsewhere either)."""
    if not criterion.except_sources:
        return []
    return [f for f in found if _from_kinds(f, facts, criterion.except_sources)]


def _elsewhere(
    criterion: Criterion,
    item: NormalizedItem,
    facts: ClinicalFacts,
    missing: list[str],
    knowledge: Knowledge | None = None,
) -> list[Fact]:
    """Findings affirmed in the records but on another side, limb or level than requested: these
    decide against the request (a lesion on the other side does not corroborate)."""
    if not (criterion.same_side or criterion.same_level or criterion.same_limb):
        return []
    found = affirmed(facts, missing)
    if criterion.sources:
        found = [f for f in found if _reported_study(f, facts, criterion.sources)]
    if criterion.sections:
        found = [f for f in found if f.section is None or f.section in criterion.sections]
    kept = {id(f) for f in _where(criterion, item, facts, found, knowledge) + _from(criterion, facts, found)}
    return [f for f in found if id(f) not in kept]


def requires_finding_absent(
    criterion: Criterion, item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext
) -> CriterionResult:
    """Met unless one of `concepts` is affirmed (a contraindication or an excluding finding), read where
    `sources`, `sections` and side and level say."""
    everywhere = affirmed(facts, criterion.concepts)
    found = _where(criterion, item, facts, everywhere, ctx.knowledge)
    values = {"what": describe(ctx.kb, criterion.concepts), "found": quoted(found), "elsewhere": ""}
    if found:
        return outcome(criterion, ctx, "not_met", values, evidence=evidence(found))
    elsewhere = [f for f in everywhere if f not in found]
    if elsewhere:
        # documented, but of another side, limb or level: "no radiculopathy is documented" would misstate
        # a record that diagnoses one in the low back when the request is for the neck
        values["elsewhere"] = (
            f" where the request is aimed; those documented are of {_places(criterion)}: " + quoted(elsewhere)
        )
    proof = evidence(elsewhere) + evidence(refuted(facts, criterion.concepts))
    return outcome(criterion, ctx, "met", values, evidence=proof)


def _gain_at_region(fact: Fact, item: NormalizedItem) -> bool:
    """Whether a gain a note records for one body region among others (facts.visits: "Lumbar (...):
    standing tolerance 10 -> 30 min" in a knee PT note) may be credited to a request for a region: it is
    of one of the request's regions, or the request or the gain names none."""
    return not fact.regions or not item.body_regions or bool(set(fact.regions) & set(item.body_regions))


def requires_functional_improvement(
    criterion: Criterion, item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext
) -> CriterionResult:
    """Continued care needs documented functional improvement; conflicting or vague reports do not count."""
    # The regulatory definition: improvement in ADLs or fewer work restrictions count as well.
    concepts = criterion.concepts or [FUNCTIONAL_IMPROVEMENT, *DEFINITION_CONCEPTS]
    wanted = [*concepts, *criterion.all_of]
    values = {
        "what": describe(ctx.kb, concepts),
        "treatment": (
            ctx.knowledge.canonical.service_label(item.service)
            if item.service and ctx.knowledge is not None
            else (item.service or item.generic or "treatment").replace("_", " ")
        ),
    }
    scope = searched(facts, wanted)
    clash = _benefit_clash(item, facts, ctx)
    if clash is not None:
        said, denied = clash
        values["found"] = (
            f'improvement is stated ("{_clause(said)}", {ref(said.record)}) and denied '
            f'("{_clause(denied)}", {ref(denied.record)})'
        )
        if denied.usage is not None and denied.usage.status == UsageStatus.STOPPED:
            values["found"] = (
                f'improvement with it is stated ("{_clause(said)}", {ref(said.record)}), while another '
                f"record close in time says it was stopped before then "
                f'("{_clause(denied)}", {ref(denied.record)})'
            )
        result = outcome(criterion, ctx, "not_met", values, evidence=evidence([said, denied]), searched=scope)
        return result.model_copy(update={"reason": CONTRADICTED})
    # a note that contradicts itself on improvement; contradictions across records count above, when they
    # are about the requested treatment
    conflicts = [
        c
        for c in facts.contradictions
        if any(c.topic == w or c.topic.startswith(w) for w in wanted)
        and len({e.record for e in c.evidence}) <= 1
        and _denied_of_item(c.evidence[0].record if c.evidence else None, item, facts, ctx)
    ]
    if conflicts:
        values["found"] = "; ".join(c.description for c in conflicts)
        proof = [e for c in conflicts for e in c.evidence]
        result = outcome(criterion, ctx, "not_met", values, evidence=proof, searched=scope)
        # the records contradict the claimed improvement: that, not its absence, is the reason
        return result.model_copy(update={"reason": CONTRADICTED})
    documented = _documented(item, facts, ctx)
    worse = [
        f
        for f in facts.affirmed(NO_IMPROVEMENT)
        if about_item(f, item, ctx, facts)
        and not _held(f, item, facts, ctx)
        and not _superseded(f, documented, ctx)
        and not _before_course(f, item, facts, ctx)
    ]
    if worse:
        values["found"] = quoted(worse)
        return outcome(criterion, ctx, "not_met", values, evidence=evidence(worse), searched=scope)
    # a benefit said of no treatment in particular, dated before the requested service was first used,
    # is not its benefit (a return to work after an injection, before therapy began)
    reported = [
        f
        for f in affirmed(facts, with_kinds(ctx.knowledge, concepts))
        if about_item(f, item, ctx, facts)
        and not _before_course(f, item, facts, ctx)
        and not _ahead(f, ctx)
        and _gain_at_region(f, item)
    ]
    found = [f for f in reported if _objective(f, facts)]
    unborne = _unborne(found, item, facts, ctx)
    if unborne is not None:
        claims, scores = unborne
        values["found"] = (
            f"only a stated percentage improvement, {quoted(claims)}, while the pain scores recorded "
            "during its use did not fall: " + ", ".join(f"{_score(f):g}/10 ({ref(f.record)})" for f in scores)
        )
        return outcome(
            criterion, ctx, "not_met", values, evidence=evidence([*claims, *scores]), searched=scope
        )
    # what `all_of` asks for is not filtered by attribution: fewer pills after an injection is its benefit
    required = {c: affirmed(facts, with_kinds(ctx.knowledge, [c])) for c in criterion.all_of}
    all_missing = [c for c, facts_of in required.items() if not facts_of]
    if found and not all_missing:
        found += [f for facts_of in required.values() for f in facts_of]
        values["found"] = quoted(found)
        return outcome(criterion, ctx, "met", values, evidence=evidence(found))
    vague = [
        f
        for f in facts.affirmed(REPORTED_BENEFIT)
        if about_item(f, item, ctx, facts) and not _before_course(f, item, facts, ctx)
    ]
    if (reported or vague) and not found:
        values["found"] = "only general reports without a measured change: " + quoted([*reported, *vague])
        # a drug taken up again after a lapse for a new flare-up ("Motrin helped past flares"): an earlier
        # course said in general words to have helped is no more against it than silence is, and the
        # renewal is judged as a new trial (the flare is its own indication)
        new_course = (
            ctx.phase == RENEWAL and bool(item.generic or item.generics) and bool(facts.affirmed(FLARE_UP))
        )
        return outcome(
            criterion,
            ctx,
            "insufficient" if new_course else "not_met",
            values,
            evidence=evidence([*reported, *vague]),
            searched=scope,
        )
    missing = all_missing if found else concepts
    values["what"] = describe(ctx.kb, missing)
    against = refuted(facts, missing)
    if against:
        values["found"] = quoted(against)
        return outcome(criterion, ctx, "not_met", values, evidence=evidence(against), searched=scope)
    return outcome(criterion, ctx, "insufficient", values, searched=scope)
