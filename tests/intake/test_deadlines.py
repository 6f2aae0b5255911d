"""Business days with California state holidays, IMR deadlines, and at-risk / overdue status."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imr.errors import TopicNotInForceError
from imr.intake.calendar import (
    add_business_days,
    business_days_between,
    is_business_day,
    next_business_day,
    state_holidays,
)
from imr.intake.deadlines import cases_at_risk, clock_due, compute_deadlines, deadline_status
from imr.knowledge import lint
from imr.models.application import DeadlineStatus

D = dt.date

# --- the calendar --------------------------------------------------------------------------------


def test_thanksgiving_and_the_day_after_are_california_state_holidays() -> None:
    assert state_holidays(2026)[D(2026, 11, 26)] == "Thanksgiving Day"
    assert state_holidays(2026)[D(2026, 11, 27)] == "Day After Thanksgiving"
    assert not is_business_day(D(2026, 11, 26))
    assert not is_business_day(D(2026, 11, 27))


def test_five_business_days_over_thanksgiving_2026() -> None:
    # Tue 24 Nov → Wed 25 (1), Thu/Fri holidays, weekend, Mon 30 (2), Tue 1 (3), Wed 2 (4), Thu 3 Dec (5).
    assert add_business_days(D(2026, 11, 24), 5) == D(2026, 12, 3)
    # The same clock a week earlier, with no holiday, ends a week earlier less the two holidays.
    assert add_business_days(D(2026, 11, 17), 5) == D(2026, 11, 24)


def test_cesar_chavez_day_is_counted_and_moves_from_sunday_to_monday() -> None:
    assert not is_business_day(D(2026, 3, 31))  # a Tuesday
    assert is_business_day(D(2024, 3, 29))  # Friday before a Sunday 31 March: open
    assert not is_business_day(D(2024, 4, 1))  # observed Monday
    assert state_holidays(2024)[D(2024, 4, 1)] == "Cesar Chavez Day (observed)"


def test_package_holidays_that_are_not_calhr_days_off_stay_business_days() -> None:
    ca = holidays.country_holidays("US", subdiv="CA", years=[2026, 2028], observed=False)
    # The package lists these for California; state offices are open, so the clocks run.
    assert "Susan B. Anthony Day" in ca.get_list(D(2028, 2, 15))
    assert is_business_day(D(2028, 2, 15))
    assert "Juneteenth National Independence Day" in ca.get_list(D(2026, 6, 19))
    assert is_business_day(D(2026, 6, 19))
    assert "Diwali" in ca.get_list(D(2028, 10, 17))
    assert is_business_day(D(2028, 10, 17))


def test_saturday_holidays_are_not_moved_to_friday_except_veterans_day() -> None:
    assert is_business_day(D(2026, 7, 3))  # Independence Day on Saturday: CalHR keeps Friday open
    assert not is_business_day(D(2023, 11, 10))  # Veterans Day on Saturday: observed Friday (Gov. Code 6701)


def test_sunday_holiday_is_observed_monday() -> None:
    assert not is_business_day(D(2023, 1, 2))  # New Year's Day 2023 was a Sunday


def test_weekends_are_not_business_days() -> None:
    assert not is_business_day(D(2026, 11, 28))
    assert not is_business_day(D(2026, 11, 29))
    assert is_business_day(D(2026, 11, 30))
    assert next_business_day(D(2026, 11, 26)) == D(2026, 11, 30)


def test_a_clock_starting_on_a_weekend_ends_with_the_one_started_friday() -> None:
    assert add_business_days(D(2026, 3, 7), 1) == add_business_days(D(2026, 3, 6), 1) == D(2026, 3, 9)


def test_zero_and_negative_business_days() -> None:
    assert add_business_days(D(2026, 11, 28), 0) == D(2026, 11, 28)
    assert add_business_days(D(2026, 11, 30), -1) == D(2026, 11, 25)
    assert business_days_between(D(2026, 11, 30), D(2026, 11, 25)) == -1


dates = st.dates(min_value=D(2013, 1, 1), max_value=D(2030, 12, 31))


@settings(max_examples=150, deadline=None)
@given(start=dates, n=st.integers(min_value=0, max_value=45))
def test_business_day_arithmetic_properties(start: dt.date, n: int) -> None:
    end = add_business_days(start, n)
    assert business_days_between(start, end) == n
    assert end >= start + dt.timedelta(days=n)
    if n:
        assert is_business_day(end)
        assert add_business_days(start, n + 1) > end
        # Every day skipped on the way is a weekend or holiday exactly when it is not counted.
        skipped = [start + dt.timedelta(days=k) for k in range(1, (end - start).days)]
        assert sum(is_business_day(day) for day in skipped) == n - 1


@settings(max_examples=100, deadline=None)
@given(start=dates, n=st.integers(min_value=-30, max_value=30))
def test_going_back_undoes_going_forward_from_a_business_day(start: dt.date, n: int) -> None:
    business = next_business_day(start)
    assert add_business_days(add_business_days(business, n), -n) == business


# --- deadlines -----------------------------------------------------------------------------------


def test_regular_review_records_and_decision() -> None:
    d = compute_deadlines(
        received_on=D(2026, 3, 2), assignment_notice_on=D(2026, 3, 3), records_received_on=D(2026, 3, 10)
    )
    assert d.track == "regular"
    assert d.records_due == D(2026, 3, 18)  # 15 days after the notice
    assert d.decision_due == D(2026, 4, 9)  # 30 days after the records arrived
    assert not d.business_days
    assert "15 days from mailing of the notice of assignment (2026-03-03)" in d.basis["records_due"]
    assert "8 CCR 9792.10.5(a)(1)" in d.basis["records_due"]
    assert "LC 4610.6(d)" in d.basis["decision_due"]
    assert not any(x.estimated for x in d.details)


def test_electronic_records_are_due_sooner_and_roll_past_a_weekend() -> None:
    d = compute_deadlines(received_on=D(2026, 3, 2), assignment_notice_on=D(2026, 3, 3), electronic=True)
    # Day 12 is Sunday 15 March: the period runs to Monday.
    assert d.records_due == D(2026, 3, 16)
    assert "moved from 2026-03-15 past the weekend" in d.basis["records_due"]


def test_records_period_ending_on_thanksgiving_runs_to_the_next_business_day() -> None:
    d = compute_deadlines(received_on=D(2026, 11, 10), assignment_notice_on=D(2026, 11, 11))
    assert d.records_due == D(2026, 11, 30)
    assert "Thanksgiving Day (2026-11-26)" in d.basis["records_due"]


def test_expedited_review() -> None:
    d = compute_deadlines(received_on=D(2026, 11, 23), assignment_notice_on=D(2026, 11, 25), expedited=True)
    assert d.track == "expedited"
    assert d.records_due == D(2026, 11, 26)  # 24 hours, holiday or not
    assert d.decision_due == D(2026, 11, 26)  # 3 days from receipt
    decision = next(x for x in d.details if x.name == "decision_due")
    assert decision.status == "unconfirmed"
    assert "also applicable: regular 2026-12-23" in d.basis["decision_due"]


def test_formulary_only_decision_counts_business_days_over_thanksgiving() -> None:
    d = compute_deadlines(received_on=D(2026, 11, 24), formulary_only=True)
    assert d.track == "formulary"
    assert d.decision_due == D(2026, 12, 3)
    assert d.business_days
    decision = next(x for x in d.details if x.name == "decision_due")
    assert decision.unit == "business_days"
    assert decision.holidays_skipped == [D(2026, 11, 26), D(2026, 11, 27)]
    assert "Thanksgiving Day (2026-11-26)" in decision.basis
    assert "Day After Thanksgiving (2026-11-27)" in decision.basis


def test_formulary_clock_is_dated_and_not_applied_before_it_existed() -> None:
    d = compute_deadlines(received_on=D(2016, 5, 2), formulary_only=True)
    assert d.track == "regular"
    assert d.decision_due == D(2016, 6, 1)
    assert "not in force" in d.basis["decision_due"]


def test_missing_dates_are_estimated_and_say_so() -> None:
    d = compute_deadlines(received_on=D(2026, 11, 25))
    records = next(x for x in d.details if x.name == "records_due")
    # Notice assumed one business day after receipt: Monday 30 November (holidays and weekend skipped).
    assert records.start == D(2026, 11, 30)
    assert records.estimated
    assert d.records_due == D(2026, 12, 15)
    assert "estimated" in d.basis["records_due"]
    assert "estimated" in d.basis["decision_due"]


def test_a_clock_has_no_edition_before_imr_existed() -> None:
    with pytest.raises(TopicNotInForceError, match="decision_formulary"):
        clock_due("decision_formulary", D(2015, 1, 5))


def test_status_on_track_at_risk_overdue() -> None:
    d = compute_deadlines(
        received_on=D(2026, 3, 2), assignment_notice_on=D(2026, 3, 3), records_received_on=D(2026, 3, 10)
    )
    assert deadline_status(d, today=D(2026, 3, 20)) is DeadlineStatus.ON_TRACK
    assert (
        deadline_status(d, today=D(2026, 4, 2)) is DeadlineStatus.AT_RISK
    )  # 7 days left, the regular window
    assert deadline_status(d, today=D(2026, 4, 1)) is DeadlineStatus.ON_TRACK
    assert deadline_status(d, today=D(2026, 4, 9)) is DeadlineStatus.AT_RISK  # the due day itself
    assert deadline_status(d, today=D(2026, 4, 10)) is DeadlineStatus.OVERDUE
    assert deadline_status(d, today=D(2026, 4, 1), at_risk_days=10) is DeadlineStatus.AT_RISK


def test_records_not_yet_received_count_as_an_open_deadline() -> None:
    waiting = compute_deadlines(received_on=D(2026, 3, 2), assignment_notice_on=D(2026, 3, 3))
    assert (
        deadline_status(waiting, today=D(2026, 3, 19)) is DeadlineStatus.OVERDUE
    )  # records were due 18 March
    received = waiting.model_copy(update={"records_received_on": D(2026, 3, 17)})
    assert deadline_status(received, today=D(2026, 3, 19)) is DeadlineStatus.ON_TRACK


def test_expedited_cases_use_their_own_at_risk_window() -> None:
    d = compute_deadlines(
        received_on=D(2026, 3, 2),
        assignment_notice_on=D(2026, 3, 2),
        expedited=True,
        records_received_on=D(2026, 3, 3),
    )
    assert d.decision_due == D(2026, 3, 6)  # 3 days from the records
    assert deadline_status(d, today=D(2026, 3, 4)) is DeadlineStatus.ON_TRACK  # 2 days left, window 1
    assert deadline_status(d, today=D(2026, 3, 5)) is DeadlineStatus.AT_RISK


def test_cases_at_risk_lists_overdue_and_at_risk_soonest_first() -> None:
    today = D(2026, 4, 6)
    deadlines = {
        "on-track": compute_deadlines(received_on=D(2026, 3, 30), records_received_on=D(2026, 4, 1)),
        "at-risk": compute_deadlines(received_on=D(2026, 3, 10), records_received_on=D(2026, 3, 10)),
        "overdue": compute_deadlines(received_on=D(2026, 3, 1), records_received_on=D(2026, 3, 2)),
    }
    flagged = cases_at_risk(deadlines.items(), today=today)
    assert [c.case_id for c in flagged] == ["overdue", "at-risk"]
    assert flagged[0].status is DeadlineStatus.OVERDUE
    assert flagged[0].days_left == -5
    assert "decision_due was 2026-04-01, 5 day(s) ago" in flagged[0].reason
    assert flagged[1].status is DeadlineStatus.AT_RISK
    assert flagged[1].due == D(2026, 4, 9)


def test_invalid_procedure_data_names_the_file_and_key(kb_copy: Path) -> None:
    broken = kb_copy / "procedure" / "deadlines.yaml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("amount: 15", "amount: fifteen"), encoding="utf-8"
    )
    (problem,) = lint(kb_copy)
    assert problem.file is not None and problem.file.endswith("procedure/deadlines.yaml")
    assert problem.key == "clocks.records.editions.2013-07-01.amount"
