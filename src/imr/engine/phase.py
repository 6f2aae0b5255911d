"""The treatment phase of a request, as a grounded finding: an initial trial, a continuation of
treatment in use, or a renewal after a lapse; or no phase, for tests, visits and surgery.

It is read from what the clinical records say of the worker's use of the treatment (imr.facts.usage):
a plan, a request or a negation is never prior use. The phase carries the clause it rests on, or,
for an initial trial with nothing said, what was searched. Records that disagree (one says the
worker never had it, a later or undated one that the worker had it) are reported as a conflict, so
the item goes to a physician when the phase decides it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal

from imr.facts.dates import bare_months, find_loose_dates, time_after, time_ago, time_without
from imr.facts.usage import usage_rules
from imr.guidelines import Topic
from imr.guidelines.matching import item_generics
from imr.items.clean import clean_text
from imr.items.regions import find_anatomy
from imr.knowledge import Knowledge
from imr.models import ClinicalFacts, Evidence, Fact, ItemKind, NormalizedItem, SearchScope
from imr.models.facts import USED, ModifierCategory, UsageStatus
from imr.text.references import join_names, ref
from imr.text.request_phrases import tokenize
from imr.text.tokens import words_of

Phase = Literal["initial", "continuation", "renewal"]
MEDICATION = "treatment.medication"
DRUG_CLASS = "treatment.drug_class"
# "since 8/2015", "since about March 2014": the start of a use, not its end
_SINCE = re.compile(r"\bsince\s+(?:about\s+|approximately\s+|approx\.?\s+|early\s+|late\s+|mid\W*)?$")
# How far around an injection's mention its site is written, in characters
_REGION_BEFORE, _REGION_AFTER = 30, 20
# How long a label before a clause may be ("Neck:", "Low back:"), in characters
_LABEL_CHARS = 30
_PLAN_SECTIONS = frozenset({"plan", "request"})
# The request modifier of a service's skilled part (vocab request_terms.yaml `skilled_care`)
_SKILLED = "skilled_care"
SURGERY = "surgery."
# An operative report documents the operation it reports, whatever its wording
OPERATIVE_KINDS = frozenset({"operative_report", "op_report", "operative report"})
# Requests of other kinds are one-off services: a test, a visit, an operation has no trial phase.
# Other services (transportation to therapy) are given over a course like a treatment.
PHASED_KINDS = frozenset(
    {ItemKind.DRUG, ItemKind.SERVICE, ItemKind.PROGRAM, ItemKind.DME, ItemKind.INJECTION, ItemKind.OTHER}
)


@dataclass(frozen=True)
class PhaseFinding:
    """The phase, in a reviewer's words, with the clauses it rests on."""

    phase: Phase | None
    reason: str
    evidence: list[Evidence] = field(default_factory=list)
    searched: SearchScope | None = None
    conflict: list[Evidence] = field(default_factory=list)
    from_request: bool = False


def _label(knowledge: Knowledge, item: NormalizedItem) -> str:
    if item.kind == ItemKind.DRUG:
        return item.generic or item.brand or "the drug"
    label = knowledge.canonical.service_label(item.service) if item.service else "the treatment"
    accessory = [m for m in item.modifiers if m.lower() in usage_rules(knowledge).accessory_concepts]
    return f"a {accessory[0].lower()} for {label}" if accessory else label


def _mentions(
    knowledge: Knowledge, topic: Topic | None, item: NormalizedItem, facts: ClinicalFacts
) -> list[Fact]:
    """Clinical mentions of the requested treatment (its drug, or its service's concepts)."""
    if item.kind == ItemKind.DRUG:
        generics = _record_names(knowledge, item)
        # "Tylenol tried" is not prior use of Norco: a combination is named by its main ingredients
        minor = usage_rules(knowledge).combination_minor_ingredients
        if len(generics) > 1 and generics - minor:
            generics = generics - minor
        classes = {c for c in (item.drug_class,) if c}
        out = [
            f
            for f in facts.mentions(MEDICATION)
            if f.value in generics and _same_route(knowledge, item.route, mention_route(knowledge, f))
        ]
        # "has not tried any anticonvulsant" speaks for every drug of the class
        out += [
            f
            for f in facts.mentions(DRUG_CLASS)
            if f.value in classes and f.usage is not None and f.usage.status == UsageStatus.NEVER
        ]
        return out
    out = _service_mentions(knowledge, topic, item, facts)
    skilled = usage_rules(knowledge).skilled_use.get(item.service or "")
    if skilled is not None and _SKILLED not in {m.lower() for m in item.modifiers}:
        # the nurse's or therapist's visits are no earlier use of the aide asked for
        out = [f for f in out if not skilled.search(_own_part(knowledge, f))]
    if regional(knowledge, item):
        # an earlier injection is the same treatment only at the same joint or spinal region ("never
        # had an injection" speaks for every site)
        unsited = item.service in usage_rules(knowledge).unsited_use_counts
        out = [f for f in out if _same_region(knowledge, item, f, unnamed=unsited or not _used(f))]
    elif item.service in usage_rules(knowledge).course_regional_services and item.body_regions:
        # a course of therapy for another body part ("had PT in 2012 for an ankle sprain") is no
        # earlier course for this one; a course named without its region counts
        regions = _course_regions(knowledge, out)
        out = [f for f in out if regions.get(id(f)) is None or _treats(knowledge, item, regions[id(f)])]
    return out


