"""Drug benefit told in the ways clinic notes scatter it: an activity that was out of reach without
(or before) the drug, a drug that "helps" the worker do something, the dose named between the activity
and the drug, and pain scores written now-first, without a "/10", or after "without it"."""

from __future__ import annotations

import pytest

from imr.facts import extract_text
from imr.knowledge import load_knowledge

KNOWLEDGE = load_knowledge()


def of(text: str, concept: str) -> list[tuple[str | None, list[str]]]:
    return [(f.value, f.about) for f in extract_text(text, KNOWLEDGE) if f.concept == concept and f.affirmed]


@pytest.mark.parametrize(
    ("text", "about"),
    [
        ("He says he could not get through a day of roofing before Norco was added.", ["hydrocodone"]),
        ("She was unable to vacuum the house without the tramadol.", ["tramadol"]),
        ("Naproxen helps her garden on weekends.", ["naproxen"]),
        ("Able to stock shelves through a full shift with BID Norco.", ["hydrocodone"]),
    ],
)
def test_an_activity_out_of_reach_without_the_drug_is_its_gain(text: str, about: list[str]) -> None:
    assert [a for _, a in of(text, "outcome.adl_improvement")] == [about]


@pytest.mark.parametrize(
    "text",
    [
        # nothing done: only a feeling, or the drug did not help
        "She could not feel better without the tramadol.",
        "He could not say whether he was better before Norco.",
        "Naproxen helps him function.",
    ],
)
def test_no_activity_named_is_no_gain(text: str) -> None:
    assert of(text, "outcome.adl_improvement") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Triage: pain 5/10 now; 8/10 w/o meds.", ("8 → 5", ["medications"])),
        ("Her back pain was 9 before duloxetine, now around 4.", ("9 → 4", ["duloxetine"])),
        ("Takes Celebrex daily; without it she limps all day, pain 8/10 vs 4/10.", ("8 → 4", ["celecoxib"])),
    ],
)
def test_pain_with_and_without_a_drug_written_other_ways(text: str, expected: tuple[str, list[str]]) -> None:
    assert of(text, "outcome.analgesia") == [expected]


def test_pain_that_did_not_fall_before_and_after_a_drug_is_no_analgesia() -> None:
    assert of("Pain was 6 before pregabalin, now about 6.", "outcome.analgesia") == []


@pytest.mark.parametrize(
    "text",
    [
        "Since starting Cymbalta her sleep is unchanged.",
        "On Neurontin x 4 months, sleep remains the same.",
    ],
)
def test_sleep_said_unchanged_on_a_drug_is_no_improvement(text: str) -> None:
    assert [a for _, a in of(text, "outcome.no_improvement")] in ([["duloxetine"]], [["gabapentin"]])


def test_a_drug_screen_line_found_negative_after_its_colon_shows_no_aberrant_use() -> None:
    text = "Opiates other than those prescribed, sedatives, illicit drugs: NEGATIVE"
    risks = [f for f in extract_text(text, KNOWLEDGE) if f.concept == "risk.aberrant_behavior"]
    assert risks and not any(f.affirmed for f in risks)


def test_a_drug_the_laboratory_says_is_unexplained_is_an_inconsistent_screen() -> None:
    text = "Lab comment: morphine is unexplained by the prescribed medications."
    found = [f for f in extract_text(text, KNOWLEDGE) if f.concept == "risk.inconsistent_drug_screen"]
    assert [f.affirmed for f in found] == [True]
