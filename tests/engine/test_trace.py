"""Trace helpers: decisive criteria, the words of reason codes and documentation gaps."""

from __future__ import annotations

from imr.engine.trace import documentation_gaps, due_to, mark_decisive
from imr.knowledge import load_knowledge
from imr.models import CriterionResult, Decision, DocumentationGap, SearchScope


def result(cid: str, kind: str, outcome: str, **extra: object) -> CriterionResult:
    return CriterionResult.model_validate(
        {"id": cid, "kind": kind, "result": outcome, "statement": f"rule {cid}", **extra}
    )


CRITERIA = [
    result("t.trial", "max_initial_trial_sessions", "not_met"),
    result("t.fi", "requires_functional_improvement", "insufficient"),
    result("t.freq", "frequency_duration", "insufficient"),
    result("t.ok", "body_region", "met"),
]


def test_mark_decisive_sets_only_the_named_criteria() -> None:
    marked = mark_decisive(CRITERIA, ["t.trial", "t.fi"])
    assert [c.decisive for c in marked] == [True, True, False, False]


def test_reason_codes_read_as_their_words_without_the_search_sequence_code() -> None:
    kb = load_knowledge().guidelines
    words = due_to(kb, ["mtus_silent_other_guideline", "exceeds_quantity", "no_functional_improvement"])
    assert words == [
        kb.reason_codes["exceeds_quantity"].due_to,
        kb.reason_codes["no_functional_improvement"].due_to,
    ]


def test_gaps_keep_given_ones_and_explain_every_unclear_criterion() -> None:
    given = [DocumentationGap(criterion="t.fi", missing="work status and ADLs", effect="would satisfy it")]
    scoped = [
        *CRITERIA[:2],
        result(
            "t.freq",
            "frequency_duration",
            "insufficient",
            searched=SearchScope(concept="c", records=["r1", "r2"]),
        ),
    ]
    gaps = documentation_gaps(scoped, given, Decision.UPHELD)
    assert [g.criterion for g in gaps] == ["t.fi", "t.freq"]
    assert gaps[0].missing == "work status and ADLs"
    assert gaps[1].missing == "documentation bearing on: rule t.freq (searched: [[r1]] and [[r2]])"


def test_overturned_item_has_no_gaps() -> None:
    given = [DocumentationGap(criterion="t.fi", missing="x", effect="y")]
    assert documentation_gaps(CRITERIA, given, Decision.OVERTURNED) == []
