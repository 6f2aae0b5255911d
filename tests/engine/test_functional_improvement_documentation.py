"""Continued treatment needs documented functional improvement: a measured change, not a general report."""

from __future__ import annotations

import datetime as dt

import pytest

from imr.engine import draft
from imr.knowledge import load_knowledge
from imr.models import CaseFile, Decision

KNOWLEDGE = load_knowledge()


def _case(note: str) -> CaseFile:
    return CaseFile.model_validate(
        {
            "case_id": "FI-1",
            "date_of_injury": "2013-02-01",
            "ur": {"date": "2015-03-13"},
            "records": [{"id": "pr2", "kind": "progress_report", "date": "2015-03-01", "text": note}],
            "items": [{"request": "Additional acupuncture 6 sessions lumbar spine"}],
        }
    )


def _decision(note: str) -> Decision | None:
    return draft(_case(note), as_of=dt.date(2015, 3, 13), knowledge=KNOWLEDGE).items[0].decision


def test_a_general_report_that_function_improves_is_not_documented_functional_improvement() -> None:
    note = (
        "Chronic low back pain. She completed 6 sessions of acupuncture. "
        "Following each session of acupuncture, her function and quality of life improves."
    )
    assert _decision(note) == Decision.UPHELD


def test_a_measured_gain_in_function_after_the_trial_supports_more_sessions() -> None:
    note = (
        "Chronic low back pain. She completed 6 sessions of acupuncture with functional improvement: "
        "she can now walk 8 blocks versus 2 blocks before, and she returned to modified duty. "
        "Her medication use decreased."
    )
    assert _decision(note) == Decision.OVERTURNED


def _two_records(first: str, second: str, request: str = "Additional acupuncture 6 sessions lumbar spine"):
    case = CaseFile.model_validate(
        {
            "case_id": "FI-2",
            "date_of_injury": "2013-02-01",
            "ur": {"date": "2015-03-13"},
            "records": [
                {"id": "pr2-a", "kind": "progress_report", "date": "2015-02-10", "text": first},
                {"id": "pr2-b", "kind": "progress_report", "date": "2015-03-01", "text": second},
            ],
            "items": [{"request": request}],
        }
    )
    return draft(case, as_of=dt.date(2015, 3, 13), knowledge=KNOWLEDGE).items[0]


def test_records_that_disagree_on_the_benefit_that_decides_go_to_review() -> None:
    gained = (
        "Chronic low back pain. She completed 6 sessions of acupuncture. "
        "Since acupuncture she can walk 8 blocks vs 2 blocks before and she returned to modified duty."
    )
    denied = "Chronic low back pain. She states the acupuncture gave her no relief and did not help at all."
    item = _two_records(denied, gained)
    assert item.decision is None
    assert "inconsistent_record" in item.reasons
    # the review reason quotes both records
    assert "walk 8 blocks vs 2 blocks" in (item.review_reason or "")
    assert "no relief" in (item.review_reason or "")


def test_a_denial_of_another_treatment_does_not_dispute_the_benefit() -> None:
    gained = (
        "Chronic low back pain. She completed 6 sessions of acupuncture. "
        "Since acupuncture she can walk 8 blocks vs 2 blocks before and she returned to modified duty."
    )
    other = "Chronic low back pain. She states chiropractic care gave her no relief."
    assert _two_records(other, gained).decision == Decision.OVERTURNED


def test_a_treatment_that_did_nothing_is_still_upheld() -> None:
    # the benefit is absent, not disputed: no review
    denied = "Chronic low back pain. She completed 6 sessions of acupuncture without lasting benefit."
    again = "Chronic low back pain, 7/10. Acupuncture doesn't really do anything for her."
    assert _two_records(denied, again).decision == Decision.UPHELD


def test_a_contradiction_about_another_treatment_is_not_this_requests() -> None:
    # massage is said to help and not to help in two records; the acupuncture benefit is not in question
    massage = "Chronic low back pain. Massage x6: she can now do her housework."
    other = "Chronic low back pain. Massage gave no relief."
    acupuncture = (
        "She completed 6 sessions of acupuncture. Since acupuncture she walks 8 blocks vs 2 blocks before "
        "and she returned to modified duty."
    )
    item = _two_records(other, massage + " " + acupuncture)
    assert item.decision == Decision.OVERTURNED


