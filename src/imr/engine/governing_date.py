"""Which date governs an item: the one policy for picking the guideline edition in force.

The MTUS edition applied is the one in force on the date of the request for authorization (the
RFA); when the case does not give it, the UR decision date stands in for it (UR decides within days
of the request). Order, first present wins:

1. the item's own ``request_date``;
2. the case's ``request_date``;
3. the UR decision date (``ur.date``);
4. the ``--as-of`` date given by the caller;
5. today.

A governing date after today, or before the date of injury, is kept (the draft still comes out) but
stated as a problem: case-wide dates by `case_date_problems`, item or caller dates here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from imr.models import CaseFile, ItemRequest

BASIS_ITEM_REQUEST = "item request date"
BASIS_CASE_REQUEST = "case request date"
BASIS_UR_DECISION = "UR decision date"
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
) -> GoverningDate:
    """The date that governs `item` of `case` (or the case as a whole when `item` is None)."""
    today = today or dt.date.today()
    candidates: list[tuple[dt.date | None, str]] = [
        (item.request_date if item is not None else None, BASIS_ITEM_REQUEST),
        (case.request_date, BASIS_CASE_REQUEST),
        (case.ur.date if case.ur is not None else None, BASIS_UR_DECISION),
        (as_of, BASIS_AS_OF),
    ]
    date, basis = next(((d, b) for d, b in candidates if d is not None), (today, BASIS_TODAY))
    assert date is not None
    problems: list[str] = []
    if basis in (BASIS_ITEM_REQUEST, BASIS_CASE_REQUEST, BASIS_UR_DECISION):
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
