"""Derived values about treatment: medication durations, current medications, first-line drugs
tried, GI risk factors, completed sessions, work status and examination findings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping

from imr.facts.dates import WrittenDate, find_loose_dates
from imr.facts.roles import normalize_kind
from imr.facts.targets import DRUG_CLASS, MEDICATION
from imr.facts.usage import usage_rules
from imr.knowledge import Knowledge
from imr.knowledge.nlp import DerivedSettings
from imr.models.common import Evidence
from imr.models.facts import DerivedValue, Fact, Measure, ModifierCategory, UsageStatus

# Concepts whose counted sessions make sessions_completed.<service> (canonical service names).
SESSION_SERVICES = {
    "treatment.acupuncture": "acupuncture",
    "treatment.massage": "massage",
    "treatment.physical_therapy": "physical_therapy",
    "treatment.chiropractic": "chiropractic",
    "treatment.psychotherapy": "psychotherapy",
    # "three subacromial injections", "two cortisone injections": corticosteroid injections into a
    # joint or bursa (epidural, facet and trigger point injections are concepts of their own)
    "treatment.injection": "joint_injection",
    "treatment.injection.epidural": "epidural_steroid_injection",
    "treatment.injection.trigger_point": "trigger_point_injection",
}


def measure_evidence(fact: Fact, measure: Measure) -> Evidence:
    """Evidence quoting a measure of `fact` ("for at least two months", "12 sessions"): the fact's
    clause, which the extractor widens to hold the fact's measures."""
    return fact.evidence()


def current_use(fact: Fact, settings: DerivedSettings, tested: Collection[str] = ()) -> bool:
    """Whether a medication (or drug class) mention speaks of use now: affirmed, not historical, not in
    a plan, request or UR section, and not stopped, never taken, planned or told in the past tense.
    In a record of `tested` (a lab or pharmacy report) only a cue speaks of use (see unsaid_use)."""
    return (
        fact.affirmed
        and not unsaid_use(fact, tested)
        and not fact.has(ModifierCategory.HISTORICAL)
        and fact.section not in settings.not_current_sections
        and not _used_before_only(fact, settings)
    )


def stopped_last(
    facts: list[Fact],
    record_dates: Mapping[str, dt.date | None],
    settings: DerivedSettings,
    tested: Collection[str] = (),
) -> dict[str, dt.date]:
    """The generics whose latest dated word of use is a stop, with the date of the note that says
    it: "Naproxen d/c'd 11/2014, none since" after "Cont naproxen" (an earlier note) or "dyspepsia
    on naproxen" (earlier in the same note) ends that use, so the drug is not taken now. Undated
    records say nothing of the order."""
    last: dict[str, tuple[dt.date, int, bool]] = {}
    unordered: set[str] = set()
    for fact in facts:
        if fact.concept != MEDICATION or not fact.value:
            continue
        if (
            fact.usage is not None
            and fact.usage.status == UsageStatus.STOPPED
            and fact.affirmed
            and fact.section not in settings.not_current_sections
        ):
            # a stop told as done; a plan's "d/c" or "wean off" may leave the drug taken for weeks
            stop = True
        elif current_use(fact, settings, tested):
            stop = False
        else:
            continue
        day = record_dates.get(fact.record)
        if day is None:
            if not stop:
                unordered.add(fact.value)  # a use told in an undated note may be the latest
            continue
        seen = last.get(fact.value)
        if seen is None or (day, fact.start) > seen[:2]:
            last[fact.value] = (day, fact.start, stop)
    return {generic: day for generic, (day, _, stop) in last.items() if stop and generic not in unordered}


def unsaid_use(fact: Fact, tested: Collection[str]) -> bool:
    """A drug a lab report (a drug screen) names with no cue of use: a substance a screen tested for or
    found ("Oxycodone, morphine, cocaine …: NEGATIVE", "Hydrocodone POSITIVE"), which says nothing of
    the drugs the worker takes; only the report's cued lines do ("Prescribed medications reported: …").
    `tested` holds the ids of such records (knowledge/nlp/usage.yaml tested_kinds)."""
    return fact.usage is None and fact.record in tested


def tested_records(kinds: Mapping[str, str | None], knowledge: Knowledge) -> frozenset[str]:
    """The ids of the records (id -> kind) whose drug mentions with no cue are substances tested for
    (lab reports and drug screens: knowledge/nlp/usage.yaml tested_kinds)."""
    wanted = usage_rules(knowledge).tested_kinds
    return frozenset(r for r, kind in kinds.items() if normalize_kind(kind) in wanted)


