"""A first-line course that must have run a while (exercise before a subacromial injection): a start date
written in the records days before the review does not satisfy it; one weeks before does; no date is
silence, which does not decide."""

from __future__ import annotations

from imr.engine import draft
from imr.knowledge import load_knowledge
from imr.models import CaseFile, ItemDetermination


def injection(note: str) -> ItemDetermination:
    case = CaseFile.model_validate(
        {
            "ur": {"date": "2017-06-27"},
            "date_of_injury": "2017-04-20",
            "records": [{"id": "r1", "kind": "progress_report", "date": "2017-06-19", "text": note}],
            "items": [
                {"request": "Subacromial corticosteroid injection L shoulder", "ur_decision": "non-certified"}
            ],
        }
    )
    return draft(case, load_knowledge()).items[0]


def _exercise(item: ItemDetermination) -> str:
    return next(c.result for c in item.criteria if c.id.endswith("exercise_under_way"))


BASE = (
    "L shoulder pain 5/10, painful arc, Hawkins +. Taking ibuprofen, helps some. {pt} "
    "Dx: subacromial impingement."
)


def test_a_program_begun_days_before_has_not_been_tried() -> None:
    item = injection(BASE.format(pt="PT started 6/15/17, 1 visit to date."))
    assert _exercise(item) == "not_met"
    assert item.decision == "Upheld"
    assert "first_line_not_tried" in item.reasons
    assert "12 days by 6/27/2017" in item.rationale


def test_a_program_begun_weeks_before_has_been_tried() -> None:
    item = injection(BASE.format(pt="PT started 5/1/17, 8 visits to date."))
    assert _exercise(item) == "met"
    assert item.decision == "Overturned"


def test_no_start_date_does_not_decide() -> None:
    item = injection(BASE.format(pt="Continues PT 2x/week."))
    assert _exercise(item) == "insufficient"
    assert item.decision == "Overturned"
