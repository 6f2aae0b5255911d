"""Which date governs an item, and the date problems stated in the output."""

from __future__ import annotations

import datetime as dt
from typing import Any

from imr.engine.governing_date import (
    BASIS_AS_OF,
    BASIS_CASE_REQUEST,
    BASIS_ITEM_REQUEST,
    BASIS_TODAY,
    BASIS_UR_DECISION,
    case_date_problems,
    governing_date,
)
from imr.models import CaseFile

TODAY = dt.date(2024, 6, 1)


def make_case(**extra: Any) -> CaseFile:
    data: dict[str, Any] = {
        "records": [{"id": "r1", "text": "Progress note."}],
        "items": [{"request": "Acupuncture 6 visits"}],
    }
    data.update(extra)
    return CaseFile.model_validate(data)


def test_item_request_date_wins_over_everything() -> None:
    case = make_case(
        request_date="2015-02-01",
        ur={"date": "2015-03-13"},
        items=[{"request": "Acupuncture 6 visits", "request_date": "2015-01-15"}],
    )
    got = governing_date(case, case.items[0], as_of=dt.date(2016, 1, 1), today=TODAY)
    assert (got.date, got.basis) == (dt.date(2015, 1, 15), BASIS_ITEM_REQUEST)


def test_case_request_date_before_ur_date() -> None:
    case = make_case(request_date="2015-02-01", ur={"date": "2015-03-13"})
    got = governing_date(case, case.items[0], today=TODAY)
    assert (got.date, got.basis) == (dt.date(2015, 2, 1), BASIS_CASE_REQUEST)


def test_ur_date_then_as_of_then_today() -> None:
    case = make_case(ur={"date": "2015-03-13"})
    assert governing_date(case, case.items[0], today=TODAY).basis == BASIS_UR_DECISION
    bare = make_case()
    as_of = governing_date(bare, bare.items[0], as_of=dt.date(2015, 5, 5), today=TODAY)
    assert (as_of.date, as_of.basis) == (dt.date(2015, 5, 5), BASIS_AS_OF)
    today = governing_date(bare, bare.items[0], today=TODAY)
    assert (today.date, today.basis) == (TODAY, BASIS_TODAY)


def test_as_of_before_injury_or_in_future_is_a_problem() -> None:
    case = make_case(date_of_injury="2014-01-01")
    early = governing_date(case, case.items[0], as_of=dt.date(2013, 6, 1), today=TODAY)
    assert early.date == dt.date(2013, 6, 1)
    assert any("before the date of injury 2014-01-01" in p for p in early.problems)
    late = governing_date(case, case.items[0], as_of=dt.date(2030, 1, 1), today=TODAY)
    assert any("in the future" in p for p in late.problems)


def test_case_dates_in_future_or_before_injury_are_named_by_field() -> None:
    case = make_case(
        date_of_injury="2014-01-01",
        ur={"date": "2013-12-31"},
        records=[{"id": "r1", "text": "x", "date": "2031-01-01"}],
    )
    problems = case_date_problems(case, today=TODAY)
    assert any(p.startswith("ur.date 2013-12-31 is before the date of injury") for p in problems)
    assert any(p.startswith("records[0].date (r1) 2031-01-01 is in the future") for p in problems)
    assert case_date_problems(make_case(date_of_injury="2014-01-01"), today=TODAY) == []


def test_records_give_the_date_when_the_case_gives_none() -> None:
    from imr.engine.governing_date import BASIS_RFA_RECORD, BASIS_UR_RECORD
    from imr.knowledge import load_knowledge

    knowledge = load_knowledge()
    records = [
        {"id": "pr", "kind": "progress_report", "date": "2017-08-15", "text": "Progress note."},
        {"id": "rfa", "kind": "rfa", "date": "2017-08-18", "text": "Request for authorization."},
        {"id": "ur", "kind": "ur_decision", "date": "2017-09-01", "text": "UR decision."},
    ]
    case = make_case(records=records)
    got = governing_date(case, case.items[0], as_of=dt.date(2020, 1, 1), today=TODAY, knowledge=knowledge)
    assert (got.date, got.basis, got.problems) == (dt.date(2017, 8, 18), BASIS_RFA_RECORD, [])
    # without an RFA, a record whose heading reads as a UR decision gives it
    letter = {
        "id": "ur",
        "kind": "other",
        "date": "2017-09-01",
        "text": "UTILIZATION REVIEW DETERMINATION\nNon-certified.",
    }
    case = make_case(records=[records[0], letter])
    got = governing_date(case, case.items[0], today=TODAY, knowledge=knowledge)
    assert (got.date, got.basis) == (dt.date(2017, 9, 1), BASIS_UR_RECORD)
    # a progress report's date is not a request date
    case = make_case(records=[records[0]])
    assert governing_date(case, case.items[0], today=TODAY, knowledge=knowledge).basis == BASIS_TODAY
