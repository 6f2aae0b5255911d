"""Continued treatment needs documented functional improvement: a measured change, not a general report."""

from __future__ import annotations

import datetime as dt

from imr.engine import draft
from imr.knowledge import load_knowledge
from imr.models import CaseFile, Decision

KNOWLEDGE = load_knowledge()


def _case(note: str) -> CaseFile:
    return CaseFile.model_validate(
        {
            "case_id": "FI-1",
            "date_of_injury": "2013-02-01",
            "ur": {"date": "2015-03-13"},
            "records": [{"id": "pr2", "kind": "progress_report", "date": "2015-03-01", "text": note}],
            "items": [{"request": "Additional acupuncture 6 sessions lumbar spine"}],
        }
    )


def _decision(note: str) -> Decision | None:
    return draft(_case(note), as_of=dt.date(2015, 3, 13), knowledge=KNOWLEDGE).items[0].decision


def test_a_general_report_that_function_improves_is_not_documented_functional_improvement() -> None:
    note = (
        "Chronic low back pain. She completed 6 sessions of acupuncture. "
        "Following each session of acupuncture, her function and quality of life improves."
    )
    assert _decision(note) == Decision.UPHELD


def test_a_measured_gain_in_function_after_the_trial_supports_more_sessions() -> None:
    note = (
        "Chronic low back pain. She completed 6 sessions of acupuncture with functional improvement: "
        "she can now walk 8 blocks versus 2 blocks before, and she returned to modified duty. "
        "Her medication use decreased."
    )
    assert _decision(note) == Decision.OVERTURNED
