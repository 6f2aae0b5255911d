"""Massage and passive modalities accompany exercise the worker keeps up: a worker who stopped or
declined it has no program for them to accompany, and the draft says so in plain words."""

from __future__ import annotations

from imr.engine import draft
from imr.knowledge import load_knowledge
from imr.models import CaseFile, ItemDetermination

KNOWLEDGE = load_knowledge()


def one_item(request: str, text: str) -> ItemDetermination:
    case = CaseFile.model_validate(
        {
            "ur": {"date": "2015-11-09"},
            "date_of_injury": "2012-04-09",
            "records": [{"id": "r1", "kind": "progress_report", "date": "2015-10-21", "text": text}],
            "items": [{"request": request, "ur_decision": "non-certified"}],
        }
    )
    return draft(case, KNOWLEDGE).items[0]


def test_massage_for_a_worker_who_stopped_his_exercises_is_not_supported() -> None:
    item = one_item(
        "Massage therapy x4 T/L spine",
        "Chronic thoracolumbar pain. Completed PT x16 in 2013 and was given a HEP; he stopped doing his home "
        "exercises about a year ago. Has not had massage before. Encouraged walking program - pt declined. "
        "PLAN: Trial of massage therapy x4. Will discuss restarting HEP at next visit.",
    )
    assert item.decision is not None and item.decision.value == "Upheld"
    assert item.reasons[0] == "no_active_program"
    assert "has stopped or declined the exercise massage would accompany" in item.rationale


def test_massage_beside_daily_exercise_says_nothing_was_stopped_in_plain_words() -> None:
    item = one_item(
        "Massage therapy x4 lumbar",
        "Chronic LBP. Does a daily home stretching and walking routine. Has never had massage therapy. "
        "PLAN: Massage therapy x4 lumbar as adjunct to HEP.",
    )
    assert item.decision is not None and item.decision.value == "Overturned"
    assert "No the active" not in item.rationale
