"""A urine drug screen is repeated at a frequency set by the documented risk of misuse (ODG, about once
a year at low risk): the screens already dated in the past 12 months are counted against it. With no
documented risk level the frequency is not applied."""

from __future__ import annotations

from drafting import draft_item, record

from imr.models import Decision

EARLIER = (
    "P: Norco 10/325 #30. UDS today.\n"
    "UDS: ordered (last 3/2016 and 1/2016 both consistent). Opioid risk tool score 1 (low risk). "
    "Signed agreement on file."
)
LATEST = (
    "MEDS: Norco 10/325 TID, meloxicam 15 qd.\n"
    "UDS 5/3/16: consistent (hydrocodone). UDS 6/14/16: consistent. "
    "No aberrant behaviors, no early refills.\n"
    "PLAN: RFA: UDS next visit. Continue meds."
)


def _frequency(earlier: str) -> tuple[dict[str, str], Decision | None]:
    records = [
        record("pr1", "progress_report", "2016-05-03", earlier),
        record("pr2", "progress_report", "2016-07-12", LATEST),
    ]
    item = draft_item("Urine drug screen", records, ur_date="2016-07-26", injury="2013-02-14")
    return {c.id.split(".")[-1]: c.result for c in item.criteria}, item.decision


def test_a_low_risk_worker_screened_four_times_this_year_is_not_screened_again() -> None:
    results, decision = _frequency(EARLIER)
    assert results["screens_this_year_low_risk"] == "not_met"
    assert decision == Decision.UPHELD


def test_no_documented_risk_level_leaves_the_frequency_unapplied() -> None:
    results, _ = _frequency(EARLIER.replace(" Opioid risk tool score 1 (low risk).", ""))
    assert results["screens_this_year_low_risk"] == "not_applicable"
