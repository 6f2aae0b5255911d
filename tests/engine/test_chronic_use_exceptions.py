"""Short-term-only drugs: an acute problem lifts the chronic-use limit only while it is recent."""

from __future__ import annotations

import datetime as dt

from drafting import draft_item, record

from imr.engine import draft
from imr.knowledge import load_knowledge
from imr.models import CaseFile, ItemDetermination

KNOWLEDGE = load_knowledge()


def _item(note: str) -> ItemDetermination:
    case = CaseFile.model_validate(
        {
            "case_id": "CU-1",
            "date_of_injury": "2011-08-19",
            "ur": {"date": "2014-10-20"},
            "records": [{"id": "pr2", "kind": "progress_report", "date": "2014-10-14", "text": note}],
            "items": [{"request": "Ambien 10 mg #30"}],
        }
    )
    return draft(case, as_of=dt.date(2014, 10, 20), knowledge=KNOWLEDGE).items[0]


def _chronic_use(item: ItemDetermination) -> str:
    return next(c.result for c in item.criteria if c.id == "hypnotics.chronic_use")


def test_a_surgery_three_years_ago_does_not_make_nightly_use_short_term() -> None:
    note = (
        "Fell from a beam, s/p T11-L1 posterior fusion 8/2011. "
        "Takes Ambien 10 mg qhs nightly since 2013 for insomnia; still wakes 2-3x/night."
    )
    assert _chronic_use(_item(note)) == "not_met"


def test_a_surgery_last_month_does() -> None:
    note = "S/p L4-5 lumbar fusion 9/20/2014. Takes Ambien 10 mg qhs since surgery for insomnia."
    assert _chronic_use(_item(note)) == "met"


def test_an_operative_report_of_years_ago_is_dated_by_its_record() -> None:
    case = CaseFile.model_validate(
        {
            "case_id": "CU-2",
            "date_of_injury": "2011-08-19",
            "ur": {"date": "2016-11-20"},
            "records": [
                {
                    "id": "op",
                    "kind": "operative_report",
                    "date": "2012-04-17",
                    "text": "PROCEDURE: Anterior cervical discectomy and fusion C5-6 with plate.",
                },
                {
                    "id": "pr2",
                    "kind": "progress_report",
                    "date": "2016-11-08",
                    "text": "On Ambien 10 mg nightly since 2013. Sleep 3-4 hrs, insomnia due to pain.",
                },
            ],
            "items": [{"request": "Ambien 10 mg #30"}],
        }
    )
    item = draft(case, as_of=dt.date(2016, 11, 20), knowledge=KNOWLEDGE).items[0]
    assert _chronic_use(item) == "not_met"


def test_a_new_course_for_chronic_pain_without_a_flare_has_no_acute_exacerbation() -> None:
    base = (
        "Chronic LBP since 2011, pain 4/10, at baseline; no flare-up, no new injury. Exam: mild TTP L4-5 "
        "paraspinals, no spasm. Works regular duty. "
    )
    new = draft_item(
        "Robaxin 750 mg #60",
        [
            record(
                "pr", "progress_report", "2014-06-03", base + "Plan: Robaxin 750 mg bid prn to keep on hand."
            )
        ],
        ur_date="2014-06-17",
        injury="2011-03-01",
    )
    assert "no_acute_exacerbation" in new.reasons and "no_acute_exacerbation" in [
        c.reason for c in new.criteria if c.result == "not_met"
    ]
    ongoing = draft_item(
        "Robaxin 750 mg #60",
        [
            record(
                "pr", "progress_report", "2014-06-03", base + "Takes Robaxin 750 mg bid since 2012. Continue."
            )
        ],
        ur_date="2014-06-17",
        injury="2011-03-01",
    )
    assert "not_for_chronic_use" in ongoing.reasons and "no_acute_exacerbation" not in ongoing.reasons
