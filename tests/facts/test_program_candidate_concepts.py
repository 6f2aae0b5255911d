"""A functional restoration program's entry findings as program evaluations and PR-2s write them."""

from __future__ import annotations

import pytest

from imr.facts import extract_text
from imr.knowledge import load_knowledge

KNOWLEDGE = load_knowledge()


def _affirmed(text: str, concept: str) -> bool:
    return any(f.concept == concept and f.affirmed for f in extract_text(text, KNOWLEDGE))


@pytest.mark.parametrize(
    "text",
    [
        "Baseline: lift floor-waist 10 lb (job requires 50), sitting 20 min, standing 15 min.",
        "Baseline testing: lift floor-to-waist 15 lbs (job requires 50 lbs), sitting tolerance 20 min.",
    ],
)
def test_a_measured_lift_below_the_jobs_demand_is_a_loss_of_function(text: str) -> None:
    assert _affirmed(text, "finding.functional_loss")


def test_a_lift_without_a_job_demand_is_no_loss_of_function_by_itself() -> None:
    assert not _affirmed("Lift floor-waist 50 lb with good mechanics.", "finding.functional_loss")


@pytest.mark.parametrize(
    "text",
    [
        "Wants to get back to work; employer has a warehouse coordinator position held open.",
        "He states 'I want to go back to driving, I'm tired of sitting home.'",
        "Pt reports he is frustrated being home, wants to return to driving route.",
        "She would like to return to her job as a cashier.",
    ],
)
def test_the_workers_wish_to_go_back_to_work_is_motivation(text: str) -> None:
    assert _affirmed(text, "finding.motivation")


@pytest.mark.parametrize(
    "text",
    [
        "He does not want to return to work.",
        "The employer wants him to return to work by June.",
    ],
)
def test_no_wish_or_someone_elses_wish_is_no_motivation(text: str) -> None:
    assert not _affirmed(text, "finding.motivation")
