"""The trace of one item: every criterion with its result and evidence, which ones decided, why,
and what missing documentation would change the outcome."""

from __future__ import annotations

from collections.abc import Sequence

from imr.models import CriterionResult, Decision, DocumentationGap

# The reason a failed criterion gives in the rationale's conclusion ("Due to …"), by criterion kind;
# general wording only: the guideline's own numbers are in the criterion's finding.
REASONS_NOT_MET: dict[str, str] = {
    "max_initial_trial_sessions": "the number of sessions requested in excess of an initial trial",
    "max_total_sessions": "the number of sessions in excess of the guideline's limit",
    "frequency_duration": "a frequency or duration of treatment in excess of the guideline",
    "max_duration_of_use": "length of use in excess of the guideline",
    "requires_functional_improvement": "lack of documented functional improvement from prior treatment",
    "requires_finding_present": "lack of a documented indication the guideline requires",
    "requires_finding_absent": "findings that the guideline names as a reason against this treatment",
    "requires_prior_trial": "no documented trial of first-line treatment",
    "requires_concurrent_medication": "no documented use of the medication this treatment accompanies",
    "requires_risk_factor": "no documented risk factor that would indicate it",
    "age_threshold": "the worker's age being outside the guideline's range",
    "time_since_injury": "timing since the injury outside the guideline's window",
    "not_recommended_for_chronic_use": "chronic use that the guideline does not recommend",
    "not_recommended": "the guideline not recommending this treatment",
    "not_recommended_ingredient": "an ingredient the guideline does not recommend",
    "body_region": "a body region for which the guideline does not support this treatment",
}
REASON_INSUFFICIENT = "lack of the documentation the guideline requires"
# Kinds whose "insufficient" means "not documented", which their not-met reason already says.
_ABSENCE_KINDS = frozenset(
    {
        "requires_functional_improvement",
        "requires_finding_present",
        "requires_prior_trial",
        "requires_concurrent_medication",
        "requires_risk_factor",
        "not_recommended_for_chronic_use",
    }
)
REASON_GENERIC = "the guideline criteria not being met"


def mark_decisive(criteria: Sequence[CriterionResult], decisive_ids: Sequence[str]) -> list[CriterionResult]:
    """The criteria, with ``decisive`` set on those that decided the item."""
    ids = set(decisive_ids)
    return [c.model_copy(update={"decisive": c.id in ids}) if c.id in ids else c for c in criteria]


def reasons(criteria: Sequence[CriterionResult], decision: Decision | None) -> list[str]:
    """Short reasons for an Upheld item, from its decisive failed criteria, in order, without repeats."""
    if decision != Decision.UPHELD:
        return []
    found: list[str] = []
    for c in criteria:
        if not c.decisive or c.result not in ("not_met", "insufficient"):
            continue
        kind = c.kind or ""
        if c.result == "insufficient" and kind not in _ABSENCE_KINDS:
            reason = REASON_INSUFFICIENT
        else:
            reason = REASONS_NOT_MET.get(kind, REASON_GENERIC)
        if reason not in found:
            found.append(reason)
    return found


def documentation_gaps(
    criteria: Sequence[CriterionResult],
    gaps: Sequence[DocumentationGap],
    decision: Decision | None,
) -> list[DocumentationGap]:
    """The gaps that could change the outcome, one per criterion, in criterion order.

    An Overturned item has none. A criterion left `insufficient` with no gap named by the guideline
    data still gets one, built from what was searched, so no unclear criterion goes unexplained.
    """
    if decision == Decision.OVERTURNED:
        return []
    by_criterion = {g.criterion: g for g in gaps}
    out: list[DocumentationGap] = []
    for c in criteria:
        gap = by_criterion.pop(c.id, None)
        if gap is None and c.result == "insufficient":
            gap = DocumentationGap(
                criterion=c.id,
                missing=_missing_from_scope(c),
                effect="would let this criterion be judged; it is now unclear from the records",
            )
        if gap is not None:
            out.append(gap)
    return out + list(by_criterion.values())


def _missing_from_scope(criterion: CriterionResult) -> str:
    scope = criterion.searched
    what = criterion.statement.rstrip(".") or criterion.id
    if scope is None or not scope.records:
        return f"documentation bearing on: {what}"
    return f"documentation bearing on: {what} (searched records {', '.join(scope.records)})"
