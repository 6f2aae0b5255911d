"""Where an earlier course of therapy was given: the back named bare where care was for it ("no PT for
back") is the low back, and a therapy note's referral line names the body part its visits treat."""

from __future__ import annotations

from drafting import draft_item, record

SHOULDER_VISITS = record(
    "t1",
    "therapy_note",
    "2016-02-10",
    "Referral: L shoulder impingement.\nVisit 6 of 6. Ther-ex, manual therapy. Flexion 120 -> 150.",
    author="J. Ruiz, DPT",
)


def test_a_course_for_the_back_is_no_course_for_the_shoulder() -> None:
    note = record(
        "p1",
        "progress_report",
        "2016-02-20",
        "L shoulder better with therapy, lifting 15 lb now. She has not had PT for back. Plan: PT 2x3.",
    )
    item = draft_item("PT 2x3 left shoulder", [SHOULDER_VISITS, note], ur_date="2016-03-01")
    assert item.phase == "continuation"
    assert not item.needs_review


def test_visits_of_a_note_referred_for_another_part_are_no_course_for_the_back() -> None:
    note = record(
        "p1", "progress_report", "2016-02-20", "New low back pain after a fall. Plan: PT for LBP 2x3."
    )
    item = draft_item("PT 2x3 lumbar", [SHOULDER_VISITS, note], ur_date="2016-03-01")
    assert item.phase == "initial"
