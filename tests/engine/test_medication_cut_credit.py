"""A cut in a drug's dose after a device or service trial is the trial's benefit: the drug named is
what was cut, not what earned the credit."""

from __future__ import annotations

from imr.engine import draft
from imr.knowledge import load_knowledge
from imr.models import CaseFile, ItemDetermination


def if_purchase(after_trial: str) -> ItemDetermination:
    case = CaseFile.model_validate(
        {
            "ur": {"date": "2015-01-20"},
            "date_of_injury": "2013-07-25",
            "records": [
                {
                    "id": "r1",
                    "kind": "progress_report",
                    "date": "2014-10-09",
                    "text": "Chronic neck pain. Ibuprofen caused gastritis, NSAIDs stopped. "
                    "Meds limited by GI intolerance. PLAN: one-month home trial of IF stimulator.",
                },
                {"id": "r2", "kind": "progress_report", "date": "2014-12-18", "text": after_trial},
            ],
            "items": [
                {"request": "Interferential stimulator unit - purchase", "ur_decision": "non-certified"}
            ],
        }
    )
    return draft(case, load_knowledge()).items[0]


def test_a_drug_cut_over_the_trial_credits_the_trial() -> None:
    item = if_purchase("Returns after 30-day IF trial. Norco decreased from 4/day to 2/day over the trial.")
    assert item.decision == "Overturned"
    assert {c.id: c.result for c in item.criteria}["interferential.one_month_trial"] == "met"


def test_without_a_measured_benefit_the_trial_is_not_credited() -> None:
    item = if_purchase("Returns after 30-day IF trial. Used it some.")
    assert {c.id: c.result for c in item.criteria}["interferential.one_month_trial"] != "met"
