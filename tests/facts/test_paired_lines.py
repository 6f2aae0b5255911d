"""A trial summary's line of measures before the trial and its line after, compared measure by measure
and credited to the treatment tried."""

from __future__ import annotations

from imr.facts import extract_text
from imr.facts.benefit import benefit_rules, trial_title_facts
from imr.knowledge import load_knowledge

KNOWLEDGE = load_knowledge()
MEASURED = (
    "outcome.analgesia",
    "outcome.function_gain",
    "outcome.medication_reduction",
    "outcome.no_improvement",
)


def measured(text: str) -> list[tuple[str, str | None, list[str]]]:
    return [(f.concept, f.value, f.about) for f in extract_text(text, KNOWLEDGE) if f.concept in MEASURED]


def test_a_heading_names_the_treatment_tried_and_the_drug_on_the_line_is_a_measure() -> None:
    text = (
        "TENS HOME TRIAL - SUMMARY\n"
        "Baseline: pain 8/10, tramadol 50 mg 3/day, standing 15 min.\n"
        "At end of trial: pain 5/10, tramadol 50 mg 1/day, standing 40 min.\n"
    )
    assert measured(text) == [
        ("outcome.analgesia", "8 → 5/10", ["treatment.tens"]),
        ("outcome.medication_reduction", "3 → 1/day", ["treatment.tens"]),
        ("outcome.function_gain", "15 → 40 min", ["treatment.tens"]),
    ]


def test_a_measure_no_better_after_the_trial_is_no_benefit() -> None:
    text = (
        "TENS trial results\nBefore trial: pain 6/10, sitting 20 min.\n"
        "After trial: pain 6/10, sitting 15 min.\n"
    )
    assert measured(text) == [
        ("outcome.no_improvement", None, ["treatment.tens"]),
        ("outcome.no_improvement", None, ["treatment.tens"]),
    ]


def test_measures_of_unlike_units_or_of_no_pain_word_are_not_compared() -> None:
    text = "Before trial: mood 4/10, walking 2 blocks.\nEnd of trial: mood 7/10, walking 20 min.\n"
    assert measured(text) == []


def test_a_title_that_names_a_trial_credits_the_gains_no_line_names() -> None:
    text = "Before trial: pain 7/10, lifting 10 lbs.\nEnd of trial: pain 3/10, lifting 25 lbs.\n"
    facts = extract_text(text, KNOWLEDGE)
    assert [f.about for f in facts if f.concept in MEASURED] == [[], []]
    title = "Interferential Unit 30-Day Rental Trial - Outcome Summary"
    credited = trial_title_facts(
        title, facts, benefit_rules(KNOWLEDGE), lambda: [f.concept for f in extract_text(title, KNOWLEDGE)]
    )
    assert [f.about for f in credited if f.concept in MEASURED] == [["treatment.interferential"]] * 2
    # a title that names no trial credits nothing
    plain = trial_title_facts(
        "Interferential unit note", facts, benefit_rules(KNOWLEDGE), lambda: ["treatment.interferential"]
    )
    assert [f.about for f in plain if f.concept in MEASURED] == [[], []]
