"""A request no guideline topic covers goes to the physician as one the MTUS is silent on (the next
guideline of the search sequence decides); a request that cannot be read carries no reason."""

from __future__ import annotations

from drafting import draft_item, record


def test_a_request_no_guideline_topic_covers_goes_to_review_as_one_the_mtus_is_silent_on() -> None:
    note = record(
        "pr2",
        "progress_report",
        "2015-03-17",
        "S: R occipital headaches 3-4x/week, amitriptyline without help.\n"
        "O: Tenderness over the R greater occipital nerve reproducing the headache.\n"
        "P: R greater occipital nerve block.",
    )
    item = draft_item("R greater occipital nerve block", [note], ur_date="2015-04-07", injury="2013-07-22")
    assert item.decision is None
    assert item.reasons == ["mtus_silent_other_guideline"]


def test_an_unreadable_request_carries_no_reason() -> None:
    note = record("pr2", "progress_report", "2015-03-17", "S: Neck pain.\nP: Follow up.")
    item = draft_item("xq zz 7", [note], ur_date="2015-04-07", injury="2013-07-22")
    assert item.decision is None
    assert item.reasons == []
