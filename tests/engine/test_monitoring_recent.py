"""Ongoing opioid therapy is monitored now: a drug screen the records date years before the request is
no monitoring, one within the year is."""

from __future__ import annotations

from drafting import draft_item, record


def _monitoring(screen: str) -> str:
    note = record(
        "p1",
        "progress_report",
        "2016-06-01",
        "Chronic neck pain since 2012. On Percocet 5/325 tid since 2013, pain 6/10. " + screen + " Plan: "
        "refill Percocet 5/325 #90.",
    )
    item = draft_item("Percocet 5/325 #90", [note], ur_date="2016-06-15")
    return next(c.result for c in item.criteria if c.id.endswith("monitoring"))


def test_a_screen_years_before_is_no_monitoring_now() -> None:
    assert _monitoring("Last UDS 1/2014.") == "not_met"


def test_a_screen_within_the_year_is_monitoring() -> None:
    assert _monitoring("Last UDS 3/2016.") == "met"
