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


def test_a_work_restriction_denies_nothing_after_it() -> None:
    text = (
        "Back at work full time since 10/1/14 with restriction of no lifting >20 lb (was TTD 4/2013-9/2014)."
    )
    found = extract_text(text, KNOWLEDGE)
    assert any(f.concept == "outcome.return_to_work" and f.affirmed for f in found)
    ttd = [f for f in found if f.value == "temporarily_totally_disabled"]
    assert ttd and not any(m.category.value == "negated" for m in ttd[0].modifiers)


@pytest.mark.parametrize(
    "text",
    [
        "He takes Norco about four a day and states it barely touches the pain.",
        "He rates the pain 7/10 with or without the medication.",
    ],
)
def test_the_same_pain_with_and_without_a_drug_is_no_improvement(text: str) -> None:
    assert any(f.concept == "outcome.no_improvement" and f.affirmed for f in extract_text(text, KNOWLEDGE))


def test_an_evaluators_history_of_no_work_is_an_off_work_status() -> None:
    text = (
        "He states he has not worked anywhere since January 2015. He has been on temporary disability since."
    )
    values = {f.value for f in extract_text(text, KNOWLEDGE) if f.concept == "outcome.work_status"}
    assert {"not_working", "temporarily_totally_disabled"} <= values
