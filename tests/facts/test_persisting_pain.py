"""Pain that persists after the care given, and a condition that only says what to do if it does."""

from __future__ import annotations

import pytest

from imr.facts import extract_text
from imr.knowledge import load_knowledge

KNOWLEDGE = load_knowledge()
NO_IMPROVEMENT = "outcome.no_improvement"


def _affirmed(text: str, concept: str) -> bool:
    return any(f.concept == concept and f.affirmed for f in extract_text(text, KNOWLEDGE))


@pytest.mark.parametrize(
    "text",
    [
        "P: pain mgmt consult for med management since NSAIDs not tolerated and pain persists.",
        "Pain persists despite PT x12.",
        "Her symptoms have persisted after 6 sessions.",
    ],
)
def test_pain_that_persists_is_no_improvement(text: str) -> None:
    assert _affirmed(text, NO_IMPROVEMENT)


@pytest.mark.parametrize(
    "text",
    [
        "P: Return to clinic if pain persists.",
        "F/u 4 wks; if the pain persists, consider ESI.",
        "Follow up in 2 weeks, sooner should the pain persist.",
    ],
)
def test_a_condition_on_persisting_pain_is_no_finding(text: str) -> None:
    assert not _affirmed(text, NO_IMPROVEMENT)


def test_a_drug_not_tolerated_denies_nothing_after_it() -> None:
    found = extract_text("NSAIDs not tolerated and neck pain is 7/10.", KNOWLEDGE)
    assert any(f.concept == "finding.pain" and f.affirmed for f in found)