def course_elsewhere(knowledge: Knowledge, item: NormalizedItem, facts: list[Fact]) -> list[Fact]:
    """Of `facts` (mentions of the requested course of therapy), those of a course for another body
    part than the request's ("Neck: 8 PT visits" for lumbar PT); none unless the service's courses are
    per body part and the request names its part."""
    if item.service not in usage_rules(knowledge).course_regional_services or not item.body_regions:
        return []
    regions = _course_regions(knowledge, facts)
    return [
        f for f in facts if regions.get(id(f)) is not None and not _treats(knowledge, item, regions[id(f)])
    ]


def _service_mentions(
    knowledge: Knowledge, topic: Topic | None, item: NormalizedItem, facts: ClinicalFacts
) -> list[Fact]:
    """Mentions of the requested service's concepts. A narrower concept that names a service of its
    own is that service, not this one: "the ESI was never scheduled" says nothing of an earlier
    shoulder joint injection (treatment.injection.epidural under treatment.injection)."""
    concepts = service_concepts(knowledge, item, topic)
    others = {
        c
        for service, mapped in usage_rules(knowledge).service_concepts.items()
        if service != item.service
        for c in mapped
        if c not in concepts and any(c.startswith(own + ".") for own in concepts)
    }
    return [
        f
        for concept in concepts
        for f in facts.mentions(concept)
        if f.concept == concept or not any(f.concept == o or f.concept.startswith(o + ".") for o in others)
    ]


def _elsewhere(
    knowledge: Knowledge, topic: Topic | None, item: NormalizedItem, facts: ClinicalFacts, kept: list[Fact]
) -> list[Fact]:
    """Uses of a course of therapy left out for having been for another body part."""
    if item.service not in usage_rules(knowledge).course_regional_services or not item.body_regions:
        return []
    every = _service_mentions(knowledge, topic, item, facts)
    return [f for f in every if _used(f) and all(f is not k for k in kept)]


def _course_regions(knowledge: Knowledge, facts: list[Fact]) -> dict[int, list[str]]:
    """The body regions each mention of a course of therapy speaks of: those its clause names, else
    those the treatment lines of its visit note name ("Tx: adjustment L-spine"). A use named with no
    region is the course the visit notes document, when they document one; with none, it has no
    region (None: it may have been for any). A clause that goes on to another course names regions
    for that one too: a mention's own part of it is read first."""
    named: dict[int, list[str] | None] = {}
    for f in facts:
        said: list[str] = []
        moved = usage_rules(knowledge).course_region_function
        for part in (_own_part(knowledge, f), f.clause or f.sentence, _clause_label(f)):
            text = clean_text(part).lower()
            if moved is not None:
                # "could turn head to drive": the result of the course, not its site
                text = moved.sub(lambda m: " " * len(m.group()), text)
            said = list(find_anatomy(text, tokenize(text), knowledge.vocab).regions)
            if said:
                break
        named[id(f)] = said or list(f.regions) or None
    treated = sorted({r for f in facts if _used(f) and f.regions for r in f.regions})
    out: dict[int, list[str]] = {}
    for f in facts:
        regions = named[id(f)]
        if regions is None and _used(f):
            # a visit named with no region ("Tx #8 of 8.") is of the course its own note names elsewhere
            # ("ACUPUNCTURE NOTE - Cervical/upper trap.")
            regions = (
                sorted(
                    {
                        r
                        for g in facts
                        if g.record == f.record and g is not f and _used(g)
                        for r in named[id(g)] or []
                    }
                )
                or None
            )
        if regions is not None:
            out[id(f)] = regions
        elif _used(f) and treated:
            out[id(f)] = treated
    return out


