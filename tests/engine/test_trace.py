"""Trace helpers: decisive criteria, reasons and documentation gaps."""

from __future__ import annotations

from imr.engine.trace import documentation_gaps, mark_decisive, reasons
from imr.knowledge import load_knowledge
from imr.models import CriterionResult, Decision, DocumentationGap, SearchScope

KB = load_knowledge().guidelines
REASON_INSUFFICIENT = KB.reasons.insufficient


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


def test_reasons_come_from_decisive_failures_of_an_upheld_item() -> None:
    marked = mark_decisive(CRITERIA, ["t.trial", "t.fi", "t.freq"])
    got = reasons(marked, Decision.UPHELD, KB)
    assert got[0].startswith("the number of sessions requested in excess")
    assert got[1] == "lack of documented functional improvement from prior treatment"
    assert got[2] == REASON_INSUFFICIENT
    assert reasons(marked, Decision.OVERTURNED, KB) == []


def test_gaps_keep_given_ones_and_explain_every_unclear_criterion() -> None:
    given = [DocumentationGap(criterion="t.fi", missing="work status and ADLs", effect="would satisfy it")]
    scoped = [
        *CRITERIA[:2],
        result(
            "t.freq", "frequency_duration", "insufficient", searched=SearchScope(concept="c", records=["r1"])
        ),
    ]
    gaps = documentation_gaps(scoped, given, Decision.UPHELD)
    assert [g.criterion for g in gaps] == ["t.fi", "t.freq"]
    assert gaps[0].missing == "work status and ADLs"
    assert "searched records r1" in gaps[1].missing


def test_overturned_item_has_no_gaps() -> None:
    given = [DocumentationGap(criterion="t.fi", missing="x", effect="y")]
    assert documentation_gaps(CRITERIA, given, Decision.OVERTURNED) == []
