"""An IMR application and what intake and assignment say about it: eligibility, deadlines, reviewer."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import Field

from imr.models.case import Party
from imr.models.common import ClockUnit, Contract, Decision, RuleStatus
from imr.models.items import NormalizedItem

Signer = Literal[
    "worker", "representative", "attorney", "guardian", "physician", "claims_administrator", "other"
]


class ImrApplication(Contract):
    """An application for IMR (DWC Form IMR) as received, with the UR decision it disputes."""

    case_id: str | None = None
    submitted_on: dt.date
    signed_by: Signer | None = None
    signature_present: bool = False
    ur_decision_date: dt.date | None = None
    ur_decision_served_on: dt.date | None = None
    ur_decision_attached: bool = False
    ur_decision_kind: str | None = None  # e.g. "non-certified", "modified", "conditional non-certification"
    expedited: bool = False
    formulary_only: bool = False
    electronic_records: bool = False
    worker_id: str | None = None
    date_of_injury: dt.date | None = None
    disputed_items: list[str] = Field(default_factory=list)
    parties: list[Party] = Field(default_factory=list)


class OpenCaseKey(Contract):
    """What identifies an open IMR case for the duplicate check.

    A new application duplicates an open case when the worker and the date of injury are the same and
    either the UR decision date is the same or at least one disputed item is the same (compared with
    case, spacing and punctuation ignored).
    """

    case_id: str | None = None
    worker_id: str
    date_of_injury: dt.date | None = None
    ur_decision_date: dt.date | None = None
    disputed_items: list[str] = Field(default_factory=list)


class EligibilityCheck(Contract):
    """One eligibility rule applied to an application."""

    rule: str
    passed: bool
    reason: str
    citation: str
    status: RuleStatus = "confirmed"
    missing: list[str] = Field(default_factory=list)  # application fields the rule needed but did not get


class EligibilityResult(Contract):
    """All eligibility checks; eligible only when every check passed."""

    eligible: bool
    checks: list[EligibilityCheck]

    @property
    def failed(self) -> list[EligibilityCheck]:
        return [check for check in self.checks if not check.passed]


class Deadline(Contract):
    """One computed clock: when it started, how long it runs, when it ends, and on what authority."""

    name: str
    clock: str
    start: dt.date
    amount: int
    unit: ClockUnit
    due: dt.date
    basis: str
    citation: str
    status: RuleStatus = "confirmed"
    estimated: bool = False  # the start date was not known and was estimated (the basis says how)
    holidays_skipped: list[dt.date] = Field(default_factory=list)


class Deadlines(Contract):
    """The records and decision deadlines of one IMR case."""

    received_on: dt.date
    track: Literal["regular", "formulary", "expedited"]
    records_due: dt.date
    decision_due: dt.date
    basis: dict[str, str]
    business_days: bool  # true when a clock counted business days (weekends and CA holidays skipped)
    records_received_on: dt.date | None = None
    details: list[Deadline] = Field(default_factory=list)


class DeadlineStatus(StrEnum):
    """Where a case stands against its deadlines."""

    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OVERDUE = "overdue"


class CaseDeadlineStatus(Contract):
    """A case in the at-risk / overdue list, with the deadline that puts it there."""

    case_id: str
    status: DeadlineStatus
    deadline: str
    due: dt.date
    days_left: int  # calendar days from today to the due date; negative when overdue
    reason: str


class PriorReview(Contract):
    """An earlier IMR of the same worker; linked to a new case that disputes the same item."""

    case_id: str
    item: str
    decision: Decision | None = None
    decided_on: dt.date | None = None
    normalized: NormalizedItem | None = None
    reviewer_id: str | None = None
    set_aside_on_appeal: bool = False  # LC 4610.6(i): the new review goes to a different reviewer


class CandidateAssessment(Contract):
    """How one reviewer fared: qualified or not (with every reason), specialty fit and load."""

    reviewer_id: str
    qualified: bool
    reasons: list[str] = Field(default_factory=list)  # why not qualified, or why not chosen
    specialty_fit: float = 0.0
    load: int = 0
    california_licensed: bool = False


class AssignmentResult(Contract):
    """The reviewer chosen for a case and why, with the other candidates and any prior reviews."""

    reviewer_id: str
    explanation: list[str]
    specialty_fit: float
    load: int
    candidates: list[CandidateAssessment]
    prior_reviews: list[PriorReview] = Field(default_factory=list)
