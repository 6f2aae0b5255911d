"""A study asked again: a repeat MRI, x-ray or EMG of a region already studied needs a change since."""

from __future__ import annotations

import datetime as dt
import re

from imr.engine.criteria.context import EvaluationContext
from imr.engine.criteria.findings import STUDY_RECORD_KINDS
from imr.engine.criteria.lookup import affirmed, describe, evidence, quoted, searched
from imr.engine.criteria.result import outcome
from imr.facts.dates import find_loose_dates
from imr.guidelines import Criterion
from imr.items import read_request
from imr.models import ClinicalFacts, CriterionResult, Fact, ItemKind, NormalizedItem

REPEAT = "repeat"
STUDIES = "study"


def _same_study(fact: Fact, item: NormalizedItem, ctx: EvaluationContext) -> bool:
    """Whether a study report's heading is the requested study: same modality, same body region."""
    if ctx.knowledge is None:
        return False
    heading = read_request(fact.sentence or fact.clause or fact.text, ctx.knowledge)
    if heading.service != item.service:
        return False
    return (
        not item.body_regions
        or not heading.body_regions
        or bool(set(heading.body_regions) & set(item.body_regions))
    )


def _heading(fact: Fact, facts: ClinicalFacts) -> bool:
    """A study report names its own study first; a later mention ("CT recommended") is another study."""
    first = min((f.start for f in facts.mentions(STUDIES) if f.record == fact.record), default=fact.start)
    return fact.start == first


def _titled_another_study(title: str | None, item: NormalizedItem, ctx: EvaluationContext) -> bool:
    """Whether a study report's title names a study of another modality: an x-ray report whose
    impression suggests an MRI ("MRI could further characterize") is no MRI done."""
    if ctx.knowledge is None or not title:
        return False
    named = read_request(title, ctx.knowledge)
    return named.kind in _STUDY_KINDS and named.service is not None and named.service != item.service


_STUDY_KINDS = frozenset({ItemKind.IMAGING, ItemKind.DIAGNOSTIC})


def prior_studies(item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext) -> list[Fact]:
    """Reports of the requested study (modality and region) already done, in the study records."""
    concept = f"study.{item.service}"
    found: list[Fact] = []
    for fact in facts.affirmed(concept):
        note = facts.record_roles.get(fact.record)
        if note is None or note.kind not in STUDY_RECORD_KINDS or not _heading(fact, facts):
            continue
        if _titled_another_study(note.title, item, ctx):
            continue
        if any(f.record == fact.record for f in found):
            continue
        if _same_study(fact, item, ctx):
            found.append(fact)
    if not found:
        found = _reported_in_notes(concept, item, facts, ctx)
    return found


_PLANNED = frozenset({"plan", "request"})


def _reported_in_notes(
    concept: str, item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext
) -> list[Fact]:
    """Studies of the requested kind a clinical note reports as done, with their result and a date
    before the note ("X-rays L wrist 1/2015 (3 views): normal"): the index's review policy
    `reported_study` reads the sentence."""
    if ctx.knowledge is None or ctx.kb is None:
        return []
    pattern = ctx.kb.index.review_policy.reported_study
    if not pattern:
        return []
    rule = re.compile(pattern)
    pivot = ctx.knowledge.nlp.derived.two_digit_year_pivot
    out: list[Fact] = []
    for fact in facts.affirmed(concept):
        note = facts.record_roles.get(fact.record)
        if note is None or note.kind in STUDY_RECORD_KINDS or fact.section in _PLANNED:
            continue
        sentence = (fact.sentence or fact.clause or fact.text).lower()
        if not rule.search(sentence) or not _same_study(fact, item, ctx):
            continue
        recorded = note.date or ctx.record_dates.get(fact.record)
        written = [d.latest() for d in find_loose_dates(sentence, pivot=pivot)]
        if recorded is None or not any(d < recorded for d in written):
            continue
        if all(f.record != fact.record for f in out):
            out.append(fact)
    return out


def _date(facts: ClinicalFacts, record: str) -> dt.date | None:
    note = facts.record_roles.get(record)
    return note.date if note is not None else None


def requires_change_since_prior_study(
    criterion: Criterion, item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext
) -> CriterionResult:
    """Applies to a repeat study (asked as one, or the same modality and region already reported):
    met when one of `concepts` (a new or progressive deficit, a red flag, a surgical question) is
    documented after the earlier study; otherwise the earlier study stands."""
    prior = prior_studies(item, facts, ctx)
    if not prior and REPEAT not in item.modifiers:
        return outcome(criterion, ctx, "not_applicable", {})
    dates = [d for d in (_date(facts, f.record) for f in prior) if d is not None]
    last = max(dates) if dates else None
    values: dict[str, object] = {"what": describe(ctx.kb, criterion.concepts), "prior": quoted(prior)}
    changed = [
        f
        for f in affirmed(facts, criterion.concepts)
        if last is None or (_date(facts, f.record) or last) >= last
    ]
    if changed:
        values["found"] = quoted(changed)
        return outcome(criterion, ctx, "met", values, evidence=evidence(changed))
    stable = affirmed(facts, criterion.all_of)
    values["found"] = quoted(stable) if stable else "none documented"
    return outcome(
        criterion,
        ctx,
        "not_met",
        values,
        evidence=evidence([*prior, *stable]),
        searched=searched(facts, criterion.concepts),
    )
