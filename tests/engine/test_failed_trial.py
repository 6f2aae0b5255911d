"""H-wave follows a failed TENS trial: a TENS trial the records show helped is no failed one, and the
worker is no candidate for H-wave; a trial without benefit still counts as tried and failed."""

from __future__ import annotations

from drafting import draft_item, record

FIRST = (
    "SUBJECTIVE: LBP with L leg numbness since 10/2012. Tried PT x12, acupuncture x6, gabapentin (stopped, "
    "sedation), Norco 10/325 4/day. Pain 7/10.\n"
    "OBJECTIVE: SLR + L. Decr sensation L S1.\n"
    "PLAN: 30-day home TENS trial (rental) as adjunct to HEP."
)


def _hwave(result: str) -> tuple[object, dict[str, str], list[str]]:
    later = (
        f"SUBJECTIVE: Completed 30-day TENS rental 4/8-5/8/15. {result} Doing HEP daily.\n"
        "OBJECTIVE: SLR + L.\n"
        "PLAN: H-wave home trial x30 days."
    )
    records = [
        record("pr1", "progress_report", "2015-03-11", FIRST),
        record("pr2", "progress_report", "2015-05-13", later),
    ]
    item = draft_item("H-wave home trial x30 days", records, ur_date="2015-06-03", injury="2012-10-30")
    return item.decision, {c.id.split(".")[-1]: c.result for c in item.criteria}, item.reasons


def test_a_tens_trial_that_helped_is_not_a_failed_one() -> None:
    decision, criteria, reasons = _hwave("Pain 7/10 -> 4/10 during and after use. Walking 20 min -> 45 min.")
    assert criteria["tens_failed_first"] == "not_met"
    assert decision == "Upheld"
    assert "not_a_candidate" in reasons


def test_a_tens_trial_without_benefit_has_failed() -> None:
    _, criteria, _ = _hwave("No benefit from TENS, pain unchanged 7/10.")
    assert criteria["tens_failed_first"] == "met"
