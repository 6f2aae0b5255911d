"""When an adverse draft must go to a physician instead: it would rest on a record that could not be
read, on nothing but an absence in a thin file, or on a finding the records contradict.

A draft that misstates the record is worse than `needs_review`; these are the cases where the engine
cannot tell whether it would.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from imr.engine.criteria.anatomy import sides
from imr.engine.criteria.lookup import number
from imr.facts.dates import find_loose_dates
from imr.guidelines import Criterion, KnowledgeBase
from imr.models import ClinicalFacts, CriterionResult, Decision, Fact
from imr.models.facts import ModifierCategory, UsageStatus
from imr.text.prose import lower_first
from imr.text.references import join_names, ref

# Kinds whose result rests on a finding the records affirm or deny.
FINDING_KINDS = frozenset({"requires_finding_present", "requires_finding_absent"})
# The kind whose result rests on the benefit of the treatment so far, and the reason it gives when the
# records contradict each other on it.
BENEFIT_KIND = "requires_functional_improvement"
CONTRADICTED = "inconsistent_record"
# Kinds that count sessions, and the contradictions that put a count in doubt.
SESSION_KINDS = frozenset({"max_total_sessions", "max_initial_trial_sessions", "frequency_duration"})
SESSION_CONFLICT = "sessions_completed."
# Kinds met by what the worker had or has had (a treatment tried, a risk factor in the history): one
# clinical record telling it and another denying it contradict each other whatever months apart, since
# both speak of the same past.
HISTORY_KINDS = frozenset({"requires_prior_trial", "requires_risk_factor"})
# The section in which even a present-tense denial ("PMH: no PUD") speaks of the past.
PAST_HISTORY = "past_history"
# Concepts of the worker's state at the visit (symptoms, signs), as against events of the past.
PRESENT_STATE = "finding."


def review_instead(
    kb: KnowledgeBase,
    decision: Decision | None,
    deciding: Sequence[tuple[Criterion, CriterionResult]],
    facts: ClinicalFacts,
    record_dates: dict[str, dt.date | None],
    *,
    pivot: int,
) -> str | None:
    """Why the draft goes to review rather than to its `decision`, or None when it may stand (`pivot`:
    the two-digit year pivot of the dates records write)."""
    if decision is None:
        return None
    conflict = (
        _contradicted(kb, deciding, facts, record_dates)
        or _history_contradicted(kb, deciding, facts, record_dates, pivot)
        or _benefit_disputed(deciding, facts)
    )
    if conflict:
        return conflict
    if decision != Decision.UPHELD:
        return None
    absences = [r for _, r in deciding if r.result == "insufficient"]
    if absences and facts.unread:
        return (
            f"{join_names(facts.unread)} could not be read, and this adverse draft rests on what the "
            "records reviewed do not show"
        )
    policy = kb.index.review_policy
    read = bool(facts.record_roles)  # facts built without records (decision cases) have no size
    thin = read and facts.clinical_words < policy.thin_record_words
    if absences and len(absences) == len(deciding) and thin:
        return (
            f"the clinical records hold only {facts.clinical_words} words, too little to rest a denial on "
            "what they do not document"
        )
    return None


def records_disagree(
    kb: KnowledgeBase,
    deciding: Sequence[tuple[Criterion, CriterionResult]],
    facts: ClinicalFacts,
    record_dates: dict[str, dt.date | None],
    *,
    pivot: int,
) -> bool:
    """Whether the records contradict each other on what decides (the reason of a review is then
    inconsistent_record)."""
    return bool(
        _contradicted(kb, deciding, facts, record_dates)
        or _history_contradicted(kb, deciding, facts, record_dates, pivot)
        or _benefit_disputed(deciding, facts)
    )


def _history_contradicted(
    kb: KnowledgeBase,
    deciding: Sequence[tuple[Criterion, CriterionResult]],
    facts: ClinicalFacts,
    record_dates: dict[str, dt.date | None],
    pivot: int,
) -> str | None:
    """Why a criterion met by the worker's history goes to review: every mention it rests on tells of
    something before a date on which another clinical record denies it ("TENS unit trial in PT 2014 -
    failed TENS" but, in 2015, "has never used a TENS unit"; "h/o bleeding gastric ulcer 2008" but
    "denies history of peptic ulcer disease"). Something begun after the denial ("on aspirin" a month
    after "no aspirin") is no contradiction, and a criterion also carried by something no record
    denies (another drug tried, the worker's age) stands. Only a denial of the past denies the past:
    "no GI complaints on this combination" speaks of today, not of the gastritis of 2013."""
    clinical = set(facts.clinical_records()) if facts.record_roles else None
    age, _ = number(facts, "age")
    for criterion, result in deciding:
        if criterion.kind not in HISTORY_KINDS or result.result != "met" or not criterion.concepts:
            continue
        if criterion.age_over is not None and age is not None and age > criterion.age_over:
            continue  # the worker's age meets it whatever the history
        spans = {(e.record, e.start, e.end) for e in result.evidence}
        resting = [
            f
            for concept in criterion.concepts
            for f in facts.affirmed(concept)
            if _span(f) in spans and not _never(f)
        ]
        if not resting or {_span(f) for f in resting} != spans:
            continue  # carried by something other than these concepts' mentions
        pairs: list[tuple[Fact, Fact]] = []
        for told in resting:
            denials = [
                d
                for d in facts.mentions(told.concept)
                if d.record != told.record
                and (clinical is None or d.record in clinical)
                and (_never(d) or (d.has(ModifierCategory.NEGATED) and _of_the_past(d)))
                and _before_denial(told, d, record_dates, pivot)
            ]
            if not denials:
                break
            pairs.append((told, denials[0]))
        else:
            said, denied = pairs[0]
            what = lower_first(kb.concepts.get(said.concept, said.concept))
            return (
                f"the records disagree on a finding that decides this item ({what}): "
                f'"{_clause(said)}" ({ref(said.record)}) but "{_clause(denied)}" ({ref(denied.record)})'
            )
    return None


def _before_denial(said: Fact, denied: Fact, record_dates: dict[str, dt.date | None], pivot: int) -> bool:
    """Whether what `said` tells happened before the record that denies it: by the latest date its
    clause writes (not after its record's), else, for a past told as past (h/o, tried, stopped), by its
    record's date."""
    denied_on = record_dates.get(denied.record)
    recorded = record_dates.get(said.record)
    if denied_on is None or recorded is None:
        return True  # undated records cannot be ordered: they clash
    clause = (said.clause or said.sentence).lower()
    written = [
        d.latest()
        for d in find_loose_dates(clause, pivot=pivot)
        if d.latest() <= recorded or d.date.year == recorded.year
    ]
    if written:
        return min(max(written), recorded) <= denied_on
    past = said.has(ModifierCategory.HISTORICAL) or (
        said.usage is not None and said.usage.status in (UsageStatus.PAST, UsageStatus.STOPPED)
    )
    return past and recorded <= denied_on


def _of_the_past(fact: Fact) -> bool:
    """Whether a denial speaks of the worker's past: an event denied (an ulcer, a bleed, a treatment
    had) is denied for the past; a symptom or sign only when the words say so ("denies history of", "no
    prior", a past-history section), else it is today's ("no GI complaints on this combination")."""
    if not fact.concept.startswith(PRESENT_STATE):
        return True
    return fact.has(ModifierCategory.HISTORICAL) or fact.section == PAST_HISTORY


def _span(fact: Fact) -> tuple[str, int, int]:
    ev = fact.evidence()
    return ev.record, ev.start, ev.end


def _never(fact: Fact) -> bool:
    return fact.usage is not None and fact.usage.status == UsageStatus.NEVER


def _contradicted(
    kb: KnowledgeBase,
    deciding: Sequence[tuple[Criterion, CriterionResult]],
    facts: ClinicalFacts,
    record_dates: dict[str, dt.date | None],
) -> str | None:
    window = dt.timedelta(days=kb.index.review_policy.conflicting_finding_days)
    for criterion, result in deciding:
        if criterion.kind not in FINDING_KINDS or result.result not in ("met", "not_met"):
            continue
        if result.result == "met" and _unchallenged(kb, criterion.concepts, facts, record_dates, window):
            # a finding the records affirm without contradiction carries it, whatever else is disputed
            continue
        for concept in criterion.concepts:
            pair = _clash(
                facts.affirmed(concept), _denials(kb, concept, facts), record_dates, window, facts, kb=kb
            ) or _narrower_clash(kb, concept, facts, record_dates, window)
            if pair is not None:
                said, denied = pair
                what = lower_first(kb.concepts.get(concept, concept))
                return (
                    f"the records disagree on a finding that decides this item ({what}): "
                    f'"{_clause(said)}" ({ref(said.record)}) but "{_clause(denied)}" ({ref(denied.record)})'
                )
    return None


def _benefit_disputed(
    deciding: Sequence[tuple[Criterion, CriterionResult]], facts: ClinicalFacts
) -> str | None:
    """Why an adverse draft resting on the benefit of the treatment so far goes to review: one record
    documents the benefit and another denies it, and nothing else the records agree on decides."""
    disputed = [
        r
        for c, r in deciding
        if c.kind == BENEFIT_KIND and r.reason == CONTRADICTED and len({e.record for e in r.evidence}) > 1
    ]
    if not disputed:
        return None
    counts_disputed = any(c.topic.startswith(SESSION_CONFLICT) for c in facts.contradictions)
    for criterion, result in deciding:
        if result in disputed or (criterion.kind in SESSION_KINDS and counts_disputed):
            continue
        return None  # another criterion decides on its own
    said, denied = disputed[0].evidence[:2]  # the benefit documented, then its denial
    return (
        "the records disagree on the benefit of the treatment so far, which decides this item: "
        f'"{" ".join(said.text.split())}" ({ref(said.record)}) but "{" ".join(denied.text.split())}" '
        f"({ref(denied.record)})"
    )


def _narrower_clash(
    kb: KnowledgeBase,
    concept: str,
    facts: ClinicalFacts,
    record_dates: dict[str, dt.date | None],
    window: dt.timedelta,
) -> tuple[Fact, Fact] | None:
    """A mention of `concept` also read, from the same words, as a narrower finding that another record
    denies: "Interpretation: INCONSISTENT" (aberrant behaviour, and an inconsistent drug screen) and "UDS
    consistent with prescribed" a week apart disagree, though nothing denies aberrant behaviour as such."""
    contrary = kb.index.review_policy.contrary_findings
    for said in facts.affirmed(concept):
        for narrower in sorted(_narrower(said, facts) & contrary.keys()):
            same = [
                f for f in facts.affirmed(narrower) if f.record == said.record and _span(f) == _span(said)
            ]
            pair = _clash(same, _denials(kb, narrower, facts), record_dates, window, facts, kb=kb)
            if pair is not None:
                return pair
    return None


def _denials(kb: KnowledgeBase, concept: str, facts: ClinicalFacts) -> list[Fact]:
    """Mentions that deny a finding: its negations, and affirmed findings contrary to it (a worker
    said to be homebound and seen to come by bus)."""
    contrary = kb.index.review_policy.contrary_findings.get(concept, [])
    return [*facts.negated(concept), *(f for c in contrary for f in facts.affirmed(c))]


def _unchallenged(
    kb: KnowledgeBase,
    concepts: Sequence[str],
    facts: ClinicalFacts,
    record_dates: dict[str, dt.date | None],
    window: dt.timedelta,
) -> bool:
    """Whether some affirmed finding of `concepts` has no denial of the same concept to clash with."""
    for concept in concepts:
        denied = _denials(kb, concept, facts)
        if any(
            _clash([a], denied, record_dates, window, facts, kb=kb) is None for a in facts.affirmed(concept)
        ):
            return True
    return False


def _clash(
    said: list[Fact],
    denied: list[Fact],
    record_dates: dict[str, dt.date | None],
    window: dt.timedelta,
    facts: ClinicalFacts | None = None,
    *,
    kb: KnowledgeBase | None = None,
) -> tuple[Fact, Fact] | None:
    """An affirmation and a denial of the same concept in different records, close enough in time to
    clash (a category such as "finding" names many concepts: back pain affirmed does not clash with
    leg pain denied). A concept that groups findings ("a lesion surgery treats") clashes only when
    the two mentions name the same finding: impingement affirmed does not clash with "no full-thickness
    tear", which is also read as the narrower rotator cuff tear. An examination recorded normal (a
    negative straight leg raise) denies only what another examination finds, and only close in time:
    a new deficit can follow a normal exam, and a diagnosis line is no exam."""
    policy = kb.index.review_policy if kb is not None else None
    for a in said:
        for n in denied:
            if a.record == n.record:
                continue
            # a negation of the same concept, naming the same finding; or an affirmed contrary finding
            contrary = n.affirmed and n.concept != a.concept
            if not contrary and (a.concept != n.concept or _narrower(a, facts) != _narrower(n, facts)):
                continue
            # the right knee's catching and "L knee: no giving way" are of different knees
            a_sides, n_sides = sides(a), sides(n)
            if a_sides and n_sides and not a_sides & n_sides:
                continue
            within = window
            if contrary and policy is not None and n.concept in policy.exam_findings:
                if not _examined(a, facts, policy.exam_sections):
                    continue
                within = dt.timedelta(days=policy.conflicting_exam_days)
            a_date, n_date = record_dates.get(a.record), record_dates.get(n.record)
            if a_date is None or n_date is None or abs(a_date - n_date) <= within:
                return a, n
    return None


def _examined(fact: Fact, facts: ClinicalFacts | None, sections: Sequence[str]) -> bool:
    """Whether a finding is one of its record's examination: read in an exam section, or a diagnosis of a
    record whose own examination finds it ("SLR + on L" above "Dx: L S1 radiculopathy")."""
    if fact.section in sections:
        return True
    return facts is not None and any(
        o.record == fact.record and o.concept == fact.concept and o.affirmed and o.section in sections
        for o in facts.facts
    )


def _narrower(fact: Fact, facts: ClinicalFacts | None) -> frozenset[str]:
    """The other concepts read from the very words of a mention (its narrower names)."""
    return frozenset(
        f.concept
        for f in (facts.facts if facts is not None else [])
        if f.record == fact.record
        and (f.start, f.end) == (fact.start, fact.end)
        and f.concept != fact.concept
    )


def _clause(fact: Fact) -> str:
    return " ".join(fact.evidence().text.split())
