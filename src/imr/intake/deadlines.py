"""IMR deadlines: records due and decision due, from the dated clocks in knowledge/procedure/deadlines.yaml.

Start dates (the regulations' wording, and what we do when a date is not known):

* records: from the mailing of the notice of assignment (8 CCR 9792.10.5). Without that date the notice is
  assumed to go out on the last day the assignment-notice clock allows after receipt of the application
  (eligibility found on receipt), and the deadline is marked estimated.
* decision: from receipt of the request *and supporting documentation* (LC 4610.6(d)). Without the date
  the records arrived, the clock is counted from receipt of the application — the earliest it can start,
  so the due date is never later than the true one — and marked estimated.

When several decision clocks apply (e.g. expedited and formulary-only), the earliest due date governs.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable

from imr.errors import KnowledgeBaseError, TopicNotInForceError
from imr.intake.calendar import add_business_days, holidays_between, next_business_day, state_holidays
from imr.knowledge import load_knowledge
from imr.knowledge.procedure import Clock, Track
from imr.models.application import CaseDeadlineStatus, Deadline, Deadlines, DeadlineStatus

_UNIT_WORDS = {"calendar_days": "days", "business_days": "business days", "hours": "hours"}


DEADLINES_FILE = "procedure/deadlines.yaml"


def clock(clock_id: str) -> Clock:
    """A clock of deadlines.yaml by id."""
    clocks = load_knowledge().procedure.deadlines.clocks
    try:
        return clocks[clock_id]
    except KeyError:
        raise KnowledgeBaseError(
            f"no clock {clock_id!r} (expected one of {sorted(clocks)})", file=DEADLINES_FILE, key="clocks"
        ) from None


def clock_due(clock_id: str, start: dt.date, *, name: str | None = None, start_note: str = "") -> Deadline:
    """When clock `clock_id` (deadlines.yaml) started on `start` runs out, by the edition in force then."""
    spec = clock(clock_id)
    edition = spec.edition_on(start)
    if edition is None:
        raise TopicNotInForceError(
            f"no edition of clock {clock_id!r} is in force on {start.isoformat()} "
            f"(expected a start on or after {spec.editions.first().isoformat()})",
            file=DEADLINES_FILE,
            key=f"clocks.{clock_id}.editions",
        )
    parts = [
        f"{edition.amount} {_UNIT_WORDS[edition.unit]} from {spec.starts} ({start.isoformat()}{start_note})"
    ]
    skipped: list[dt.date] = []
    if edition.unit == "business_days":
        due = add_business_days(start, edition.amount)
        skipped = holidays_between(start, due)
        parts.append(f"skipping weekends and {_holiday_labels(skipped)}" if skipped else "skipping weekends")
    elif edition.unit == "hours":
        due = start + dt.timedelta(days=math.ceil(dt.timedelta(hours=edition.amount) / dt.timedelta(days=1)))
    else:
        raw_due = start + dt.timedelta(days=edition.amount)
        due = next_business_day(raw_due) if edition.extend_to_business_day else raw_due
        if due != raw_due:
            skipped = holidays_between(raw_due - dt.timedelta(days=1), due)
            past = _holiday_labels(skipped) if skipped else "the weekend"
            parts.append(f"moved from {raw_due.isoformat()} past {past} to the next business day")
    basis = ", ".join(parts) + f": due {due.isoformat()}. {edition.citation} ({edition.status})."
    return Deadline(
        name=name or clock_id,
        clock=clock_id,
        start=start,
        amount=edition.amount,
        unit=edition.unit,
        due=due,
        basis=basis,
        citation=edition.citation,
        status=edition.status,
        estimated=bool(start_note),
        holidays_skipped=skipped,
    )


def compute_deadlines(
    *,
    received_on: dt.date,
    assignment_notice_on: dt.date | None = None,
    expedited: bool = False,
    formulary_only: bool = False,
    electronic: bool = False,
    records_received_on: dt.date | None = None,
) -> Deadlines:
    """Records due and decision due for an IMR application received on `received_on`."""
    records = _records_deadline(received_on, assignment_notice_on, expedited=expedited, electronic=electronic)
    decision, track, notes = _decision_deadline(
        received_on, records_received_on, expedited=expedited, formulary_only=formulary_only
    )
    decision_basis = decision.basis + "".join(f" {note}" for note in notes)
    decision = decision.model_copy(update={"basis": decision_basis})
    return Deadlines(
        received_on=received_on,
        track=track,
        records_due=records.due,
        decision_due=decision.due,
        basis={"records_due": records.basis, "decision_due": decision.basis},
        business_days=any(d.unit == "business_days" for d in (records, decision)),
        records_received_on=records_received_on,
        details=[records, decision],
    )


def _records_deadline(
    received_on: dt.date, notice_on: dt.date | None, *, expedited: bool, electronic: bool
) -> Deadline:
    clock_id = "records_expedited" if expedited else "records_electronic" if electronic else "records"
    if notice_on is not None:
        return clock_due(clock_id, notice_on, name="records_due")
    estimated_notice = clock_due("assignment_notice", received_on).due
    note = f"; estimated: notice date not given, taken as the last day allowed after receipt on {received_on}"
    return clock_due(clock_id, estimated_notice, name="records_due", start_note=note)


def _decision_deadline(
    received_on: dt.date, records_on: dt.date | None, *, expedited: bool, formulary_only: bool
) -> tuple[Deadline, Track, list[str]]:
    start = records_on or received_on
    note = (
        ""
        if records_on
        else "; estimated: records receipt date not given, counted from receipt of the application"
    )
    candidates: list[tuple[Deadline, Track]] = [
        (clock_due("decision", start, name="decision_due", start_note=note), "regular")
    ]
    notes: list[str] = []
    if formulary_only:
        if clock("decision_formulary").edition_on(start) is None:
            notes.append("The formulary-only clock is not in force on that date; the regular clock applies.")
        else:
            candidates.append(
                (clock_due("decision_formulary", start, name="decision_due", start_note=note), "formulary")
            )
    if expedited:
        candidates.append(
            (clock_due("decision_expedited", start, name="decision_due", start_note=note), "expedited")
        )
    deadline, track = min(candidates, key=lambda pair: pair[0].due)
    if len(candidates) > 1:
        others = ", ".join(f"{t} {d.due.isoformat()}" for d, t in candidates if t != track)
        notes.append(f"The earliest applicable clock governs (also applicable: {others}).")
    return deadline, track, notes


def deadline_status(
    deadlines: Deadlines, *, today: dt.date, at_risk_days: int | None = None
) -> DeadlineStatus:
    """On track, at risk (an open deadline within the at-risk window) or overdue (an open deadline passed).

    Open deadlines: the decision, and the records while `records_received_on` is not set. The at-risk window
    is operational policy: `at_risk_days`, or the per-track setting in deadlines.yaml.
    """
    return _assess("", deadlines, today=today, at_risk_days=at_risk_days).status


def cases_at_risk(
    cases: Iterable[tuple[str, Deadlines]], *, today: dt.date, at_risk_days: int | None = None
) -> list[CaseDeadlineStatus]:
    """The cases that are at risk or overdue on `today`, soonest due first (then by case id)."""
    flagged = [_assess(case_id, d, today=today, at_risk_days=at_risk_days) for case_id, d in cases]
    return sorted(
        (c for c in flagged if c.status is not DeadlineStatus.ON_TRACK), key=lambda c: (c.due, c.case_id)
    )


def _assess(
    case_id: str, deadlines: Deadlines, *, today: dt.date, at_risk_days: int | None
) -> CaseDeadlineStatus:
    window = (
        at_risk_days
        if at_risk_days is not None
        else load_knowledge().procedure.deadlines.settings.at_risk_days[deadlines.track]
    )
    open_deadlines = [("decision_due", deadlines.decision_due)]
    if deadlines.records_received_on is None:
        open_deadlines.append(("records_due", deadlines.records_due))
    name, due = min(open_deadlines, key=lambda pair: (pair[1], pair[0]))
    days_left = (due - today).days
    if days_left < 0:
        status = DeadlineStatus.OVERDUE
        reason = f"{name} was {due.isoformat()}, {-days_left} day(s) ago"
    elif days_left <= window:
        status = DeadlineStatus.AT_RISK
        reason = f"{name} is {due.isoformat()}, {days_left} day(s) away (at-risk window {window} day(s))"
    else:
        status = DeadlineStatus.ON_TRACK
        reason = f"{name} is {due.isoformat()}, {days_left} day(s) away"
    return CaseDeadlineStatus(
        case_id=case_id, status=status, deadline=name, due=due, days_left=days_left, reason=reason
    )


def _holiday_labels(days: list[dt.date]) -> str:
    labels = [f"{state_holidays(d.year)[d]} ({d.isoformat()})" for d in days]
    return "the state holiday" + ("s " if len(labels) > 1 else " ") + ", ".join(labels)
