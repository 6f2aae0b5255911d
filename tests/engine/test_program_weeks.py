"""A program asked for in days or hours is weighed against a limit in weeks as weeks of full program
days (the criterion's `sessions_per_week` and `hours_per_session`, guideline data)."""

from __future__ import annotations

import pytest
from drafting import draft_item, record

NOTE = (
    "Chronic neck pain since 2012. Failed therapy, injections and medications. Cannot lift a grocery "
    "bag, needs help dressing. Not a surgical candidate. Highly motivated to return to work. "
    "Plan: admission to a functional restoration program."
)


def _weeks_result(request: str) -> str:
    item = draft_item(request, [record("p1", "progress_report", "2016-03-01", NOTE)], ur_date="2016-03-20")
    found = [c for c in item.criteria if c.id.endswith(".two_week_review")]
    assert found, [c.id for c in item.criteria]
    return found[0].result


@pytest.mark.parametrize(
    ("request_line", "result"),
    [
        ("Functional restoration program x 10 days", "met"),
        ("Functional restoration program x 15 days", "not_met"),
        ("Functional restoration program x 80 hours", "met"),
        ("Functional restoration program x 160 hours", "not_met"),
    ],
)
def test_program_days_are_counted_as_weeks_of_program_days(request_line: str, result: str) -> None:
    assert _weeks_result(request_line) == result
