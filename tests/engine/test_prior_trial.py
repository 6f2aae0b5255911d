"""A prior trial of a treatment is read from its use: a plan to start it, or a note that it was never
had, is no trial of it."""

from __future__ import annotations

from imr.engine import draft
from imr.knowledge import load_knowledge
from imr.models import CaseFile


def test_a_plan_to_start_pt_is_no_trial_of_conservative_care() -> None:
    case = CaseFile.model_validate(
        {
            "ur": {"date": "2017-08-29"},
            "date_of_injury": "2017-05-22",
            "records": [
                {
                    "id": "r1",
                    "kind": "progress_report",
                    "date": "2017-07-10",
                    "text": "L shoulder pain 6/10. Neer +, Hawkins +. DX: L shoulder impingement syndrome. "
                    "PLAN: Start PT 2x4 for cuff/scapular strengthening and HEP instruction.",
                }
            ],
            "items": [
                {
                    "request": "L shoulder arthroscopy, subacromial decompression",
                    "ur_decision": "non-certified",
                }
            ],
        }
    )
    item = draft(case, load_knowledge()).items[0]
    tried = [c for c in item.criteria if c.kind == "requires_prior_trial"]
    assert tried and all(c.result != "met" for c in tried)
