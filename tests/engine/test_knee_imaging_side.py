"""A knee MRI is of one knee: locking, giving way or a positive McMurray of the other knee is no sign
of a tear in this one. A finding in a list headed by its side ("R knee: joint line TTP, McMurray +")
is on that side, and a denial on the other side ("L knee: no giving way") does not contradict it."""

from __future__ import annotations

from drafting import draft_item, record

from imr.engine.criteria.anatomy import sides
from imr.models import Decision, Fact

PT = (
    "PHYSICAL THERAPY DISCHARGE SUMMARY - R knee\nVisits completed: 8 of 8.\n"
    "Pt continues to report R knee 'catching' on stairs and episodes where the knee 'gives out' on pivoting."
)
NOTE = (
    "SUBJECTIVE: Completed PT x8, HEP daily. "
    "Still c/o R knee catching and giving way 2-3x/wk, locked briefly once last week on stairs. "
    "L knee mild ache at end of day, no locking, no giving way, no swelling.\n"
    "OBJECTIVE: R knee: medial joint line TTP, McMurray + medial with painful click, small effusion. "
    "L knee: no effusion, no joint line tenderness, McMurray neg, full ROM 0-135, ligaments stable.\n"
    "DIAGNOSES: 1. R knee medial meniscus tear, suspected. 2. L knee pain, compensatory.\n"
    "TREATMENT PLAN: Failed 3 mos conservative care incl PT and NSAID. MRI R knee and MRI L knee to compare."
)


def _draft(request: str) -> tuple[Decision | None, bool, dict[str, str]]:
    records = [
        record("pt", "therapy_note", "2015-05-04", PT),
        record("pr2", "progress_report", "2015-05-14", NOTE),
    ]
    item = draft_item(request, records, ur_date="2015-06-02", injury="2015-02-19")
    return item.decision, item.needs_review, {c.id.split(".")[-1]: c.result for c in item.criteria}


def test_the_other_knees_tear_signs_do_not_support_an_mri() -> None:
    decision, review, criteria = _draft("MRI L knee w/o contrast")
    assert criteria["suspected_tear_or_red_flag"] == "not_met"
    assert not review
    assert decision == Decision.UPHELD


def test_the_requested_knees_tear_signs_support_its_mri() -> None:
    decision, _, criteria = _draft("MRI R knee w/o contrast")
    assert criteria["suspected_tear_or_red_flag"] == "met"
    assert decision == Decision.OVERTURNED


def _fact(clause: str, word: str) -> Fact:
    at = clause.index(word)
    return Fact(
        concept="finding.knee_tear_signs",
        category="finding",
        record="r",
        start=at,
        end=at + len(word),
        text=word,
        clause=clause,
        clause_start=0,
        clause_end=len(clause),
    )


def test_a_finding_in_a_list_is_on_the_side_the_list_names_first() -> None:
    clause = "R knee: medial joint line TTP, McMurray + medial with painful click, small effusion."
    assert sides(_fact(clause, "McMurray")) == {"right"}
    # a part that names its own side keeps it
    assert sides(_fact("R knee effusion, L knee McMurray +", "McMurray")) == {"left"}
    assert sides(_fact("McMurray +, effusion", "McMurray")) == set()


def test_the_finding_says_the_signs_quoted_are_of_the_other_side() -> None:
    records = [
        record("pt", "therapy_note", "2015-05-04", PT),
        record("pr2", "progress_report", "2015-05-14", NOTE),
    ]
    item = draft_item("MRI L knee w/o contrast", records, ur_date="2015-06-02", injury="2015-02-19")
    finding = next(c for c in item.criteria if c.id.endswith("suspected_tear_or_red_flag")).finding
    # the right knee's catching is quoted, so the sentence must not read as if it were the left knee's
    assert "of the other side, not the one requested" in finding
    assert "R knee" in finding
