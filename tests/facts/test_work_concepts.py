"""Return-to-work plans as employers' letters and PR-2s write them."""

from __future__ import annotations

import pytest

from imr.facts import extract_text
from imr.knowledge import load_knowledge

KNOWLEDGE = load_knowledge()


@pytest.mark.parametrize(
    ("text", "affirmed"),
    [
        ("Employer (HR letter 4/28/17) confirms order-selector position held open.", True),
        ("Employer agrees to return at full duty after the program.", True),
        ("No position held open; employer has let him go.", False),
    ],
)
def test_a_job_held_open_is_a_return_to_work_goal(text: str, affirmed: bool) -> None:
    found = [f for f in extract_text(text, KNOWLEDGE) if f.concept == "finding.return_to_work_goal"]
    assert found
    assert found[0].affirmed == affirmed