def _clause_label(fact: Fact) -> str:
    """The label a sentence puts before a mention's clause ("Neck: completed 8 PT visits"): the body
    part the clause speaks of, when the clause names none."""
    if not fact.clause:
        return ""
    at = fact.sentence.find(fact.clause)
    head = fact.sentence[:at].rstrip() if at > 0 else ""
    return head if head.endswith(":") and len(head) <= _LABEL_CHARS else ""


def _own_part(knowledge: Knowledge, fact: Fact) -> str:
    """The part of a mention's clause that speaks of its course: up to where the clause goes on to
    another course ("continued chiropractic ... lumbar and start manipulation of R wrist")."""
    clause = fact.clause or fact.sentence
    rule = usage_rules(knowledge).course_region_break
    at = (
        fact.start - fact.clause_start
        if fact.clause and fact.clause_start is not None
        else clause.find(fact.text)
    )
    if rule is None or not 0 <= at <= len(clause):
        return clause
    start = 0
    for cut in rule.finditer(clause):
        if cut.start() >= at + len(fact.text):
            return clause[start : cut.start()]
        if cut.end() <= at:
            start = cut.start()
    return clause[start:]


def _treats(knowledge: Knowledge, item: NormalizedItem, regions: list[str]) -> bool:
    """Whether a course for `regions` treated one of the request's (hand therapy is a course for the
    wrist: the regions one course treats together count as one)."""
    asked = set(item.body_regions)
    asked |= {r for group in usage_rules(knowledge).course_region_groups if asked & group for r in group}
    return bool(asked & set(regions))


def mention_route(knowledge: Knowledge, fact: Fact) -> str | None:
    """The route a drug mention names: a route written after it ("Flexeril cream"), else its brand's
    usual route ("Voltaren XR" by mouth); None when it names none."""
    for measure in fact.measures:
        if measure.kind == "route" and measure.value:
            return str(measure.value)
    name = knowledge.vocab.drug_names.get(fact.text)
    if name is not None and name.is_brand:
        return name.route
    return _route_in_context(knowledge, fact)


def _route_in_context(knowledge: Knowledge, fact: Fact) -> str | None:
    """The route the words around a drug mention that names none give (usage.yaml): a dose written
    the way a route is given right after it ("diclofenac sodium 75 mg bid" by mouth), else the
    product named right before it that it is an ingredient of ("compounded cream (cyclobenzaprine
    2%/gabapentin 10%)" is topical)."""
    rules = usage_rules(knowledge)
    if not rules.route_dose_after and not rules.route_named_before:
        return None
    sentence = fact.sentence or fact.clause
    at = -1
    if fact.clause and fact.clause_start is not None:
        begins = sentence.find(fact.clause)
        if begins >= 0:
            at = begins + fact.start - fact.clause_start
    if not (at >= 0 and sentence[at : at + len(fact.text)] == fact.text):
        at = sentence.find(fact.text)
    if at < 0:
        return None
    low = sentence.lower()
    after, before = low[at + len(fact.text) :], low[:at]
    for route, rule in rules.route_dose_after.items():
        if rule.match(after):
            return route
    for route, rule in rules.route_named_before.items():
        if rule.search(before):
            return route
    return None


def _same_route(knowledge: Knowledge, asked: str | None, named: str | None) -> bool:
    """Whether a mention's route gives the requested treatment: either unnamed, the same route, or
    routes usage.yaml `route_groups` holds together."""
    if asked is None or named is None or asked == named:
        return True
    return any(asked in group and named in group for group in usage_rules(knowledge).route_groups)


def _record_names(knowledge: Knowledge, item: NormalizedItem) -> set[str]:
    """The names a drug's mentions carry: its generics, or for a product that names none (a medical
    food: "Theramine") the brand, as the record drug dictionary reads it."""
    generics = item_generics(item)
    if generics or not item.brand:
        return generics
    brand = item.brand.lower()
    return {brand, str(knowledge.nlp.drug_terms.brands.get(brand, brand)).lower()}


def _used(fact: Fact) -> bool:
    return fact.usage is not None and fact.usage.status in USED


