"""A worsening said of no treatment in particular, in a record dated before any record tells of the
requested course in use, is not that course's result."""

from __future__ import annotations

from imr.engine import draft
from imr.knowledge import load_knowledge
from imr.models import CaseFile, ItemDetermination


def cbt(first_note: str) -> ItemDetermination:
    case = CaseFile.model_validate(
        {
            "ur": {"date": "2014-12-03"},
            "date_of_injury": "2013-08-30",
            "records": [
                {"id": "r1", "kind": "consultation", "date": "2014-10-14", "text": first_note},
                {
                    "id": "r2",
                    "kind": "therapy_note",
                    "date": "2014-11-12",
                    "text": "Session 4 of 4 of CBT completed. Functional change: has resumed driving herself "
                    "to the grocery store (had relied on her sister); sleeping 5-6 hrs vs 3 hrs at intake.",
                },
            ],
            "items": [
                {
                    "request": "Cognitive behavioral therapy x 6 additional sessions",
                    "ur_decision": "non-certified",
                }
            ],
        }
    )
    return draft(case, load_knowledge()).items[0]


def test_a_worsening_before_the_course_began_is_not_its_result() -> None:
    item = cbt("Neck and LBP, worsening R leg pain with walking. Impression: L4-5 stenosis.")
    assert item.phase == "continuation"
    assert item.decision == "Overturned"