def _used_before_only(fact: Fact, settings: DerivedSettings) -> bool:
    """Whether the mention's usage says the drug is not taken now (stopped, never, planned, or told
    in the past tense)."""
    usage = fact.usage
    if usage is None:
        return False
    if usage.status.value in settings.not_current_usage:
        return True
    return usage.status.value == "past" and usage.cue.lower() in settings.not_current_past_cues


def _past_and_dated_before(fact: Fact, recorded: dt.date | None, settings: DerivedSettings) -> bool:
    """Whether a mention tells in the past tense of a use its own clause dates well before its note
    ("she had a cortisone shot ... in 2012" in a note of 2015)."""
    if recorded is None or fact.usage is None or fact.usage.status != UsageStatus.PAST:
        return False
    clause = (fact.clause or fact.sentence).lower()
    written = [d.latest() for d in find_loose_dates(clause, pivot=settings.two_digit_year_pivot)]
    return bool(written) and max(written) <= recorded - dt.timedelta(days=settings.past_use_dated_days)


def tried(fact: Fact, settings: DerivedSettings) -> bool:
    """Whether a medication mention tells of a use that happened, now or before: not a plan, a
    request or the UR ("start gabapentin - first trial" is no trial yet), and not a "never". (A drug
    a screen found is left as a sign it was taken: see unsaid_use.)"""
    sections = set(settings.not_current_sections) - {"past_history"}
    usage = fact.usage
    if usage is not None and usage.status.value in ("planned", "never"):
        return False
    return fact.affirmed and fact.section not in sections


def _listing(name: str, chosen: dict[str, list[Fact]], note: str) -> DerivedValue:
    return DerivedValue(
        name=name,
        value=sorted(chosen),
        evidence=[f.evidence() for key in sorted(chosen) for f in chosen[key]],
        note=note,
    )


def medications(
    facts: list[Fact],
    knowledge: Knowledge,
    tested: Collection[str] = (),
    record_dates: Mapping[str, dt.date | None] | None = None,
) -> list[DerivedValue]:
    settings = knowledge.nlp.derived
    ended = stopped_last(facts, record_dates or {}, settings, tested)
    current: dict[str, list[Fact]] = {}
    classes: dict[str, list[Fact]] = {}
    taken: dict[str, list[Fact]] = {}
    first_line = set(knowledge.guidelines.index.drug_sets[settings.first_line_set])
    dates = record_dates or {}
    named_on = [d for f in facts if f.concept == MEDICATION and (d := dates.get(f.record)) is not None]
    stale_before = (
        max(named_on) - dt.timedelta(days=settings.current_within_days)
        if named_on and settings.current_within_days is not None
        else None
    )
    for fact in facts:
        if fact.concept == MEDICATION and fact.value:
            recorded = dates.get(fact.record)
            if (
                fact.value not in ended
                and current_use(fact, settings, tested)
                and not _past_and_dated_before(fact, recorded, settings)
                and not (stale_before is not None and recorded is not None and recorded <= stale_before)
            ):
                current.setdefault(fact.value, []).append(fact)
                found = knowledge.drug_class(fact.value)
                if found:
                    classes.setdefault(found, []).append(fact)
            if fact.value in first_line and tried(fact, settings):
                taken.setdefault(fact.value, []).append(fact)
        elif fact.concept == DRUG_CLASS and fact.value and current_use(fact, settings, tested):
            classes.setdefault(fact.value, []).append(fact)
    return [
        _listing(
            "medications_current", current, "affirmed, not historical, outside plan/request/UR sections"
        ),
        _listing(
            "drug_classes_current", classes, "classes of the current medications and classes named as taken"
        ),
        _listing("first_line_tried", taken, "first-line generics (derived.yaml) mentioned as taken or tried"),
    ]


def medication_durations(
    facts: list[Fact], as_of: dt.date | None, settings: DerivedSettings
) -> list[DerivedValue]:
    """medication_duration_days.<generic>: the longest documented use, from a stated duration
    ("for at least two months") or from a start date up to `as_of` ("prescribed in December 2014",
    counted from the month's last day so the figure is a floor)."""
    best: dict[str, tuple[float, list[Evidence], str]] = {}
    for fact in facts:
        if fact.concept != MEDICATION or not fact.value or not tried(fact, settings):
            continue
        for measure in fact.measures:
            days, note = _days(measure, as_of)
            if days is None:
                continue
            evidence = [fact.evidence(), measure_evidence(fact, measure)]
            if fact.value not in best or days > best[fact.value][0]:
                best[fact.value] = (days, evidence, note)
    return [
        DerivedValue(
            name=f"medication_duration_days.{generic}",
            value=round(days),
            unit="days",
            evidence=evidence,
            note=note,
        )
        for generic, (days, evidence, note) in sorted(best.items())
    ]