def _same_region(
    knowledge: Knowledge, item: NormalizedItem, fact: Fact, *, unnamed: bool, whole_clause: bool = False
) -> bool:
    """Whether the words around a mention ("subacromial injection", "injected R knee") name one of
    the request's body regions; the rest of its clause may speak of symptoms elsewhere, and an
    injection named without its site may have been anywhere (an IM shot, a trigger point), so it
    counts only when `unnamed` (a "never had an injection" speaks for every site). A course of
    therapy names its region anywhere in its clause (`whole_clause`: "PT in 2012 for an ankle sprain")."""
    clause = fact.clause or fact.sentence
    at = clause.find(fact.text)
    if at < 0:
        return True
    window = (
        clause if whole_clause else clause[max(0, at - _REGION_BEFORE) : at + len(fact.text) + _REGION_AFTER]
    )
    text = clean_text(window).lower()
    anatomy = find_anatomy(text, tokenize(text), knowledge.vocab)
    rules = usage_rules(knowledge)
    if (
        not anatomy.regions
        and rules.spine_words is not None
        and rules.spine_words.search(text)
        and not rules.spine_regions & set(item.body_regions)
    ):
        # "has not had any spinal injection" is at the spine, not at a limb joint (which part of the
        # spine it does not say)
        return False
    if not anatomy.regions and fact.regions and not whole_clause:
        # a procedure its note's heading names is at the site the note's diagnosis lines give
        return bool(set(fact.regions) & set(item.body_regions))
    if not anatomy.regions:
        return unnamed
    sides = {item.laterality, anatomy.laterality}
    # the other side's joint is another joint ("right shoulder" is no earlier left shoulder injection)
    other_side = None not in sides and "bilateral" not in sides and len(sides) > 1
    asked = set(item.body_regions)
    if whole_clause:
        # a course treats its body part's neighbours too (hand therapy is a course for the wrist)
        asked |= {r for group in usage_rules(knowledge).course_region_groups if asked & group for r in group}
    return bool(set(anatomy.regions) & asked) and not other_side


def regional(knowledge: Knowledge, item: NormalizedItem) -> bool:
    """Whether an earlier use of the requested treatment counts only at the same body region: an
    injection (a joint, a spinal region) or a regional device (a knee brace is no wrist splint)."""
    return bool(item.body_regions) and (
        item.kind == ItemKind.INJECTION or item.service in usage_rules(knowledge).regional_services
    )


def at_requested_region(knowledge: Knowledge, item: NormalizedItem, mention: Fact) -> bool:
    """Whether a mention of the requested treatment is at one of the request's body regions, or names
    none ("the lumbar injection" is no earlier shoulder injection; "the injection" may be)."""
    return _same_region(knowledge, item, mention, unnamed=True)


def service_concepts(knowledge: Knowledge, item: NormalizedItem, topic: Topic | None) -> list[str]:
    """The treatment concepts that name the requested service in the records: for a device's
    accessory the request names ("conductive garment for IF unit"), the accessory's own."""
    rules = usage_rules(knowledge)
    accessory = [c for m in item.modifiers for c in rules.accessory_concepts.get(m.lower(), ())]
    if accessory:
        return accessory
    mapped = rules.service_concepts.get(item.service or "")
    if mapped:
        return list(mapped)
    own = f"treatment.{item.service}"
    if item.service and own in knowledge.nlp.concepts:
        return [own]
    return list(topic.prior_use_concepts) if topic is not None else []


def _stopped_later(fact: Fact, used: list[Fact], record_dates: dict[str, dt.date | None]) -> bool:
    """Whether a record dated after a mention's says the use stopped ("on Norco" in September, "off
    Norco since 10/2014" in November): the use the earlier note shows going on has ended."""
    recorded = record_dates.get(fact.record)
    if recorded is None:
        return False
    return any(
        f.usage is not None
        and f.usage.status == UsageStatus.STOPPED
        and (later := record_dates.get(f.record)) is not None
        and later > recorded
        for f in used
    )


