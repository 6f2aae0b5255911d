"""A first-line course that must have run for a while before the request: how long ago it began."""

from __future__ import annotations

import datetime as dt
import re

from imr.engine.criteria.context import EvaluationContext
from imr.engine.criteria.lookup import affirmed, describe, evidence, quoted, searched
from imr.engine.criteria.result import outcome
from imr.facts.dates import find_dates
from imr.guidelines import Criterion
from imr.models import ClinicalFacts, CriterionResult, Fact, NormalizedItem
from imr.models.facts import UsageStatus

# the words that give a course's start ("PT started 6/15/17", "began therapy on 6/15/2017")
_STARTED = re.compile(r"\b(?:started|began|begun|initiated|commenced|since)\b(?:\s+on)?\s+")
_NOT_HAD = (UsageStatus.PLANNED, UsageStatus.NEVER)
_WEEK = dt.timedelta(weeks=1)


def _start(fact: Fact, ctx: EvaluationContext) -> dt.date | None:
    """The date a course began, written right after a start word in the mention's clause."""
    if ctx.knowledge is None:
        return None
    text = (fact.clause or fact.sentence or fact.text).lower()
    pivot = ctx.knowledge.nlp.derived.two_digit_year_pivot
    for m in _STARTED.finditer(text):
        dates = find_dates(text, m.end(), pivot=pivot)
        if dates and dates[0].start == m.end() and (ctx.on is None or dates[0].date <= ctx.on):
            return dates[0].date
    return None


def min_trial_duration(
    criterion: Criterion, item: NormalizedItem, facts: ClinicalFacts, ctx: EvaluationContext
) -> CriterionResult:
    """Not met when the records date the start of the course (one of `concepts`) fewer than
    `min_weeks` before the governing date, and no record before that start tells of the course in use;
    met when the written start is long enough ago; silence (no start written) is insufficient."""
    values: dict[str, object] = {"what": describe(ctx.kb, criterion.concepts)}
    if criterion.min_weeks is not None:
        values["min_weeks"] = f"{criterion.min_weeks:g}"
    had = [
        f for f in affirmed(facts, criterion.concepts) if f.usage is None or f.usage.status not in _NOT_HAD
    ]
    dated = [(start, f) for f in had if (start := _start(f, ctx)) is not None]
    scope = searched(facts, criterion.concepts)
    if not dated or ctx.on is None or criterion.min_weeks is None:
        return outcome(criterion, ctx, "insufficient", values, searched=scope)
    start, fact = min(dated, key=lambda pair: pair[0])
    ran = ctx.on - start
    weeks = ran / _WEEK
    values["found"] = quoted([fact])
    short = weeks < criterion.min_weeks
    values["began"] = f"{ran.days} days" if short else f"{weeks:.0f} weeks"
    values["on"] = f"{ctx.on.month}/{ctx.on.day}/{ctx.on.year}"
    earlier = [
        f
        for f in had
        if (when := ctx.record_dates.get(f.record)) is not None and when < start and f is not fact
    ]
    if not short or earlier:
        return outcome(criterion, ctx, "met", values, evidence=evidence([fact, *earlier]))
    return outcome(criterion, ctx, "not_met", values, evidence=evidence([fact]), searched=scope)
