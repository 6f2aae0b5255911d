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
        (
            "Spoke with employer HR (J. Pham) 9/27: they will return him to full-duty order selector "
            "on completion of the program; pt agrees.",
            True,
        ),
    ],
)
def test_a_job_held_open_is_a_return_to_work_goal(text: str, affirmed: bool) -> None:
    found = [f for f in extract_text(text, KNOWLEDGE) if f.concept == "finding.return_to_work_goal"]
    assert found
    assert found[0].affirmed == affirmed


def test_a_job_held_in_writing_for_the_workers_return_is_a_return_to_work_goal() -> None:
    text = (
        "Employer (HR mgr) confirmed in writing 6/30/16 his installer position is held for return to full "
        "duty upon completion; pt agrees with this goal."
    )
    found = [f for f in extract_text(text, KNOWLEDGE) if f.concept == "finding.return_to_work_goal"]
    assert found and all(f.affirmed for f in found)


@pytest.mark.parametrize(
    "text",
    [
        "Pt states she wants to get off pills and back to work; signed program agreement and goals.",
        "She signed the program agreement.",
    ],
)
def test_a_wish_to_work_again_or_a_signed_program_agreement_is_motivation(text: str) -> None:
    assert any(f.concept == "finding.motivation" and f.affirmed for f in extract_text(text, KNOWLEDGE))


def test_a_work_hardening_discharge_summary_is_a_use_of_work_hardening() -> None:
    text = "WORK HARDENING DISCHARGE SUMMARY. 20 sessions (4 hr/day, 5 d/wk x 4 wks) completed 8/3-8/28/15."
    assert any(f.concept == "treatment.work_hardening" for f in extract_text(text, KNOWLEDGE))


def test_a_physician_returning_the_worker_to_duty_is_no_employer_agreement() -> None:
    found = extract_text("Will return him to full duty next month.", KNOWLEDGE)
    assert not any(f.concept == "finding.return_to_work_goal" for f in found)


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


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Two attempts at modified duty in 2013 failed because he was assigned heavy lifting.", "attempts"),
        ("He had a failed attempt at light duty in March.", "failed attempt"),
        ("Plan: Pt approaching P&S, FCE requested.", "approaching P&S"),
        ("She is near MMI per the QME.", "near MMI"),
    ],
)
def test_a_failed_return_to_work_and_a_worker_near_mmi_are_work_capacity_questions(
    text: str, written: str
) -> None:
    found = [
        f
        for f in extract_text(text, KNOWLEDGE)
        if f.concept == "finding.work_capacity_question" and f.affirmed
    ]
    assert found and found[0].text.startswith(written)


def test_approaching_p_and_s_is_no_permanent_and_stationary_status() -> None:
    found = extract_text("Plan: Pt approaching P&S.", KNOWLEDGE)
    assert not any(f.value == "permanent_and_stationary" for f in found)
