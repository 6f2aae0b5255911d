"""When an adverse draft must go to a physician instead: it would rest on a record that could not be
read, on nothing but an absence in a thin file, or on a finding the records contradict.

A draft that misstates the record is worse than `needs_review`; these are the cases where the engine
cannot tell whether it would.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from imr.guidelines import Criterion, KnowledgeBase
from imr.models import ClinicalFacts, CriterionResult, Decision, Fact
from imr.text.prose import lower_first
from imr.text.references import join_names, ref

# Kinds whose result rests on a finding the records affirm or deny.
FINDING_KINDS = frozenset({"requires_finding_present", "requires_finding_absent"})


def review_instead(
    kb: KnowledgeBase,
    decision: Decision | None,
    deciding: Sequence[tuple[Criterion, CriterionResult]],
    facts: ClinicalFacts,
    record_dates: dict[str, dt.date | None],
) -> str | None:
    """Why the draft goes to review rather than to its `decision`, or None when it may stand."""
    if decision is None:
        return None
    conflict = _contradicted(kb, deciding, facts, record_dates)
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
        for concept in criterion.concepts:
            pair = _clash(facts.affirmed(concept), facts.negated(concept), record_dates, window)
            if pair is not None:
                said, denied = pair
                what = lower_first(kb.concepts.get(concept, concept))
                return (
                    f"the records disagree on a finding that decides this item ({what}): "
                    f'"{_clause(said)}" ({ref(said.record)}) but "{_clause(denied)}" ({ref(denied.record)})'
                )
    return None


def _clash(
    said: list[Fact], denied: list[Fact], record_dates: dict[str, dt.date | None], window: dt.timedelta
) -> tuple[Fact, Fact] | None:
    """An affirmation and a denial in different records that are close enough in time to clash."""
    for a in said:
        for n in denied:
            # the same finding both ways (a criterion naming a category, "finding", covers many)
            if a.record == n.record or a.concept != n.concept:
                continue
            a_date, n_date = record_dates.get(a.record), record_dates.get(n.record)
            if a_date is None or n_date is None or abs(a_date - n_date) <= window:
                return a, n
    return None


def _clause(fact: Fact) -> str:
    return " ".join(fact.evidence().text.split())
