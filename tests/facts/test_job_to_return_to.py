"""A job the worker has to go back to, said the ways PR-2s and FCEs say it, is the return-to-work goal
work hardening asks for; a job gone or filled is none."""

from __future__ import annotations

import pytest

from imr.facts.extract import extract_text
from imr.knowledge import load_knowledge

KNOWLEDGE = load_knowledge()
GOAL = "finding.return_to_work_goal"


def _goal(text: str) -> list[bool]:
    return [f.affirmed for f in extract_text(text, KNOWLEDGE) if f.concept == GOAL]


@pytest.mark.parametrize(
    "text",
    [
        "Employer has a position available upon completion of the program.",
        "Employer letter states his job as a forklift driver is available when released.",
        "He wants to return to his job as a mechanic; employer is holding his position.",
        "Pt motivated to return to work as a carpenter; job offer in place.",
        "The employer reports the position remains available.",
        "She has a job to go back to at the same company.",
    ],
)
def test_a_job_to_go_back_to_is_a_return_to_work_goal(text: str) -> None:
    assert True in _goal(text)


@pytest.mark.parametrize(
    "text",
    [
        "His job is no longer available.",
        "The position has been filled.",
        "Employer terminated his employment; no job offer or position to return to.",
    ],
)
def test_a_job_gone_is_none(text: str) -> None:
    assert True not in _goal(text)
