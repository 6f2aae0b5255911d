"""A criterion that asks for several different positive findings (ODG: at least three positive
sacroiliac provocative tests) counts the named tests documented positive, not the mentions."""

from __future__ import annotations

from imr.engine import draft
from imr.knowledge import load_knowledge
from imr.models import CaseFile, ItemDetermination


def si_injection(exam: str) -> ItemDetermination:
    case = CaseFile.model_validate(
        {
            "ur": {"date": "2017-08-16"},
            "date_of_injury": "2016-02-14",
            "records": [
                {
                    "id": "r1",
                    "kind": "progress_report",
                    "date": "2017-07-31",
                    "text": "SUBJECTIVE: R low back/buttock pain 6/10. PT x18 and chiro 2016, HEP.\n"
                    f"OBJECTIVE: TTP R SI sulcus. {exam}\n"
                    "DIAGNOSES: R SI joint dysfunction.\n"
                    "TREATMENT PLAN: R SI joint injection under fluoro.",
                }
            ],
            "items": [
                {"request": "Right SI joint injection under fluoroscopy", "ur_decision": "non-certified"}
            ],
        }
    )
    return draft(case, load_knowledge()).items[0]


def _signs(item: ItemDetermination) -> str:
    return next(c.result for c in item.criteria if c.id.endswith(".sacroiliac_signs"))


def test_one_positive_test_of_five_is_fewer_than_the_three_required() -> None:
    item = si_injection("FABER + on R (buttock pain). Gaenslen neg, thigh thrust neg, SI compression neg.")
    assert _signs(item) == "not_met"
    assert item.decision == "Upheld"


def test_three_different_positive_tests_meet_the_count() -> None:
    item = si_injection("FABER + on R. Gaenslen + R. Thigh thrust positive R. SI distraction neg.")
    assert _signs(item) == "met"
