"""The trace of one item: every criterion with its result and evidence, which ones decided, why,
and what missing documentation would change the outcome."""

from __future__ import annotations

from collections.abc import Sequence

from imr.guidelines import KnowledgeBase
from imr.models import CriterionResult, Decision, DocumentationGap
from imr.text.references import join_names


def mark_decisive(criteria: Sequence[CriterionResult], decisive_ids: Sequence[str]) -> list[CriterionResult]:
    """The criteria, with ``decisive`` set on those that decided the item."""
    ids = set(decisive_ids)
    return [c.model_copy(update={"decisive": c.id in ids}) if c.id in ids else c for c in criteria]


def due_to(kb: KnowledgeBase, codes: Sequence[str]) -> list[str]:
    """The words of an Upheld item's reason codes ("Due to …"), without the search-sequence code,
    which the rationale states in its own sentence."""
    words = kb.reason_codes
    said = ("criteria_met", "mtus_silent_other_guideline")
    return [words[c].due_to for c in codes if c in words and c not in said]


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
    return f"documentation bearing on: {what} (searched: {join_names(list(scope.records))})"
