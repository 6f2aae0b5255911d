"""A cut in a drug's dose after a device or service trial is the trial's benefit: the drug named is
what was cut, not what earned the credit."""

from __future__ import annotations

from drafting import draft_item, record

from imr.models import ItemDetermination


def if_purchase(after_trial: str) -> ItemDetermination:
    before = (
        "Chronic neck pain. Ibuprofen caused gastritis, NSAIDs stopped. "
        "Meds limited by GI intolerance. PLAN: one-month home trial of IF stimulator."
    )
    records = [
        record("r1", "progress_report", "2014-10-09", before),
        record("r2", "progress_report", "2014-12-18", after_trial),
    ]
    return draft_item(
        "Interferential stimulator unit - purchase", records, ur_date="2015-01-20", injury="2013-07-25"
    )


def test_a_drug_cut_over_the_trial_credits_the_trial() -> None:
    item = if_purchase("Returns after 30-day IF trial. Norco decreased from 4/day to 2/day over the trial.")
    assert item.decision == "Overturned"
    assert {c.id: c.result for c in item.criteria}["interferential.one_month_trial"] == "met"


def test_without_a_measured_benefit_the_trial_is_not_credited() -> None:
    item = if_purchase("Returns after 30-day IF trial. Used it some.")
    assert {c.id: c.result for c in item.criteria}["interferential.one_month_trial"] != "met"
