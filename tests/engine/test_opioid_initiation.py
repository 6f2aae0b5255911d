"""Starting opioids for chronic pain: some step before the trial (a risk screen, a baseline drug screen, a
CURES check, an opioid agreement) must be on file; an acute prescription is not asked for one."""

from __future__ import annotations

from drafting import draft_item, record

from imr.models import CriterionResult, Decision

TRIED = (
    "SUBJECTIVE: Burning pain L buttock to lateral foot, worse at night, wakes 3-4x/night. "
    "LBP 5/10, leg pain 8/10. Naproxen 500 bid helps the back ache a little but not the burning. "
    "No prior opioid use - opioid naive. OBJECTIVE: Antalgic gait. Decreased sensation lateral L foot; "
    "L ankle jerk absent; SLR + L 35 deg. "
    "DIAGNOSES: L5-S1 HNP with L S1 radiculopathy. WORK STATUS: Modified duty, no lifting over 20 lbs. "
)


def _steps(criteria: list[CriterionResult]) -> str:
    return next(str(c.result) for c in criteria if c.id.endswith("steps_before_a_trial"))


def test_a_first_opioid_for_chronic_pain_without_any_step_before_the_trial_is_upheld() -> None:
    note = TRIED + "Plan: Percocet 5/325 1 bid prn #60. Reassess in 4 wks."
    item = draft_item(
        "Percocet 5/325mg #60", [record("pr2", "progress_report", "2017-03-02", note)], ur_date="2017-03-14"
    )
    assert item.decision == Decision.UPHELD
    assert item.reasons[0] == "monitoring_not_documented"


def test_a_risk_screen_or_baseline_drug_screen_meets_the_step() -> None:
    for step in (
        "Opioid Risk Tool score 2 (low risk).",
        "Baseline UDS collected today.",
        "CURES checked today.",
    ):
        note = TRIED + step + " Plan: Percocet 5/325 1 bid prn #60."
        item = draft_item(
            "Percocet 5/325mg #60",
            [record("pr2", "progress_report", "2017-03-02", note)],
            ur_date="2017-03-14",
        )
        assert _steps(item.criteria) == "met", step


def test_an_acute_prescription_is_not_asked_for_the_steps() -> None:
    note = TRIED + "Plan: Percocet 5/325 1 bid prn #20."
    item = draft_item(
        "Percocet 5/325mg #20",
        [record("pr2", "progress_report", "2017-03-02", note)],
        ur_date="2017-03-14",
        injury="2017-02-20",
    )
    assert _steps(item.criteria) == "not_applicable"


def test_tramadol_started_for_chronic_pain_asks_the_same_steps() -> None:
    note = TRIED.replace("Naproxen 500 bid", "Acetaminophen 1 g tid") + "Plan: tramadol ER 100 mg daily #30."
    item = draft_item(
        "Tramadol ER 100 mg #30", [record("pr2", "progress_report", "2016-02-09", note)], ur_date="2016-02-23"
    )
    assert _steps(item.criteria) in ("not_met", "insufficient")
    assert item.decision == Decision.UPHELD
