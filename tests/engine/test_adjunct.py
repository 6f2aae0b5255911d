"""An adjunct (massage) needs the active program it accompanies to be in use now: a home program the
records say was stopped counts against it, one in use counts for it."""

from __future__ import annotations

from imr.engine import draft
from imr.knowledge import load_knowledge
from imr.models import CaseFile, ItemDetermination


def massage(text: str) -> ItemDetermination:
    case = CaseFile.model_validate(
        {
            "ur": {"date": "2017-04-18"},
            "date_of_injury": "2012-05-21",
            "records": [{"id": "r1", "kind": "progress_report", "date": "2017-04-04", "text": text}],
            "items": [{"request": "Massage therapy 1x4 lumbar", "ur_decision": "non-certified"}],
        }
    )
    return draft(case, load_knowledge()).items[0]


def _adjunct(item: ItemDetermination) -> str:
    return next(c.result for c in item.criteria if c.id.endswith("adjunct_to_exercise"))


def test_a_home_program_stopped_years_ago_is_no_active_program() -> None:
    item = massage(
        "Flare of LBP, paraspinal spasm. She stopped her home stretching program in 2014. "
        "PLAN: massage therapy 1x4 lumbar for the spasm."
    )
    assert _adjunct(item) == "not_met"
    assert item.decision == "Upheld"


def test_a_home_program_kept_up_is_the_active_program() -> None:
    item = massage(
        "Flare of LBP, paraspinal spasm. She continues her home stretching program daily. "
        "PLAN: massage therapy 1x4 lumbar for the spasm."
    )
    assert _adjunct(item) == "met"
