"""A month a clause names without its year is the latest one before its record."""

from __future__ import annotations

import datetime as dt

from imr.facts.dates import bare_months


def test_a_month_named_alone_is_the_latest_before_the_record() -> None:
    assert bare_months("completed a 30-day tens rental trial in april, used it", dt.date(2015, 5, 12)) == [
        dt.date(2015, 4, 30)
    ]
    # a month after the record's is last year's
    assert bare_months("had a trial last november", dt.date(2015, 3, 2)) == [dt.date(2014, 11, 30)]


def test_a_month_with_its_day_or_year_or_the_word_may_alone_is_not_bare() -> None:
    recorded = dt.date(2015, 5, 12)
    assert bare_months("started in december 2014", recorded) == []
    assert bare_months("seen on april 3", recorded) == []
    assert bare_months("she may use it daily", recorded) == []