def _long_ago(
    knowledge: Knowledge, fact: Fact, when: dt.date | None, record_dates: dict[str, dt.date | None]
) -> dt.date | None:
    """When a past use told as long ago with no date ("remote PT", "none for years") last happened:
    at least the lapse (usage.yaml `lapse_months`) before its record; other dates stand as read."""
    rules = usage_rules(knowledge)
    recorded = record_dates.get(fact.record)
    if (
        rules.long_ago_clause is None
        or when is None
        or when != recorded
        or fact.usage is None
        or fact.usage.status not in (UsageStatus.PAST, UsageStatus.STOPPED)
        or not rules.long_ago_clause.search((fact.clause or fact.sentence).lower())
    ):
        return when
    months = when.year * 12 + when.month - 1 - rules.lapse_months
    return dt.date(months // 12, months % 12 + 1, 1)


def _undated_beside_dated_stop(
    knowledge: Knowledge, used: list[Fact], record_dates: dict[str, dt.date | None], pivot: int
) -> list[Fact]:
    """The past uses told with no date of their own in a record that dates when the use stopped
    ("off Neurontin since 9/2013", "d/c 06/2014"): that record's undated uses are the course it
    dates the end of."""
    dated_stops = {
        f.record
        for f in used
        if _says_stopped(knowledge, f) and _when(f, record_dates, pivot, fallback=False) is not None
    }
    return [
        f
        for f in used
        if f.record in dated_stops
        and f.usage is not None
        and f.usage.status != UsageStatus.CURRENT
        and _when(f, record_dates, pivot, fallback=False) is None
    ]


def _when(
    fact: Fact, record_dates: dict[str, dt.date | None], pivot: int, *, fallback: bool = True
) -> dt.date | None:
    """When the use a mention speaks of last happened: in use now means on its record's date; else
    the latest past date its clause gives ("in 2012", "mid-2014", "2 years ago", "2 months s/p" it),
    else the record's (None without `fallback`: the clause gives no date).
    A date after "since" starts a use that goes on ("PT since 8/2015"), unless the clause says the
    use stopped then ("none since 2013", "off Xanax since 5/2015")."""
    recorded = record_dates.get(fact.record)
    status = fact.usage.status if fact.usage is not None else None
    if status == UsageStatus.CURRENT:
        return recorded if fallback else None
    low = fact.clause.lower() if fact.clause else fact.sentence.lower()
    latest = [
        d.latest()
        for d in find_loose_dates(low, pivot=pivot)
        if status == UsageStatus.STOPPED or not _SINCE.search(low, max(0, d.start - 24), d.start)
    ]
    if recorded is not None:
        latest = [min(d, recorded) for d in latest if d <= recorded or d.year == recorded.year]
        ago = time_ago(low, recorded)
        if ago is not None:
            latest.append(ago)
        without = time_without(low, recorded) if status == UsageStatus.STOPPED else None
        if without is not None:
            latest.append(without)
        # "2 months s/p Synvisc-One": the use was that long before the note
        if fact.clause and fact.clause_start is not None and fact.clause_start <= fact.start:
            after = time_after(low[: fact.start - fact.clause_start], recorded)
            if after is not None:
                latest.append(after)
    return max(latest) if latest else (recorded if fallback else None)


def _lapse_since_undated(
    knowledge: Knowledge, fact: Fact, record_dates: dict[str, dt.date | None], pivot: int
) -> bool:
    """Whether a mention says the use stopped at an earlier point it does not date ("has not taken
    Flexeril since the 2-wk course in May", "no acupuncture since")."""
    rule = usage_rules(knowledge).lapse_after_negation
    if rule is None or fact.usage is None or fact.usage.status != UsageStatus.STOPPED:
        return False
    clause = fact.clause or fact.sentence
    at = clause.find(fact.text)
    low = clause.lower()
    if at < 0 or rule.search(low[at + len(fact.text) :]) is None or find_loose_dates(low, pivot=pivot):
        return False
    recorded = record_dates.get(fact.record)
    return recorded is None or (time_without(low, recorded) is None and time_ago(low, recorded) is None)


def _quote(facts: list[Fact]) -> str:
    seen: list[str] = []
    for f in facts:
        clause = " ".join(f.evidence().text.split())
        text = f'"{clause}" ({ref(f.record)})'
        if text not in seen:
            seen.append(text)
    return "; ".join(seen[:2])


def _evidence(facts: list[Fact]) -> list[Evidence]:
    out: list[Evidence] = []
    for f in facts:
        ev = f.evidence()
        if all((e.record, e.start, e.end) != (ev.record, ev.start, ev.end) for e in out):
            out.append(ev)
    return out


def _before_resuming(knowledge: Knowledge, mentions: list[Fact], used: list[Fact]) -> list[Fact]:
    """The uses left when a note's plan takes the treatment up again ("Restart Naprosyn"): a use now
    that note seems to tell ("No GI problems on Naprosyn") is the earlier course, not one going on
    (usage.yaml resume_cues). Earlier notes keep their uses, each at its own date."""
    cues = usage_rules(knowledge).resume_cues
    resumed = {
        f.record
        for f in mentions
        if f.usage is not None
        and f.usage.status == UsageStatus.PLANNED
        and " ".join(words_of(f.usage.cue.lower())) in cues
    }
    # "Renew gym membership" in the plan of a note that tells the membership lapsed asks to take it up
    # again: the plan is no use going on
    lapsed = {f.record for f in used if f.usage is not None and f.usage.status == UsageStatus.STOPPED}
    return [
        f
        for f in used
        if f.usage is None
        or f.usage.status != UsageStatus.CURRENT
        or (f.record not in resumed and not (f.record in lapsed and f.section in _PLAN_SECTIONS))
    ]


def treatment_phase(
    knowledge: Knowledge,
    topic: Topic | None,
    item: NormalizedItem,
    facts: ClinicalFacts,
    *,
    on: dt.date | None = None,
    record_dates: dict[str, dt.date | None] | None = None,
) -> PhaseFinding:
    """The phase of `item` on `on` (the governing date), read from the clinical records."""
    if item.kind not in PHASED_KINDS and not _is_trial(item):
        return PhaseFinding(None, "a one-time service: no treatment phase")
    dates = record_dates or {}
    label = _label(knowledge, item)
    mentions = _mentions(knowledge, topic, item, facts)
    if item.kind == ItemKind.DME:
        # a device applied at therapy visits is not a home device the worker has had
        mentions = [f for f in mentions if not _clinic_use(knowledge, f, facts)]
    # "stop Tylenol if ibuprofen effective": a use only supposed is no use (a current one taken "prn"
    # or "as needed" is)
    used = [
        f
        for f in mentions
        if f.usage is not None
        and f.usage.status in USED
        and (f.usage.status == UsageStatus.CURRENT or not f.has(ModifierCategory.HYPOTHETICAL))
    ]
    used = _before_resuming(knowledge, mentions, used)
    if item.service in usage_rules(knowledge).postsurgical_services:
        used = _after_surgery(knowledge, facts, used, dates)
    never = [f for f in mentions if f.usage is not None and f.usage.status == UsageStatus.NEVER]
    if used and never:
        conflict = _conflict(used, never, dates, knowledge.nlp.derived.two_digit_year_pivot)
        if conflict:
            return PhaseFinding(
                "continuation",
                f"the records disagree on whether the worker had {label} before: {_quote(conflict[0])} "
                f"but {_quote(conflict[1])}",
                evidence=_evidence(conflict[0]),
                conflict=_evidence(conflict[0] + conflict[1]),
            )
    if used:
        lapse = usage_rules(knowledge).lapse_months
        # "continue Norco" in a note written years before is no use now
        current = [
            f
            for f in used
            if f.usage is not None
            and f.usage.status == UsageStatus.CURRENT
            and not _long_before(dates.get(f.record), on, lapse)
            and not _stopped_later(f, used, dates)
        ]
        pivot = knowledge.nlp.derived.two_digit_year_pivot
        # "has not taken Flexeril since the course in May": a lapse since an earlier use, with no date of
        # its own, ended that use; its record's date is no use (unless nothing else is dated)
        read = [(f, _when(f, dates, pivot)) for f in used]
        when = [(f, _long_ago(knowledge, f, d, dates)) for f, d in read]
        # the dates only a "long ago" gives: a time the records do not state
        vague = {d for (_, d), (_, r) in zip(when, read, strict=True) if d != r}
        undated_lapse = [f for f in used if _lapse_since_undated(knowledge, f, dates, pivot)]
        # "Prior partial response to gabapentin" in the note that says she has been off it since
        # 9/2013: a past use a note tells with no date of its own is the course that note dates the
        # stop of, not a use on the note's date
        undated_lapse += _undated_beside_dated_stop(knowledge, used, dates, pivot)
        latest = max(
            (d for f, d in when if d is not None and all(f is not u for u in undated_lapse)),
            default=max((d for _, d in when if d is not None), default=None),
        )
        if any(_says_stopped(knowledge, f) for f in used):
            lapse = min(lapse, usage_rules(knowledge).stopped_lapse_months)
        exact = latest in {dates.get(f.record) for f in used}
        if (
            not current
            and on is not None
            and latest is not None
            and _months(latest, on, exact=exact) >= lapse
        ):
            last = (
                "long before, at a time the records do not date"
                if latest in vague
                else f"about {_months(latest, on, exact=exact)} months earlier"
            )
            return PhaseFinding(
                "renewal",
                f"{label} was used before, the last time {last}: {_quote(used)}",
                evidence=_evidence(used),
            )
        # quote what says the use outright ("completed 6 sessions"); what tells it only by a time word
        # ("TTD before physical therapy") only when nothing else does
        weak = usage_rules(knowledge).plan_ignores
        shown = current or used
        shown = [f for f in shown if f.usage is None or f.usage.cue.lower() not in weak] or shown
        # a course a note months old shows going on is one that was used, not one in use now
        recent = [
            f
            for f in current
            if not _long_before(dates.get(f.record), on, usage_rules(knowledge).stopped_lapse_months)
        ]
        verb = "is in use" if recent else "was used before"
        return PhaseFinding("continuation", f"{label} {verb}: {_quote(shown)}", evidence=_evidence(shown))
    said = _continuation_words(knowledge, item)
    elsewhere = _elsewhere(knowledge, topic, item, facts, mentions)
    if elsewhere and not said and not never:
        where = join_names(
            sorted({r for f in elsewhere for r in _course_regions(knowledge, [f]).get(id(f), [])})
        )
        asked = join_names(list(item.body_regions))
        return PhaseFinding(
            "initial",
            f"the {label} documented before was for another body part ({where}), not the {asked}: "
            f"{_quote(elsewhere)}",
            evidence=_evidence(elsewhere),
        )
    if said and not never:
        return PhaseFinding(
            "continuation",
            f"the request is for {said} {label}, though the clinical records reviewed do not document "
            "the treatment already given",
            from_request=True,
        )
    if never:
        return PhaseFinding(
            "initial", f"{label} has not been tried before: {_quote(never)}", evidence=_evidence(never)
        )
    scope = _scope(knowledge, facts, topic, item)
    searched = f" ({join_names(list(scope.records))})" if scope.records else ""
    return PhaseFinding(
        "initial",
        f"no prior use of {label} is documented in the clinical records reviewed{searched}",
        searched=scope,
    )


def _after_surgery(
    knowledge: Knowledge, facts: ClinicalFacts, used: list[Fact], dates: dict[str, dt.date | None]
) -> list[Fact]:
    """The uses of a therapy that came after the operation it follows: therapy before surgery does not
    make the first post-op course a continuation, and with no operation done yet none does. A mention
    that says it was post-op counts whatever its date."""
    rules = usage_rules(knowledge)
    pivot = knowledge.nlp.derived.two_digit_year_pivot
    done = [
        f
        for f in facts.facts
        if f.concept.startswith(SURGERY) and (_used(f) or _record_kind(facts, f.record) in OPERATIVE_KINDS)
    ]
    # the operation's date: written in a clause ("s/p R CTR 9/27/16") or its operative report's;
    # else it came before the first note that says it was done ("6 wks s/p R CTR")
    dated = [
        d
        for f in done
        if (_record_kind(facts, f.record) in OPERATIVE_KINDS and (d := dates.get(f.record)) is not None)
        or (d := _written_date(f, dates, pivot)) is not None
    ]
    undated = [d for f in done if (d := dates.get(f.record)) is not None]
    if not dated and not undated:
        return []
    surgery = max(dated) if dated else min(undated)
    out = []
    for f in used:
        when = _when(f, dates, pivot)
        said = rules.postoperative is not None and rules.postoperative.search(
            (f.clause or f.sentence).lower()
        )
        if said or (when is not None and when > surgery):
            out.append(f)
    return out


def _written_date(fact: Fact, dates: dict[str, dt.date | None], pivot: int) -> dt.date | None:
    """The latest date written in a mention's clause, not after its record's date."""
    recorded = dates.get(fact.record)
    low = (fact.clause or fact.sentence).lower()
    found = [d.latest() for d in find_loose_dates(low, pivot=pivot)]
    if recorded is not None:
        found = [min(d, recorded) for d in found if d <= recorded or d.year == recorded.year]
    return max(found, default=None)


def _record_kind(facts: ClinicalFacts, record: str) -> str:
    note = facts.record_roles.get(record)
    return (note.kind or "").lower() if note is not None else ""


def _clinic_use(knowledge: Knowledge, fact: Fact, facts: ClinicalFacts) -> bool:
    """Whether a mention of a device speaks of its use at the clinic (knowledge/nlp/usage.yaml)."""
    rules = usage_rules(knowledge)
    if rules.home_use is not None and rules.home_use.search((fact.clause or fact.sentence).lower()):
        return False  # a home trial logged by the clinic ("TENS HOME TRIAL LOG SUMMARY (rental ...)")
    if fact.usage is not None and fact.usage.basis == "record":
        return True  # named by a therapy note of a visit: used there
    role = facts.record_roles.get(fact.record)
    if role is not None and role.kind in rules.clinic_record_kinds:
        return True
    return rules.clinic_use is not None and bool(
        rules.clinic_use.search((fact.clause or fact.sentence).lower())
    )


def _is_trial(item: NormalizedItem) -> bool:
    """A procedure asked for as a trial (a spinal cord stimulator trial) has a phase like a treatment."""
    return re.search(r"\btrial\b", item.request, re.IGNORECASE) is not None


def _continuation_words(knowledge: Knowledge, item: NormalizedItem) -> str | None:
    """The request's words that say the treatment goes on ("additional", "refill"), or "supplies for"
    when it asks for a device's consumables and not the device."""
    words = {w.lower() for w in knowledge.guidelines.index.continuation_modifiers}
    said = [m for m in item.modifiers if m.lower() in words]
    if said:
        return said[0].lower()
    rules = usage_rules(knowledge)
    asked = {m.lower() for m in item.modifiers}
    if asked & rules.supplies_modifiers and not asked & rules.device_modifiers:
        return "supplies for"
    return None


def _says_stopped(knowledge: Knowledge, fact: Fact) -> bool:
    """Whether a use is told as stopped: by its own cue, or anywhere in its clause ("none since")."""
    if fact.usage is not None and fact.usage.status == UsageStatus.STOPPED:
        return True
    rule = usage_rules(knowledge).stopped_clause
    return rule is not None and rule.search((fact.clause or fact.sentence).lower()) is not None


def _long_before(day: dt.date | None, on: dt.date | None, lapse: int) -> bool:
    return day is not None and on is not None and _months(day, on) >= lapse


def _months(earlier: dt.date, later: dt.date, *, exact: bool = True) -> int:
    """Months from `earlier` to `later`. A day-exact date (a record's) counts whole months: 9/15/2015
    to 9/14/2016 is 11 months, not a year; a date a clause gives by month or year ("in 2014") counts
    by calendar month."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if exact and later.day < earlier.day else months


# How the usage tagger marks a treatment a therapy note's heading names as given at its visit.
_VISIT_BASIS = "record"


def _conflict(
    used: list[Fact], never: list[Fact], dates: dict[str, dt.date | None], pivot: int
) -> tuple[list[Fact], list[Fact]] | None:
    """Statements of use and of no use that cannot both be true: a "never" in a record dated on or
    after (or not dated against) a record that documents use, or on or after the time a later record
    says the use had begun by ("completed a 30-day trial in April" against an early-May "has never
    used one"). A "never" written before the use began is history, not a conflict."""
    clashing = []
    for n in never:
        n_date = dates.get(n.record)
        for u in used:
            u_date = dates.get(u.record)
            # one sentence does not contradict itself ("no relaxant in 2 years (last Flexeril 2013)")
            if u.record == n.record and u.sentence == n.sentence:
                continue
            # the note of a first visit that says the worker never had it before ("CHIROPRACTIC INITIAL
            # EVALUATION ... Has never had chiropractic care"): the visit is the first use, no conflict
            if u.record == n.record and u.usage is not None and u.usage.basis == _VISIT_BASIS:
                continue
            if n_date is None or u_date is None or n_date >= u_date:
                clashing.append((u, n))
            elif u.usage is not None and u.usage.status != UsageStatus.CURRENT:
                began = _begun_by(u, u_date, pivot)
                if began is not None and began <= n_date:
                    clashing.append((u, n))
    if not clashing:
        return None
    return [u for u, _ in clashing[:1]], [n for _, n in clashing[:1]]


def _begun_by(fact: Fact, recorded: dt.date, pivot: int) -> dt.date | None:
    """The date by which a past use a record tells had begun: the latest date its clause writes (a
    month named without a year is the latest one before the record), else, for a course of a given
    length told as over ("completed a 30-day trial"), that length before the record; None when the
    record does not say."""
    low = (fact.clause or fact.sentence).lower()
    written = [d.latest() for d in find_loose_dates(low, pivot=pivot) if d.latest() <= recorded]
    written += bare_months(low, recorded)
    if written:
        return max(written)
    days = [
        m.value
        for m in fact.measures
        if m.kind == "duration" and m.unit == "days" and isinstance(m.value, int | float) and m.value > 0
    ]
    return recorded - dt.timedelta(days=max(days)) if days else None


def _scope(
    knowledge: Knowledge, facts: ClinicalFacts, topic: Topic | None, item: NormalizedItem
) -> SearchScope:
    concepts = [MEDICATION] if item.kind == ItemKind.DRUG else service_concepts(knowledge, item, topic)
    records = facts.clinical_records() or sorted({f.record for f in facts.facts})
    terms: list[str] = []
    for concept in concepts:
        terms += [t for t in facts.scope(concept).terms if t not in terms]
    if item.kind == ItemKind.DRUG:
        terms = sorted(_record_names(knowledge, item) | ({item.brand.lower()} if item.brand else set()))
    return SearchScope(concept=", ".join(concepts), records=records, terms=terms)
