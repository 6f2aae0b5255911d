"""Eligibility of an IMR application: each rule passing, and failing with its reason and citation."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from imr.intake.eligibility import check_eligibility
from imr.models.application import EligibilityResult, ImrApplication, OpenCaseKey

TODAY = dt.date(2026, 3, 1)
RULES = [
    "signed",
    "filed_on_time",
    "ur_decision_attached",
    "ur_decision_disputable",
    "in_scope",
    "has_disputed_items",
    "not_duplicate",
]


def application(**changes: Any) -> ImrApplication:
    base: dict[str, Any] = {
        "case_id": "CM26-0000100",
        "submitted_on": dt.date(2026, 2, 10),
        "signed_by": "worker",
        "signature_present": True,
        "ur_decision_date": dt.date(2026, 1, 20),
        "ur_decision_served_on": dt.date(2026, 1, 22),
        "ur_decision_attached": True,
        "ur_decision_kind": "non-certified",
        "worker_id": "W-17",
        "date_of_injury": dt.date(2024, 5, 3),
        "disputed_items": ["Acupuncture 12 sessions", "Flexeril 5mg #60"],
    }
    return ImrApplication.model_validate(base | changes)


def check(result: EligibilityResult, rule: str) -> Any:
    return next(c for c in result.checks if c.rule == rule)


def test_a_complete_timely_application_passes_every_rule() -> None:
    result = check_eligibility(application(), today=TODAY)
    assert result.eligible
    assert [c.rule for c in result.checks] == RULES
    assert all(c.passed and c.reason and c.citation for c in result.checks)
    assert result.failed == []


@pytest.mark.parametrize(
    ("changes", "rule", "reason", "missing"),
    [
        ({"signature_present": False}, "signed", "not signed", ["signature_present"]),
        ({"signed_by": None}, "signed", "who signed", ["signed_by"]),
        ({"signed_by": "physician"}, "signed", "signed by the physician", []),
        ({"signed_by": "claims_administrator"}, "signed", "must be signed by one of", []),
        (
            {"ur_decision_attached": False},
            "ur_decision_attached",
            "no copy of the UR decision",
            ["ur_decision_attached"],
        ),
        (
            {"ur_decision_kind": "conditional non-certification"},
            "ur_decision_disputable",
            "more information",
            [],
        ),
        ({"ur_decision_kind": "Certified"}, "ur_decision_disputable", "nothing to dispute", []),
        (
            {"ur_decision_kind": "pended"},
            "ur_decision_disputable",
            "unknown kind of UR decision 'pended'",
            [],
        ),
        ({"ur_decision_kind": None}, "ur_decision_disputable", "not given", ["ur_decision_kind"]),
        ({"disputed_items": ["  "]}, "has_disputed_items", "no disputed treatment", ["disputed_items"]),
    ],
)
def test_each_rule_fails_with_its_reason(
    changes: dict[str, Any], rule: str, reason: str, missing: list[str]
) -> None:
    result = check_eligibility(application(**changes), today=TODAY)
    assert not result.eligible
    assert [c.rule for c in result.failed] == [rule]
    failed = check(result, rule)
    assert reason in failed.reason
    assert failed.missing == missing
    assert failed.citation


@pytest.mark.parametrize(
    "kind", ["modified", "Non-Certified", "denied", "NON_CERTIFIED", "delayed", "Partially certified"]
)
def test_disputable_ur_decisions_in_any_spelling(kind: str) -> None:
    assert check(
        check_eligibility(application(ur_decision_kind=kind), today=TODAY), "ur_decision_disputable"
    ).passed


def test_conditional_non_certification_carries_its_own_unconfirmed_citation() -> None:
    failed = check(
        check_eligibility(application(ur_decision_kind="Conditional Non-Certification"), today=TODAY),
        "ur_decision_disputable",
    )
    assert not failed.passed
    assert failed.status == "unconfirmed"
    assert "9792.10.3" in failed.citation


def test_filing_deadline_is_counted_from_service_of_the_ur_decision() -> None:
    # Served 2026-01-22: day 30 is 2026-02-21, a Saturday, so the period runs to Monday 2026-02-23.
    on_last_day = check_eligibility(application(submitted_on=dt.date(2026, 2, 23)), today=TODAY)
    assert on_last_day.eligible
    assert "last day 2026-02-23" in check(on_last_day, "filed_on_time").reason
    late = check_eligibility(application(submitted_on=dt.date(2026, 2, 24)), today=TODAY)
    filed = check(late, "filed_on_time")
    assert not filed.passed
    assert "later than 30 days of service of the UR decision on 2026-01-22" in filed.reason
    assert filed.citation == "8 CCR 9792.10.1(b)(1)"


def test_filing_on_a_weekday_day_thirty_is_not_extended() -> None:
    served = dt.date(2026, 1, 5)  # day 30 is Wednesday 2026-02-04
    assert check_eligibility(
        application(ur_decision_served_on=served, ur_decision_date=served, submitted_on=dt.date(2026, 2, 4)),
        today=TODAY,
    ).eligible
    late = check_eligibility(
        application(ur_decision_served_on=served, ur_decision_date=served, submitted_on=dt.date(2026, 2, 5)),
        today=TODAY,
    )
    assert [c.rule for c in late.failed] == ["filed_on_time"]


def test_without_a_service_date_a_late_looking_application_asks_for_it() -> None:
    app = application(
        ur_decision_served_on=None, ur_decision_date=dt.date(2026, 1, 2), submitted_on=dt.date(2026, 2, 10)
    )
    filed = check(check_eligibility(app, today=TODAY), "filed_on_time")
    assert not filed.passed
    assert filed.missing == ["ur_decision_served_on"]
    assert "the UR decision date" in filed.reason


def test_without_any_ur_date_timeliness_cannot_be_checked() -> None:
    app = application(ur_decision_served_on=None, ur_decision_date=None)
    result = check_eligibility(app, today=TODAY)
    filed = check(result, "filed_on_time")
    assert not filed.passed
    assert filed.missing == ["ur_decision_served_on", "ur_decision_date"]


def test_an_application_before_the_ur_decision_or_in_the_future_fails() -> None:
    early = check(
        check_eligibility(application(submitted_on=dt.date(2026, 1, 19)), today=TODAY), "filed_on_time"
    )
    assert not early.passed and "before the UR decision" in early.reason
    future = check(
        check_eligibility(application(submitted_on=dt.date(2026, 3, 2)), today=TODAY), "filed_on_time"
    )
    assert not future.passed and "after today" in future.reason


def test_scope_injury_or_ur_date_inside_the_imr_era() -> None:
    old_injury_new_ur = application(date_of_injury=dt.date(2008, 11, 6))
    assert check(check_eligibility(old_injury_new_ur, today=TODAY), "in_scope").passed
    predates = application(
        date_of_injury=dt.date(2008, 11, 6),
        ur_decision_date=dt.date(2013, 6, 10),
        ur_decision_served_on=dt.date(2013, 6, 12),
        submitted_on=dt.date(2013, 6, 20),
    )
    scope = check(check_eligibility(predates, today=TODAY), "in_scope")
    assert not scope.passed and "predates IMR" in scope.reason
    new_injury_early_ur = application(
        date_of_injury=dt.date(2013, 2, 1),
        ur_decision_date=dt.date(2013, 5, 1),
        ur_decision_served_on=dt.date(2013, 5, 1),
        submitted_on=dt.date(2013, 5, 20),
    )
    assert check_eligibility(new_injury_early_ur, today=TODAY).eligible


def test_scope_unknown_when_both_dates_are_missing() -> None:
    app = application(date_of_injury=None, ur_decision_date=None, ur_decision_served_on=None)
    scope = check(check_eligibility(app, today=TODAY), "in_scope")
    assert not scope.passed
    assert scope.missing == ["date_of_injury", "ur_decision_date"]


def open_case(**changes: Any) -> OpenCaseKey:
    base: dict[str, Any] = {
        "case_id": "CM26-0000001",
        "worker_id": "w-17",
        "date_of_injury": dt.date(2024, 5, 3),
        "ur_decision_date": dt.date(2025, 12, 1),
        "disputed_items": ["Physical therapy 8 sessions"],
    }
    return OpenCaseKey.model_validate(base | changes)


def test_duplicate_of_an_open_case_by_ur_decision_date() -> None:
    result = check_eligibility(
        application(), open_cases=[open_case(ur_decision_date=dt.date(2026, 1, 20))], today=TODAY
    )
    dup = check(result, "not_duplicate")
    assert not dup.passed
    assert "duplicates open case CM26-0000001" in dup.reason
    assert "UR decision of 2026-01-20" in dup.reason


def test_duplicate_of_an_open_case_by_disputed_item_ignoring_case_and_punctuation() -> None:
    other = open_case(disputed_items=["ACUPUNCTURE, 12 sessions."])
    dup = check(check_eligibility(application(), open_cases=[other], today=TODAY), "not_duplicate")
    assert not dup.passed
    assert "acupuncture 12 sessions" in dup.reason


@pytest.mark.parametrize(
    "other",
    [
        open_case(),  # same worker and injury, different UR decision and items
        open_case(worker_id="W-18", ur_decision_date=dt.date(2026, 1, 20)),
        open_case(date_of_injury=dt.date(2020, 1, 1), disputed_items=["Acupuncture 12 sessions"]),
        open_case(
            case_id="CM26-0000100", ur_decision_date=dt.date(2026, 1, 20)
        ),  # the application's own case
    ],
)
def test_not_a_duplicate(other: OpenCaseKey) -> None:
    assert check(check_eligibility(application(), open_cases=[other], today=TODAY), "not_duplicate").passed


def test_duplicate_check_needs_the_worker_id_when_there_are_open_cases() -> None:
    dup = check(
        check_eligibility(application(worker_id=None), open_cases=[open_case()], today=TODAY), "not_duplicate"
    )
    assert not dup.passed and dup.missing == ["worker_id"]
    assert check(check_eligibility(application(worker_id=None), today=TODAY), "not_duplicate").passed


def test_several_failures_are_all_reported() -> None:
    app = application(signature_present=False, ur_decision_attached=False, ur_decision_kind="certified")
    result = check_eligibility(app, today=TODAY)
    assert [c.rule for c in result.failed] == ["signed", "ur_decision_attached", "ur_decision_disputable"]
