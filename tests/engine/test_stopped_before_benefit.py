"""A drug's benefit documented in one record, and another clinical record close in time saying the
worker stopped that drug months before: the records disagree on what decides the continuation."""

from __future__ import annotations

from drafting import draft_item, record

from imr.models import ItemDetermination

PTP = (
    "SUBJECTIVE: Back pain 8/10 w/o meds, 5/10 w/ tramadol. With tramadol he walks 30 min vs 10 min and "
    "does his own laundry. Taking tramadol 50 mg BID. No side effects.\n"
    "MONITORING: UDS 4/2016 consistent. CURES reviewed, no other prescribers. Opioid agreement on file.\n"
    "PLAN: Refill tramadol 50 mg #60."
)


def tramadol(consult: str) -> ItemDetermination:
    records = [
        record("r1", "progress_report", "2016-05-10", PTP),
        record("r2", "consultation", "2016-05-20", consult),
    ]
    return draft_item("Tramadol 50 mg #60", records, ur_date="2016-06-20", injury="2014-02-03")


def test_a_stop_months_before_the_documented_benefit_is_a_contradiction() -> None:
    item = tramadol(
        "History: He says he stopped taking tramadol about four months ago because of dizziness; "
        "uses ibuprofen only. Exam: lumbar TTP."
    )
    assert item.needs_review
    assert "inconsistent_record" in item.reasons


def test_a_stop_with_no_time_given_is_not_a_contradiction() -> None:
    item = tramadol("History: He says he has stopped taking tramadol; uses ibuprofen only. Exam: lumbar TTP.")
    assert "inconsistent_record" not in item.reasons
