"""A CriterionResult with its rationale phrases filled from the case's values."""

from __future__ import annotations

import re
from collections.abc import Mapping

from imr.engine.criteria.context import EvaluationContext
from imr.guidelines import Criterion
from imr.guidelines.model import CitationPart
from imr.guidelines.phrases import render
from imr.models import CriterionResult, Evidence, SearchScope
from imr.models.determination import CriterionOutcome
from imr.text.references import join_names


def outcome(
    criterion: Criterion,
    ctx: EvaluationContext,
    result: CriterionOutcome,
    values: Mapping[str, object] | None = None,
    *,
    evidence: list[Evidence] | None = None,
    searched: SearchScope | None = None,
) -> CriterionResult:
    """The result of `criterion`: statement = the rule, finding = the phrase for this outcome."""
    values = dict(values or {})
    values.setdefault("records", join_names(searched.records) if searched and searched.records else None)
    defaults = ctx.kb.kinds[criterion.kind].phrases
    phrase = {
        "met": criterion.met or defaults.met,
        "not_met": criterion.not_met or defaults.not_met,
        "insufficient": criterion.insufficient or defaults.insufficient,
        "not_applicable": defaults.not_applicable,
    }[result]
    return CriterionResult(
        id=f"{ctx.topic.id}.{criterion.id}",
        kind=criterion.kind,
        result=result,
        statement=render(criterion.rule, values),
        finding=_tidy(render(phrase, values)),
        confirmed=criterion.confirmed,
        evidence=evidence or [],
        searched=searched if result in ("not_met", "insufficient") else None,
        rests_on=criterion.rests_on,
        cites=_cited(criterion.cites),
        letters=list(criterion.letters),
    )


_EMPTY_PARENS = re.compile(r"\s*\(\s*[;,]?\s*\)")
# a count of one filled into a phrase written for many ("The 1 sessions requested")
_ONE_PLURAL = re.compile(r"(?<![\d.,])\b1 (session|visit|injection|unit|week|month|day|level|tablet)s\b")
_EMPTY_TAIL = re.compile(r":\s*([.;])")


def _tidy(text: str) -> str:
    """A phrase whose placeholder had nothing to say: no empty "()" and no colon before a full stop."""
    return _ONE_PLURAL.sub(r"1 \1", _EMPTY_TAIL.sub(r"\1", _EMPTY_PARENS.sub("", text)))


def _cited(cites: CitationPart | None) -> str | None:
    """The guideline text a criterion rests on, in words, when it is not the item's guideline."""
    if cites is None:
        return None
    named = " ".join(part for part in (cites.source, cites.guideline) if part)
    detail = ", ".join(part for part in (cites.section, f"p. {cites.pages}" if cites.pages else None) if part)
    return f"{named} ({detail})" if detail else named
