"""Short-term-only drugs: an acute problem lifts the chronic-use limit only while it is recent."""

from __future__ import annotations

import datetime as dt

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
