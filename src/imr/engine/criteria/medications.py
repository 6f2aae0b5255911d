"""Medication history: a prior trial of something first, a concurrent medication, risk factors."""

from __future__ import annotations

import datetime as dt

from imr.engine.criteria.context import EvaluationContext
from imr.engine.criteria.lookup import (
    affirmed,
    describe,
    evidence,
    number,
    quoted,
    refuted,
    searched,
    told_first,
)
from imr.engine.criteria.names import DRUG_CLASS, MEDICATION, duration_name
from imr.engine.criteria.result import outcome
from imr.facts.derive_treatment import current_use, stopped_last, tested_records, tried
from imr.guidelines import Criterion
from imr.guidelines.matching import item_generics
from imr.knowledge import Knowledge
from imr.models import ClinicalFacts, CriterionResult, Evidence, Fact, ModifierCategory, NormalizedItem
from imr.models.facts import USED, DerivedValue, UsageStatus
from imr.text.prose import NAME_BY_CLASS, join_and, join_or


def _tried_words(done: list[Fact], ctx: EvaluationContext) -> str:
    """The trials documented, in words: drugs by name ("gabapentin", or a class by its label), other
    care by its description, joined with "and"."""
    knowledge = ctx.knowledge
    words: list[str] = []
    for fact in done:
        if fact.concept == MEDICATION and fact.value:
            words.append(fact.value)
        elif fact.concept == DRUG_CLASS and fact.value:
            label = knowledge.canonical.class_label(fact.value) if knowledge is not None else None
            words.append(label or fact.value.replace("_", " "))
    others = [f.concept for f in done if f.concept not in (MEDICATION, DRUG_CLASS)]
    if others:
        words.append(describe(ctx.kb, list(dict.fromkeys(others)), documented=True))
    return join_and(list(dict.fromkeys(words)))


def _names(criterion: Criterion, ctx: EvaluationContext) -> str:
    """The drugs a criterion names, in words: classes by their label, and generics by their class
    when three or more of one class are listed ("NSAIDs" rather than seventeen names)."""
    knowledge = ctx.knowledge
    if knowledge is None:
        return join_or([c.replace("_", " ") for c in criterion.drug_classes] + list(criterion.generics))
    words = [knowledge.canonical.class_label(c) for c in criterion.drug_classes]
    by_class: dict[str, list[str]] = {}
    for generic in criterion.generics:
        by_class.setdefault(knowledge.drug_class(generic) or generic, []).append(generic)
    for drug_class, generics in by_class.items():
        if len(generics) >= NAME_BY_CLASS and drug_class in knowledge.canonical.drug_classes:
            words.append(knowledge.canonical.class_label(drug_class))
        else:
            words.extend(generics)
    return join_or(list(dict.fromkeys(words)))


def _class_mentions(
    facts: ClinicalFacts, criterion: Criterion, ctx: EvaluationContext, *, current_only: bool
) -> list[Fact]:
    wanted = set(criterion.drug_classes)
    found = [f for f in facts.affirmed(DRUG_CLASS) if f.value in wanted]
    if not current_only:
        return found
    return [f for f in found if _now(f, facts, ctx)]


def _class_ended(
    fact: Fact, ended: dict[str, dt.date], current: DerivedValue | None, ctx: EvaluationContext
) -> bool:
    """Whether a class mention ("NSAID dyspepsia") speaks of a drug of the class that has since
    stopped: a drug of the class ended in this note or a later one, and none is taken now."""
    if ctx.knowledge is None:
        return False
    knowledge = ctx.knowledge
    day = ctx.record_dates.get(fact.record)
    stops = [d for g, d in ended.items() if knowledge.drug_class(g) == fact.value]
    taken = current.value if current is not None and isinstance(current.value, list) else []
    if any(knowledge.drug_class(str(g)) == fact.value for g in taken):
        return False
    return bool(stops) and day is not None and day <= max(stops)


