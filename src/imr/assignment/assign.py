"""Pick the reviewer for a case: qualified, conflict-free, best specialty fit, then lowest load.

Qualified: active; years in practice and weekly hours meet the thresholds of procedure/reviewers.yaml;
no affiliation matching a party; a specialty that fits every disputed item (vocab/specialties.yaml); not the
reviewer of an earlier review of the same item that was set aside on appeal. Among the qualified: highest
specialty fit (mean over items), then lowest current load, then a California licence (a tie-breaker, not a
requirement: IMR reviewers need not be licensed in California), then reviewer id, so the choice is
deterministic.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from imr.assignment.conflicts import find_conflicts
from imr.assignment.data import reviewer_rules
from imr.assignment.prior import related_prior_reviews
from imr.assignment.specialty import ItemFit, item_fit, label, reviewer_specialties
from imr.errors import AssignmentError, InputError
from imr.models.application import AssignmentResult, CandidateAssessment, PriorReview
from imr.models.case import Party
from imr.models.items import NormalizedItem
from imr.models.reviewer import Reviewer


@dataclass(frozen=True)
class _Assessment:
    reviewer: Reviewer
    problems: list[str]
    fits: list[ItemFit]
    fit: float
    load: int
    california: bool

    def rank(self) -> tuple[float, int, bool, str]:
        return (-self.fit, self.load, not self.california, self.reviewer.id)


def assign_reviewer(
    *,
    items: Sequence[NormalizedItem],
    parties: Sequence[Party],
    reviewers: Sequence[Reviewer],
    loads: Mapping[str, int],
    prior_reviews: Sequence[PriorReview] = (),
) -> AssignmentResult:
    """The reviewer for a case with these disputed items and parties, and why.

    Raises AssignmentError (with `.reasons` per reviewer id) when nobody qualifies.
    """
    if not items:
        raise InputError("assign_reviewer: no disputed items (expected at least one NormalizedItem)")
    related = related_prior_reviews(items, prior_reviews)
    assessed = [_assess(r, items, parties, loads, related) for r in reviewers]
    qualified = sorted((a for a in assessed if not a.problems), key=_Assessment.rank)
    if not qualified:
        reasons = {a.reviewer.id: a.problems for a in assessed}
        summary = (
            "; ".join(f"{rid}: {', '.join(why)}" for rid, why in reasons.items()) or "no reviewers given"
        )
        raise AssignmentError(f"no reviewer qualifies for this case ({summary})", reasons=reasons)
    chosen = qualified[0]
    candidates = [
        CandidateAssessment(
            reviewer_id=a.reviewer.id,
            qualified=not a.problems,
            reasons=a.problems or ([] if a is chosen else [_why_not_chosen(a, chosen)]),
            specialty_fit=a.fit,
            load=a.load,
            california_licensed=a.california,
        )
        for a in assessed
    ]
    explanation = _why_chosen(chosen, parties)
    explanation += [f"{c.reviewer_id} not chosen: {'; '.join(c.reasons)}" for c in candidates if c.reasons]
    explanation += [_prior_line(p) for p in related]
    return AssignmentResult(
        reviewer_id=chosen.reviewer.id,
        explanation=explanation,
        specialty_fit=chosen.fit,
        load=chosen.load,
        candidates=candidates,
        prior_reviews=related,
    )


def assess_reviewers(
    *,
    items: Sequence[NormalizedItem],
    parties: Sequence[Party],
    reviewers: Sequence[Reviewer],
    loads: Mapping[str, int],
    prior_reviews: Sequence[PriorReview] = (),
) -> list[CandidateAssessment]:
    """Every reviewer assessed for the case, without choosing: qualified ones first (best first), then
    the others, each with every reason it does not qualify. What an assignment screen offers."""
    if not items:
        raise InputError("assess_reviewers: no disputed items (expected at least one NormalizedItem)")
    related = related_prior_reviews(items, prior_reviews)
    assessed = sorted(
        (_assess(r, items, parties, loads, related) for r in reviewers),
        key=lambda a: (bool(a.problems), a.rank()),
    )
    return [
        CandidateAssessment(
            reviewer_id=a.reviewer.id,
            qualified=not a.problems,
            reasons=a.problems,
            specialty_fit=a.fit,
            load=a.load,
            california_licensed=a.california,
        )
        for a in assessed
    ]


def _assess(
    reviewer: Reviewer,
    items: Sequence[NormalizedItem],
    parties: Sequence[Party],
    loads: Mapping[str, int],
    related: Sequence[PriorReview],
) -> _Assessment:
    rules = reviewer_rules()
    qualification = rules.qualification
    problems: list[str] = []
    if not reviewer.active:
        problems.append("not active")
    for field, threshold, unit in (
        ("years_in_practice", qualification.years_in_practice, "years in practice"),
        ("hours_per_week_active", qualification.hours_per_week_active, "hours a week in active practice"),
    ):
        value = getattr(reviewer, field)
        if not threshold.admits(value):
            problems.append(f"{value} {unit}; needs {threshold.describe()} ({qualification.citation})")
    problems.extend(find_conflicts(reviewer, parties))
    for prior in related:
        if prior.set_aside_on_appeal and prior.reviewer_id == reviewer.id:
            problems.append(
                f"decided earlier review {prior.case_id} of {prior.item!r}, set aside on appeal: "
                f"the new review goes to a different reviewer ({rules.prior_review.citation})"
            )
    specialty_ids, unknown = reviewer_specialties(reviewer)
    fits = [item_fit(item, specialty_ids) for item in items]
    for fit in fits:
        if fit.weight == 0:
            has = ", ".join([label(s) for s in specialty_ids] + unknown) or "no specialty on file"
            problems.append(
                f"no specialty fits {fit.item.request!r} (by {fit.looked_up_by}): needs one of "
                f"{', '.join(fit.wanted)}; has {has}"
            )
    spellings = {s.casefold() for s in rules.licensure.spellings}
    california = any(state.strip().casefold().rstrip(".") in spellings for state in reviewer.licensure_states)
    return _Assessment(
        reviewer=reviewer,
        problems=problems,
        fits=fits,
        fit=round(sum(f.weight for f in fits) / len(fits), 3),
        load=loads.get(reviewer.id, 0),
        california=california,
    )


def _why_chosen(chosen: _Assessment, parties: Sequence[Party]) -> list[str]:
    rules = reviewer_rules()
    q = rules.qualification
    r = chosen.reviewer
    lines = [
        f"Chosen: {r.id}, specialty fit {chosen.fit:.2f}, current load {chosen.load} case(s)"
        + (f", licensed in {rules.licensure.preferred_state}" if chosen.california else "")
        + ".",
        f"{r.id} qualifies: active; {r.years_in_practice} years in practice "
        f"({q.years_in_practice.describe()}); "
        f"{r.hours_per_week_active} hours a week in active practice ({q.hours_per_week_active.describe()}) "
        f"({q.citation}).",
        f"No declared affiliation of {r.id} matches any of the {len(parties)} "
        f"{'party' if len(parties) == 1 else 'parties'} of the case "
        f"({rules.conflicts.citation}).",
    ]
    lines += [
        f"{fit.item.request!r} (by {fit.looked_up_by}): {fit.matched} is a {fit.tier} specialty."
        for fit in chosen.fits
    ]
    return lines


def _why_not_chosen(other: _Assessment, chosen: _Assessment) -> str:
    if other.fit != chosen.fit:
        return f"qualified, but lower specialty fit ({other.fit:.2f} against {chosen.fit:.2f})"
    if other.load != chosen.load:
        return (
            f"qualified with the same specialty fit, but a higher load ({other.load} against {chosen.load})"
        )
    if other.california != chosen.california:
        state = reviewer_rules().licensure.preferred_state
        return (
            f"qualified with the same fit and load, but not licensed in {state} (preferred as a tie-breaker)"
        )
    return "qualified with the same fit, load and licensure; ties are broken by reviewer id"


def _prior_line(prior: PriorReview) -> str:
    decision = prior.decision.value if prior.decision else "no decision recorded"
    when = f" on {prior.decided_on.isoformat()}" if prior.decided_on else ""
    appeal = ", set aside on appeal" if prior.set_aside_on_appeal else ""
    return f"Earlier IMR on the same item: case {prior.case_id}, {prior.item!r}: {decision}{when}{appeal}."
