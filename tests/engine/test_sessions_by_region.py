"""Sessions already completed are counted per body part of the request: visits of a course for the neck
are no visits of a low back course, and "last ... (N visits)" tells visits done."""

from __future__ import annotations

from drafting import draft_item, record


def _quantity(request: str, text: str) -> str:
    note = record("p1", "progress_report", "2016-05-02", text)
    item = draft_item(request, [note], ur_date="2016-05-20")
    found = [c.finding for c in item.criteria if c.kind == "max_total_sessions"]
    assert found, [c.kind for c in item.criteria]
    return found[0]


def test_visits_for_another_body_part_are_not_this_courses() -> None:
    text = (
        "Chronic low back pain and shoulder pain. R shoulder: completed 9 PT visits with some gain. "
        "Lumbar: had 3 PT visits 4/2016, standing 10 -> 25 min. Plan: PT 2x2 lumbar."
    )
    finding = _quantity("PT 2x2 lumbar", text)
    assert "prior sessions: 3" in finding
    assert "prior sessions: 9" not in finding


def test_the_last_course_with_its_visits_is_a_count_of_visits_done() -> None:
    text = (
        "Low back flare after lifting at work 4/20/16, pain 8/10 from 3/10. Last lumbar PT 2011 "
        "(10 visits), none since. Plan: PT x6 lumbar."
    )
    assert "prior sessions: 10" in _quantity("PT x6 lumbar", text)
