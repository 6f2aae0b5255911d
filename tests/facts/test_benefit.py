"""Measured benefit: numbers before and after, attributed to the treatment they follow from."""

from __future__ import annotations

import pytest

from imr.facts import extract_text
from imr.knowledge import load_knowledge

KNOWLEDGE = load_knowledge()


def benefits(text: str) -> list[tuple[str, str | None, list[str]]]:
    return [
        (f.concept, f.value, f.about)
        for f in extract_text(text, KNOWLEDGE)
        if f.concept in ("outcome.analgesia", "outcome.function_gain", "outcome.medication_reduction")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pain 8/10 w/o meds, 4/10 w/ meds.", ("outcome.analgesia", "8 → 4", ["medications"])),
        ("Since starting acupuncture VAS 7 -> 3.", ("outcome.analgesia", "7 → 3", ["treatment.acupuncture"])),
        (
            "After the ESI she had 70% relief for 6 weeks.",
            ("outcome.analgesia", "70% relief", ["treatment.injection.epidural"]),
        ),
        (
            "With Norco he is able to walk 30 min vs 10 min.",
            ("outcome.function_gain", "10 → 30 min", ["hydrocodone"]),
        ),
        ("Decreased Norco from 6 to 3 tabs/day.", ("outcome.medication_reduction", "6 → 3", ["hydrocodone"])),
    ],
)
def test_a_measured_benefit_and_what_it_is_about(text: str, expected: tuple[str, str, list[str]]) -> None:
    assert benefits(text) == [expected]


def test_numbers_that_show_no_benefit_make_no_benefit() -> None:
    assert benefits("Pain 5/10 w/o meds, 7/10 w/ meds.") == []
    assert benefits("Walking tolerance decreased from 30 to 10 minutes.") == []


def test_a_benefit_with_no_treatment_in_its_sentence_takes_the_one_before() -> None:
    found = benefits("She finished 6 sessions of acupuncture. She can now walk 40 min vs 15 min before.")
    assert found == [("outcome.function_gain", "15 → 40 min", ["treatment.acupuncture"])]


def reported(text: str, concept: str) -> list[list[str]]:
    return [f.about for f in extract_text(text, KNOWLEDGE) if f.concept == concept]


def test_a_reported_benefit_is_attributed_like_a_measured_one() -> None:
    # the return to work follows the sentence about Anaprox, so it is Anaprox's (naproxen's) benefit
    text = "Started Anaprox DS 7/2015; knee pain 7/10 -> 4/10. Returned to regular duty 8/17/15."
    assert reported(text, "outcome.return_to_work") == [["naproxen"]]
    # with no treatment named near it, a benefit stays unattributed (credited to none in particular)
    assert reported("Returned to regular duty 8/17/15.", "outcome.return_to_work") == [[]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # times in different units are compared in minutes
        (
            "On gabapentin he now walks 1 hr vs 15 min before.",
            ("outcome.function_gain", "15 min → 1 hr", ["gabapentin"]),
        ),
        # range of motion measured before and after
        (
            "After PT knee flexion 95 deg -> 125 deg.",
            ("outcome.function_gain", "95 → 125 deg", ["treatment.physical_therapy"]),
        ),
    ],
)
def test_a_measured_gain_in_other_units(text: str, expected: tuple[str, str, list[str]]) -> None:
    assert benefits(text) == [expected]


def test_numbers_that_show_no_benefit_from_a_named_treatment_are_no_improvement() -> None:
    assert reported("Acupuncture x12 done. Pain 7/10 pre-tx, 7/10 post-tx.", "outcome.no_improvement") == [
        ["treatment.acupuncture"]
    ]
    # compared with before the injury (no treatment named), it says nothing about a treatment
    assert reported("He walks 10 min vs 1 hr before.", "outcome.no_improvement") == []


def test_a_return_to_a_named_duty_is_a_return_to_work() -> None:
    assert reported("Return to modified ground duty 10/10/16.", "outcome.return_to_work") == [[]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("LBP 6/10 without naproxen, 3/10 with.", ("outcome.analgesia", "6 → 3", ["naproxen"])),
        # a range with the drug: its top counts
        ("Knee pain 6/10 without it and 3-4/10 with it.", ("outcome.analgesia", "6 → 4", [])),
    ],
)
def test_pain_without_and_with_a_named_drug_or_it(text: str, expected: tuple[str, str, list[str]]) -> None:
    assert benefits(text) == [expected]


def test_a_drug_that_lets_the_worker_work_is_a_gain_in_daily_activity() -> None:
    found = reported("Norco 5/325 1 po BID: allows her to work her 6-hr shift.", "outcome.adl_improvement")
    assert found == [["hydrocodone"]]
