"""A study a clinical note reports as done, with its result and a date before the note, is an earlier
study: asking for it again needs a change since."""

from __future__ import annotations

from drafting import criterion_result

HISTORY = (
    "Cashier, gradual R knee pain from standing since 2014. No new injury or fall, no giving way, no "
    "locking, no swelling. Exam: mild crepitus, ROM 0-130, ligaments stable, no effusion. "
)


def _repeat(text: str, request: str = "X-rays right knee 2 views") -> str:
    return criterion_result(request, text, on="2015-09-10", ur_date="2015-09-30", criterion=".repeat_study")


def test_films_reported_with_their_date_and_result_are_an_earlier_study() -> None:
    text = HISTORY + "X-rays R knee 2/2015 (2 views): normal. Plan: X-rays right knee 2 views."
    assert _repeat(text) == "not_met"


def test_films_only_planned_or_undated_are_no_earlier_study() -> None:
    assert _repeat(HISTORY + "Plan: X-rays right knee 2 views to check the joint space.") == "not_applicable"
    assert (
        _repeat(HISTORY + "X-rays of the knee would show the joint space. Plan: x-rays.") == "not_applicable"
    )