def requires_prior_trial(
    criterion: Criterion, item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext
) -> CriterionResult:
    """Met when a listed medication (now or before) or a listed treatment concept is documented."""
    wanted = set(criterion.generics)
    what = " or ".join(p for p in (_names(criterion, ctx), describe(ctx.kb, criterion.concepts)) if p)
    values: dict[str, object] = {"what": what}
    proof: list[Evidence] = []
    # a plan to start the drug is no trial of it
    done = [
        f
        for f in facts.affirmed(MEDICATION) + _class_mentions(facts, criterion, ctx, current_only=False)
        if (f.concept != MEDICATION or f.value in wanted) and _tried(f, ctx)
    ]
    done += [f for f in affirmed(facts, criterion.concepts) if not _not_yet(f)]
    succeeded = _succeeded(done, criterion, facts, ctx) if criterion.failed else []
    if succeeded:
        values["found"] = quoted(succeeded)
        # a trial that worked leaves the worker no candidate for what follows its failure
        found = outcome(criterion, ctx, "not_met", values, evidence=evidence(succeeded))
        return found.model_copy(update={"reason": NOT_A_CANDIDATE})
    if done:
        # what the records document, not every trial the guideline would accept
        values["what"] = _tried_words(done, ctx)
        values["found"] = quoted(done)
        return outcome(criterion, ctx, "met", values, evidence=evidence(done))
    for generic in criterion.generics:
        days, days_evidence = number(facts, duration_name(generic))
        if days:
            values["found"] = f"{generic} for {days:g} days"
            return outcome(criterion, ctx, "met", values, evidence=days_evidence)
    for name in ("medications_current", "first_line_tried"):
        value = facts.value(name)
        if value is None:
            continue
        if isinstance(value.value, list) and wanted & set(value.value):
            values["found"] = ", ".join(sorted(wanted & set(value.value)))
            return outcome(criterion, ctx, "met", values, evidence=value.evidence)
        if name == "first_line_tried" and criterion.first_line_flag and value.value is True:
            values["found"] = "first-line treatment documented"
            return outcome(criterion, ctx, "met", values, evidence=value.evidence)
        proof += value.evidence
    scope = searched(facts, [MEDICATION, *criterion.concepts])
    against = refuted(facts, criterion.concepts)
    # "no first-line drug tried" speaks only to a criterion about drugs, not to one about other care
    about_drugs = bool(criterion.first_line_flag or criterion.generics or criterion.drug_classes)
    flag = facts.value("first_line_tried") if about_drugs else None
    if against or (flag is not None and flag.value in (False, [])):
        values["found"] = quoted(against)
        return outcome(criterion, ctx, "not_met", values, evidence=evidence(against) + proof, searched=scope)
    return outcome(criterion, ctx, "insufficient", values, searched=scope)


def requires_concurrent_medication(
    criterion: Criterion, item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext
) -> CriterionResult:
    """Met when a listed medication is current (not merely historical), taken by one of `routes` when
    the criterion names routes (a diclofenac gel is not an oral NSAID)."""
    wanted = set(criterion.generics)
    routes = f" ({join_or(criterion.routes)})" if criterion.routes else ""
    values: dict[str, object] = {"what": _names(criterion, ctx) + routes}
    current = facts.value("medications_current")
    ended: dict[str, dt.date] = {}
    if ctx.knowledge is not None:
        # a drug whose latest word is a stop is not taken now, whatever earlier notes said
        ended = stopped_last(
            facts.facts, ctx.record_dates, ctx.knowledge.nlp.derived, _tested(facts, ctx.knowledge)
        )
        wanted -= set(ended)
    if current is not None and isinstance(current.value, list) and wanted & set(current.value):
        found = {g for g in wanted & set(current.value) if _by_route(facts, g, criterion.routes)}
        if found:
            values["found"] = ", ".join(sorted(found))
            return outcome(criterion, ctx, "met", values, evidence=current.evidence)
    mentions = [
        f
        for f in facts.affirmed(MEDICATION)
        if f.value in wanted and _now(f, facts, ctx) and _route_fits(f, criterion.routes)
    ] + [
        f
        for f in _class_mentions(facts, criterion, ctx, current_only=True)
        if not _class_ended(f, ended, current, ctx)
    ]
    if mentions:
        values["found"] = quoted(mentions)
        return outcome(criterion, ctx, "met", values, evidence=evidence(mentions))
    started = _started_now(facts, criterion, item, ctx) if criterion.started_with else []
    if started:
        names = ", ".join(sorted({str(f.value) for f in started}))
        values["found"] = f"{names}, started at the same visit: {quoted(started)}"
        return outcome(criterion, ctx, "met", values, evidence=evidence(started))
    scope = searched(facts, [MEDICATION])
    if current is not None and isinstance(current.value, list):
        values["found"] = ", ".join(current.value) or "none"
        return outcome(criterion, ctx, "not_met", values, evidence=current.evidence, searched=scope)
    return outcome(criterion, ctx, "insufficient", values, searched=scope)


def _started_now(
    facts: ClinicalFacts, criterion: Criterion, item: NormalizedItem, ctx: EvaluationContext
) -> list[Fact]:
    """Listed medications started at the visit that orders the request (a note that plans the
    requested drug, or the latest clinical note): a drug named (a class alone, "a topical NSAID",
    says too little of its route), planned, not merely considered (a hypothetical or uncertain
    mention is not affirmed), by a fitting route."""
    wanted = set(criterion.generics)
    clinical = {r for r, note in facts.record_roles.items() if note.role == "clinical"}
    dated = [d for r in clinical if (d := ctx.record_dates.get(r)) is not None]
    latest = max(dated, default=None)
    requested = item_generics(item)
    visits = {r for r in clinical if latest is not None and ctx.record_dates.get(r) == latest}
    visits |= {
        f.record
        for f in facts.affirmed(MEDICATION)
        if f.value in requested and f.record in clinical and _planned(f)
    }
    return [
        f
        for f in facts.affirmed(MEDICATION)
        if f.value in wanted and f.record in visits and _planned(f) and _route_fits(f, criterion.routes)
    ]