def test_a_denial_long_before_the_documented_benefit_is_superseded() -> None:
    gained = (
        "Chronic low back pain. She completed 6 sessions of acupuncture. "
        "Since acupuncture she can walk 8 blocks vs 2 blocks before and she returned to modified duty."
    )
    denied = "Chronic low back pain. She states the acupuncture gave her no relief."
    case = CaseFile.model_validate(
        {
            "case_id": "FI-3",
            "date_of_injury": "2012-02-01",
            "ur": {"date": "2015-03-13"},
            "records": [
                {"id": "pr2-a", "kind": "progress_report", "date": "2013-06-10", "text": denied},
                {"id": "pr2-b", "kind": "progress_report", "date": "2015-03-01", "text": gained},
            ],
            "items": [{"request": "Additional acupuncture 6 sessions lumbar spine"}],
        }
    )
    item = draft(case, as_of=dt.date(2015, 3, 13), knowledge=KNOWLEDGE).items[0]
    assert item.decision == Decision.OVERTURNED


def test_a_recent_denial_after_an_old_benefit_upholds() -> None:
    gained = (
        "Chronic low back pain. She completed 6 sessions of acupuncture. "
        "Since acupuncture she can walk 8 blocks vs 2 blocks before and she returned to modified duty."
    )
    denied = "Chronic low back pain. She states the acupuncture no longer helps; it gave her no relief."
    case = CaseFile.model_validate(
        {
            "case_id": "FI-4",
            "date_of_injury": "2012-02-01",
            "ur": {"date": "2015-03-13"},
            "records": [
                {"id": "pr2-a", "kind": "progress_report", "date": "2013-06-10", "text": gained},
                {"id": "pr2-b", "kind": "progress_report", "date": "2015-03-01", "text": denied},
            ],
            "items": [{"request": "Additional acupuncture 6 sessions lumbar spine"}],
        }
    )
    item = draft(case, as_of=dt.date(2015, 3, 13), knowledge=KNOWLEDGE).items[0]
    assert item.decision == Decision.UPHELD


RETURNED = (
    "Chronic low back pain. She completed 6 sessions of acupuncture. "
    "Since acupuncture she can walk 8 blocks vs 2 blocks before and she returned to modified duty."
)


def test_a_return_to_work_denied_by_another_records_work_status_goes_to_review() -> None:
    # the return to work that documents the benefit, and the worker off work three weeks apart
    off = "Chronic low back pain 7/10, walks 2 blocks.\nWORK STATUS: TTD."
    item = _two_records(off, RETURNED)
    assert item.decision is None
    assert "inconsistent_record" in item.reasons
    assert "returned to modified duty" in (item.review_reason or "")


def test_an_off_work_status_recalled_as_the_baseline_does_not_dispute_the_return() -> None:
    baseline = "Acupuncture progress report. Pre-treatment: LBP 7/10; walks 2 blocks; TTD."
    assert _two_records(baseline, RETURNED).decision == Decision.OVERTURNED


def test_a_return_to_work_named_as_a_goal_is_not_disputed_by_an_off_work_status() -> None:
    goal = RETURNED.replace("she returned to modified duty", "she is working on return-to-work fears")
    off = "Chronic low back pain 7/10.\nWORK STATUS: TTD."
    assert _two_records(off, goal).decision == Decision.OVERTURNED


@pytest.mark.parametrize(
    "denied",
    [
        "Chronic low back pain 8/10. She says the acupuncture 'does nothing' for her back.",
        "Chronic low back pain 8/10. States acupuncture x6 has not helped.",
        "Chronic low back pain 8/10. She stopped acupuncture because it didn't do much.",
    ],
)
def test_a_treatment_said_to_do_nothing_in_another_record_disputes_its_benefit(denied: str) -> None:
    item = _two_records(denied, RETURNED)
    assert item.decision is None
    assert "inconsistent_record" in item.reasons


def test_a_later_record_saying_the_worker_never_went_back_disputes_the_return() -> None:
    # the return is told on 2/10, a note of 3/1 says the worker has not gone back
    later = "Chronic low back pain. He has not returned to work since 2014 and remains on TTD per his report."
    item = _two_records(RETURNED, later)
    assert item.decision is None
    assert "inconsistent_record" in item.reasons


def test_an_earlier_not_back_yet_is_the_time_before_the_return() -> None:
    earlier = "Chronic low back pain. She has not returned to work yet."
    assert _two_records(earlier, RETURNED).decision == Decision.OVERTURNED
