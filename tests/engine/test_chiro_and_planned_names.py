""" "Chiro" is chiropractic care; a course for the back told as the reason for a knee request is no knee
course; and a benefit told of no treatment in a note that names the requested one only in its plan does
not contradict another note's denial of that treatment."""

from __future__ import annotations

from drafting import draft_item, record

from imr.facts import extract_text
from imr.knowledge import load_knowledge

KNOWLEDGE = load_knowledge()


def test_chiro_is_chiropractic_care() -> None:
    facts = extract_text("Chiro helped her neck a lot last year.", KNOWLEDGE)
    assert "treatment.chiropractic" in [f.concept for f in facts]


def test_a_back_course_given_as_the_reason_for_a_knee_request_is_no_knee_course() -> None:
    note = record(
        "p1",
        "progress_report",
        "2015-03-02",
        "R knee OA. Plan: chiropractic 2x3 R knee - he wants manipulation of the knee as he had chiro "
        "for his low back in 2013.",
    )
    item = draft_item("Chiropractic 2x3 R knee", [note], ur_date="2015-03-20")
    assert item.phase == "initial"


def test_a_return_to_work_in_a_note_that_only_plans_the_therapy_is_not_its_benefit() -> None:
    massage = record(
        "m1",
        "therapy_note",
        "2015-06-01",
        "ACUPUNCTURE - visit 6/6. Neck and upper traps. Feels relaxed after. No change in sitting or "
        "driving tolerance recorded.",
        author="A. Park, L.Ac.",
    )
    ptp = record(
        "p1",
        "progress_report",
        "2015-06-08",
        "S: Neck pain 4/10. PT has helped most, she drives without pain now.\nPLAN: PT 2x3 neck, "
        "acupuncture x6 additional.\nWORK: RTW full duty 6/1/15 (was modified).",
    )
    item = draft_item("Acupuncture x6 neck (additional)", [massage, ptp], ur_date="2015-06-20")
    assert not item.needs_review