# What a record says a trial achieved: measured or reported benefit.
_BENEFITS = (
    "outcome.successful_trial",
    "outcome.analgesia",
    "outcome.function_gain",
    "outcome.medication_reduction",
    "outcome.functional_improvement",
    "outcome.adl_improvement",
    "outcome.pain_relief",
)
_NO_BENEFIT = "outcome.no_improvement"
NOT_A_CANDIDATE = "not_a_candidate"


def _succeeded(
    done: list[Fact], criterion: Criterion, facts: ClinicalFacts, ctx: EvaluationContext
) -> list[Fact]:
    """For a trial that must have failed: the trial and its benefit, where a record documents the
    trial done (not planned) with a benefit credited to it or to nothing else, and no failure of it.
    A record that also documents use of the requested treatment itself does not say which one helped."""
    own = set(criterion.concepts)
    requested = set(ctx.topic.prior_use_concepts) if ctx.topic is not None else set()

    def used(f: Fact) -> bool:
        return f.usage is None or f.usage.status in USED

    tried_in = {f.record for f in done if f.concept in own and used(f)}
    tried_in -= {f.record for c in requested for f in facts.affirmed(c) if used(f)}
    out: list[Fact] = []
    for record in sorted(tried_in):
        if any(
            f.record == record and (not f.about or own & set(f.about)) for f in facts.affirmed(_NO_BENEFIT)
        ):
            continue
        gains = [
            f
            for c in _BENEFITS
            for f in facts.affirmed(c)
            if f.record == record and (not f.about or own & set(f.about))
        ]
        if gains:
            out += [f for f in done if f.record == record and f.concept in own][:1] + gains
    return out


def _not_yet(fact: Fact) -> bool:
    """A treatment only planned or never had ("will start PT", "has not had PT") is no trial of it."""
    return fact.usage is not None and fact.usage.status in (UsageStatus.PLANNED, UsageStatus.NEVER)


def _planned(fact: Fact) -> bool:
    return fact.usage is not None and fact.usage.status == UsageStatus.PLANNED


def _now(fact: Fact, facts: ClinicalFacts, ctx: EvaluationContext) -> bool:
    """Whether a mention speaks of use now (see imr.facts.derive_treatment.current_use)."""
    if ctx.knowledge is None:
        return not fact.has(ModifierCategory.HISTORICAL)
    return current_use(fact, ctx.knowledge.nlp.derived, _tested(facts, ctx.knowledge))


def _tried(fact: Fact, ctx: EvaluationContext) -> bool:
    """Whether a mention tells of a use that happened (see imr.facts.derive_treatment.tried)."""
    return ctx.knowledge is None or tried(fact, ctx.knowledge.nlp.derived)


def _tested(facts: ClinicalFacts, knowledge: Knowledge) -> frozenset[str]:
    """The lab reports, whose drug mentions with no cue are substances tested for."""
    return tested_records({r: note.kind for r, note in facts.record_roles.items()}, knowledge)


def _route_fits(fact: Fact, routes: list[str]) -> bool:
    """A mention fits when no routes are asked for, or it names none, or it names one of them."""
    named = {str(m.value) for m in fact.measures if m.kind == "route"}
    return not routes or not named or bool(named & set(routes))


def _by_route(facts: ClinicalFacts, generic: str, routes: list[str]) -> bool:
    """Whether a current use of `generic` is by one of `routes` (any route when none are asked for)."""
    if not routes:
        return True
    return any(
        _route_fits(f, routes)
        for f in facts.affirmed(MEDICATION)
        if f.value == generic and not f.has(ModifierCategory.HISTORICAL)
    )


def requires_risk_factor(
    criterion: Criterion, item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext
) -> CriterionResult:
    """Met by a listed risk factor, an age over `age_over`, or a non-empty derived risk list (`value`)."""
    values: dict[str, object] = {"what": describe(ctx.kb, criterion.concepts), "age_over": criterion.age_over}
    found = told_first(affirmed(facts, criterion.concepts))
    if found:
        values["found"] = quoted(found)
        return outcome(criterion, ctx, "met", values, evidence=evidence(found))
    age, age_evidence = number(facts, "age")
    values["age"] = age
    if criterion.age_over is not None and age is not None and age > criterion.age_over:
        values["found"] = f"age {age:g}"
        return outcome(criterion, ctx, "met", values, evidence=age_evidence)
    derived = facts.value(criterion.value) if criterion.value else None
    if derived is not None and derived.value:
        values["found"] = derived.value if isinstance(derived.value, str | list) else str(derived.value)
        return outcome(criterion, ctx, "met", values, evidence=derived.evidence)
    scope = searched(facts, criterion.concepts)
    against = refuted(facts, criterion.concepts)
    if against or (derived is not None and not derived.value):
        values["found"] = quoted(against)
        return outcome(
            criterion, ctx, "not_met", values, evidence=evidence(against) + age_evidence, searched=scope
        )
    return outcome(criterion, ctx, "insufficient", values, searched=scope)