def _days(measure: Measure, as_of: dt.date | None) -> tuple[float | None, str]:
    if measure.kind == "duration" and isinstance(measure.value, float | int):
        bound = f" ({measure.bound.replace('_', ' ')})" if measure.bound else ""
        return float(measure.value), f'stated: "{measure.text}"{bound}'
    if measure.kind == "date" and isinstance(measure.value, str) and as_of is not None:
        start = WrittenDate.of_iso(measure.value).latest()
        if start <= as_of:
            return float((as_of - start).days), f"from {measure.text} to {as_of.isoformat()} (at least)"
    return None, ""


def completed_sessions(facts: list[Fact]) -> dict[str, list[tuple[Fact, Measure]]]:
    """Per canonical service, the counts of sessions the records say were done."""
    out: dict[str, list[tuple[Fact, Measure]]] = {}
    for fact in facts:
        service = SESSION_SERVICES.get(fact.concept)
        if service is None or fact.has(ModifierCategory.NEGATED) or fact.has(ModifierCategory.HYPOTHETICAL):
            continue
        for measure in fact.measures:
            if measure.kind == "session_count" and measure.qualifier == "completed":
                out.setdefault(service, []).append((fact, measure))
    return out


def sessions(facts: list[Fact]) -> list[DerivedValue]:
    out: list[DerivedValue] = []
    for service, counts in sorted(completed_sessions(facts).items()):
        values = sorted({float(m.value) for _, m in counts if isinstance(m.value, float | int)})
        note = None
        if len(values) > 1:
            note = (
                "the records disagree: "
                + "; ".join(
                    f"{'at least ' if m.bound == 'at_least' else ''}{m.value:g} ({f.record})"
                    for f, m in counts
                    if isinstance(m.value, float | int)
                )
                + " (the largest is given; see contradictions)"
            )
        out.append(
            DerivedValue(
                name=f"sessions_completed.{service}",
                value=int(values[-1]),
                unit="sessions",
                evidence=[measure_evidence(f, m) for f, m in counts],
                note=note,
            )
        )
    return out


def gi_risk_factors(facts: list[Fact], knowledge: Knowledge) -> DerivedValue:
    settings = knowledge.nlp.derived
    concepts = set(settings.gi_risk_concepts)
    by_generic = settings.gi_risk_generics
    by_class = settings.gi_risk_drug_classes
    found: dict[str, list[Fact]] = {}
    for fact in facts:
        if not fact.affirmed:
            continue
        if fact.concept in concepts:
            found.setdefault(fact.concept, []).append(fact)
        elif fact.concept == MEDICATION and fact.value and current_use(fact, settings):
            risk = by_generic.get(fact.value) or by_class.get(knowledge.drug_class(fact.value) or "")
            if risk:
                found.setdefault(risk, []).append(fact)
    if found:
        return _listing("gi_risk_factors", found, "risk-factor concepts found; age is reported separately")
    absent = [f for f in facts if f.concept == "risk.gi_risk_factors" and not f.affirmed]
    return DerivedValue(
        name="gi_risk_factors",
        value=[],
        evidence=[f.evidence() for f in absent],
        note="none found" + ("; the records say none were noted" if absent else ""),
    )


def work_status(facts: list[Fact], record_dates: dict[str, dt.date | None]) -> DerivedValue | None:
    stated = [
        f
        for f in facts
        if f.concept == "outcome.work_status"
        and f.value
        and f.affirmed
        and not f.has(ModifierCategory.HISTORICAL)
    ]
    if stated:
        latest = max(stated, key=lambda f: (record_dates.get(f.record) or dt.date.min, f.start))
        return DerivedValue(
            name="work_status",
            value=latest.value,
            evidence=[latest.evidence()],
            note=f'written "{latest.text}"',
        )
    absent = [
        f
        for f in facts
        if f.concept == "outcome.work_status" and f.has(ModifierCategory.DOCUMENTATION_ABSENT)
    ]
    if absent:
        return DerivedValue(
            name="work_status",
            value=None,
            evidence=[f.evidence() for f in absent],
            note="the records say work status was not documented",
        )
    return None


def exam_findings(facts: list[Fact]) -> DerivedValue:
    found: dict[str, list[Fact]] = {}
    for fact in facts:
        if fact.category == "finding" and fact.section == "exam" and fact.affirmed:
            found.setdefault(fact.concept, []).append(fact)
    return _listing("exam_findings", found, "findings affirmed in an examination section or sentence")
