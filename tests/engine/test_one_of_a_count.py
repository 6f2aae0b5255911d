"""A count of one reads in the singular in a phrase written for many: "The request for 1 session
stays within …"."""

from __future__ import annotations

from drafting import draft_item, record

NOTE = (
    "S: R shoulder pain overhead 6/10 x 5 months. Pt doing HEP daily x 5 wks, PT x6 completed. On naproxen.\n"
    "O: Neer +, Hawkins + R. A: R shoulder impingement syndrome. No prior shoulder injection.\n"
    "P: RFA R subacromial corticosteroid injection."
)


def test_one_session_requested_is_singular() -> None:
    records = [record("pr2", "progress_report", "2015-03-03", NOTE)]
    item = draft_item("R shoulder subacromial corticosteroid injection", records, ur_date="2015-03-17")
    findings = " ".join(c.finding for c in item.criteria)
    assert "The request for 1 session " in findings
    assert "1 sessions" not in findings
    assert " stay within" not in findings
