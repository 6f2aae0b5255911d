"""Statements in the records that cannot both be true: different counts of completed sessions, and
improvement stated in one place and denied in another."""

from __future__ import annotations

from itertools import combinations

from imr.facts.derive_treatment import completed_sessions, measure_evidence
from imr.models.facts import Contradiction, Fact, Measure, ModifierCategory
from imr.text.references import ref

FUNCTIONAL_IMPROVEMENT = "outcome.functional_improvement"
IMPROVEMENT = (FUNCTIONAL_IMPROVEMENT, "outcome.adl_improvement", "outcome.pain_relief")
WORSENING = "outcome.no_improvement"
RESIDUAL = "outcome.residual_limitation"
# Gains a note measures (numbers before and after): beside one of these, what is still not possible is the
# rest of the way to go, not a denial of improvement ("can now do housework. Still unable to do housework"
# has no measure and stays a contradiction)
DOCUMENTED_GAIN = frozenset({"outcome.function_gain", "outcome.medication_reduction"})


def weigh_residual(facts: list[Fact]) -> list[Fact]:
    """A limitation that remains ("still unable to lift") says no improvement only where its note
    measures no gain about the same treatment; beside one it stays a residual limitation."""
    gains = [f for f in facts if f.concept in DOCUMENTED_GAIN and f.affirmed]
    return [
        f.model_copy(update={"concept": WORSENING})
        if f.concept == RESIDUAL and not any(g.record == f.record and _same_treatment(g, f) for g in gains)
        else f
        for f in facts
    ]


def _clause(fact: Fact) -> str:
    return " ".join(fact.evidence().text.split())


def find_contradictions(facts: list[Fact]) -> list[Contradiction]:
    return [*_session_conflicts(facts), *_improvement_conflicts(facts)]


def _conflict(a: Measure, b: Measure) -> bool:
    """Two counts conflict unless a floor ("at least 12") is met by the other count."""
    if not isinstance(a.value, float | int) or not isinstance(b.value, float | int):
        return False
    if a.bound == "at_least" and b.bound == "at_least":
        return False
    if a.bound == "at_least":
        return b.value < a.value
    if b.bound == "at_least":
        return a.value < b.value
    return a.value != b.value


def _session_conflicts(facts: list[Fact]) -> list[Contradiction]:
    out: list[Contradiction] = []
    for service, counts in sorted(completed_sessions(facts).items()):
        pair = next(((x, y) for x, y in combinations(counts, 2) if _conflict(x[1], y[1])), None)
        if pair is None:
            continue
        (fa, ma), (fb, mb) = pair
        out.append(
            Contradiction(
                topic=f"sessions_completed.{service}",
                description=(
                    f"the records give different numbers of completed {service.replace('_', ' ')} sessions: "
                    f'"{_clause(fa)}" ({ref(fa.record)}) and "{_clause(fb)}" ({ref(fb.record)})'
                ),
                evidence=[measure_evidence(fa, ma), measure_evidence(fb, mb)],
            )
        )
    return out


def _improvement_conflicts(facts: list[Fact]) -> list[Contradiction]:
    stated = [f for f in facts if f.concept in IMPROVEMENT and f.affirmed]
    denied = [
        f
        for f in facts
        if (f.concept == WORSENING and f.affirmed)
        or (f.concept in IMPROVEMENT and f.has(ModifierCategory.NEGATED))
    ]
    if not stated or not denied:
        return []
    # only statements about the same treatment (or of none named) disagree: "PT without change; the ESI
    # gave 70% relief" is no contradiction
    pairs = [(a, d) for a in stated for d in denied if _same_treatment(a, d)]
    if not pairs:
        return []
    # a note that contradicts itself says more than two notes that differ (the later may be right)
    first, against = next(((a, d) for a, d in pairs if a.record == d.record), pairs[0])
    return [
        Contradiction(
            # Named for the concept the guideline criteria ask about: ADL gains and pain relief are
            # parts of functional improvement.
            topic=FUNCTIONAL_IMPROVEMENT,
            description=(
                f'improvement is stated ("{_clause(first)}", {ref(first.record)}) and denied '
                f'("{_clause(against)}", {ref(against.record)})'
            ),
            evidence=[first.evidence(), against.evidence()],
        )
    ]


def _same_treatment(a: Fact, b: Fact) -> bool:
    """Whether two statements may be about the same treatment: one names none, or they share one."""
    return not a.about or not b.about or bool(set(a.about) & set(b.about))
