"""Which date governs an item: the one policy for picking the guideline edition in force.

The MTUS edition applied is the one in force on the date of the request for authorization (the
RFA); when the case does not give it, the UR decision date stands in for it (UR decides within days
of the request). Order, first present wins:

1. the item's own ``request_date``;
2. the case's ``request_date``;
3. the UR decision date (``ur.date``);
4. the date of the latest Request for Authorization record, then of the latest UR decision record
   (a case file that gives its dates only on the records it holds: their kinds, or their headings,
   say which they are, as nlp/record_roles.yaml and nlp/ur_decision.yaml read them);
5. the ``--as-of`` date given by the caller;
6. today.

A governing date after today, or before the date of injury, is kept (the draft still comes out) but
stated as a problem: case-wide dates by `case_date_problems`, item or caller dates here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from imr.facts.roles import RecordRole, normalize_kind, role_rules
from imr.knowledge import Knowledge
from imr.models import CaseFile, ItemRequest

BASIS_ITEM_REQUEST = "item request date"
BASIS_CASE_REQUEST = "case request date"
BASIS_UR_DECISION = "UR decision date"
BASIS_RFA_RECORD = "date of the Request for Authorization record"
BASIS_UR_RECORD = "date of the UR decision record"
BASIS_AS_OF = "as-of date given by the caller"
BASIS_TODAY = "today's date (the case gives no request or UR date)"


@dataclass(frozen=True)
class GoverningDate:
    """The date an item is judged on, why that date, and what is wrong with it."""

    date: dt.date
    basis: str
    problems: list[str] = field(default_factory=list)


def governing_date(
    case: CaseFile,
    item: ItemRequest | None = None,
    *,
    as_of: dt.date | None = None,
    today: dt.date | None = None,
    knowledge: Knowledge | None = None,
) -> GoverningDate:
    """The date that governs `item` of `case` (or the case as a whole when `item` is None); the
    records' own dates are read only with `knowledge` (which kinds are RFAs and UR decisions)."""
    today = today or dt.date.today()
    rfa, ur_record = _record_dates(case, knowledge) if knowledge is not None else (None, None)
    candidates: list[tuple[dt.date | None, str]] = [
        (item.request_date if item is not None else None, BASIS_ITEM_REQUEST),
        (case.request_date, BASIS_CASE_REQUEST),
        (case.ur.date if case.ur is not None else None, BASIS_UR_DECISION),
        (rfa, BASIS_RFA_RECORD),
        (ur_record, BASIS_UR_RECORD),
        (as_of, BASIS_AS_OF),
    ]
    date, basis = next(((d, b) for d, b in candidates if d is not None), (today, BASIS_TODAY))
    assert date is not None
    problems: list[str] = []
    if basis in (
        BASIS_ITEM_REQUEST,
        BASIS_CASE_REQUEST,
        BASIS_UR_DECISION,
        BASIS_RFA_RECORD,
        BASIS_UR_RECORD,
    ):
        # Already stated once for the whole case by case_date_problems.
        return GoverningDate(date=date, basis=basis)
    if date > today:
        problems.append(f"the governing date {date.isoformat()} ({basis}) is in the future")
    injury = case.date_of_injury
    if injury is not None and date < injury:
        problems.append(
            f"the governing date {date.isoformat()} ({basis}) is before the date of injury "
            f"{injury.isoformat()}"
        )
    return GoverningDate(date=date, basis=basis, problems=problems)


def _record_dates(case: CaseFile, knowledge: Knowledge) -> tuple[dt.date | None, dt.date | None]:
    """The latest dated Request for Authorization record and the latest dated UR decision record."""
    roles = role_rules(knowledge)
    ur = knowledge.nlp.ur_decision
    ur_kinds = {normalize_kind(kind) for kind in ur.record_kinds}
    rfa: list[dt.date] = []
    decided: list[dt.date] = []
    for record in case.records:
        if record.date is None:
            continue
        role, _ = roles.role(record.kind, record.text or "")
        heading = None if roles.knows(record.kind) else roles.heading(record.text or "")
        if role is RecordRole.REQUEST:
            rfa.append(record.date)
        elif normalize_kind(record.kind) in ur_kinds or (
            heading is not None and heading[1] in ur.record_headings
        ):
            decided.append(record.date)
    return max(rfa, default=None), max(decided, default=None)


def case_date_problems(case: CaseFile, *, today: dt.date | None = None) -> list[str]:
    """Dates in the case file that cannot be right: in the future, or before the injury."""
    today = today or dt.date.today()
    injury = case.date_of_injury
    problems: list[str] = []
    if injury is not None and injury > today:
        problems.append(f"date_of_injury {injury.isoformat()} is in the future")
    dated: list[tuple[str, dt.date | None]] = [
        ("request_date", case.request_date),
        ("ur.date", case.ur.date if case.ur is not None else None),
    ]
    dated += [(f"records[{i}].date ({r.id})", r.date) for i, r in enumerate(case.records)]
    dated += [(f"items[{i}].request_date", it.request_date) for i, it in enumerate(case.items)]
    for where, date in dated:
        if date is None:
            continue
        if date > today:
            problems.append(f"{where} {date.isoformat()} is in the future")
        if injury is not None and date < injury:
            problems.append(f"{where} {date.isoformat()} is before the date of injury {injury.isoformat()}")
    return problems
