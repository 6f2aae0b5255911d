"""A prior trial of a first-line drug is read from use that happened, never from a plan to start it."""

from __future__ import annotations

from typing import Any

from imr.engine import draft
from imr.knowledge import load_knowledge
from imr.models import CaseFile, ItemDetermination

NEUROPATHIC = (
    "Burning pain radiating down the L leg to the lateral foot. SLR + on L reproducing leg pain. "
    "Decreased sensation L lateral foot (S1 dermatome). Dx: L S1 radiculopathy. "
)


def items(*requests: str, text: str) -> list[ItemDetermination]:
    case: dict[str, Any] = {
        "ur": {"date": "2015-01-10"},
        "date_of_injury": "2013-01-10",
        "records": [{"id": "r1", "kind": "progress_report", "date": "2014-12-16", "text": text}],
        "items": [{"request": r, "ur_decision": "non-certified"} for r in requests],
    }
    return draft(CaseFile.model_validate(case), load_knowledge()).items


def test_a_plan_to_start_gabapentin_is_no_first_line_trial_for_a_lidocaine_patch() -> None:
    text = NEUROPATHIC + (
        "He has not tried any anticonvulsant or antidepressant for the nerve pain.\n"
        "PLAN:\n1. Start gabapentin 300 mg TID #90 - first trial.\n2. Lidoderm 5% patch #30 to L leg."
    )
    lidoderm = items("Lidoderm 5% patch #30", text=text)[0]
    assert lidoderm.decision == "Upheld"


def test_a_failed_gabapentin_trial_is_a_first_line_trial_for_a_lidocaine_patch() -> None:
    text = NEUROPATHIC + (
        "Gabapentin 300 mg TID was tried for 3 months, stopped for dizziness.\n"
        "PLAN:\n1. Lidoderm 5% patch #30 to L leg."
    )
    lidoderm = items("Lidoderm 5% patch #30", text=text)[0]
    assert lidoderm.decision == "Overturned"
