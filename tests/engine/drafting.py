"""Drafting one disputed item from a few records written inline: the setup engine tests share."""

from __future__ import annotations

import datetime as dt
from typing import Any

from imr.engine import draft
from imr.knowledge import load_knowledge
from imr.models import CaseFile, ItemDetermination

KNOWLEDGE = load_knowledge()


def record(rid: str, kind: str, date: str, text: str, **more: Any) -> dict[str, Any]:
    """One record of a case file (`more`: author, title)."""
    return {"id": rid, "kind": kind, "date": date, "text": text, **more}


def draft_item(
    request: str,
    records: list[dict[str, Any]],
    *,
    ur_date: str,
    injury: str = "2013-01-10",
    as_of: dt.date | None = None,
    age: int | None = None,
) -> ItemDetermination:
    """The draft of the one item `request`, UR-denied on `ur_date`, from `records` (of a worker of
    `age`, when given)."""
    case = CaseFile.model_validate(
        {
            "case_id": "T-1",
            **({"worker": {"age": age}} if age is not None else {}),
            "ur": {"date": ur_date},
            "date_of_injury": injury,
            "records": records,
            "items": [{"request": request, "ur_decision": "non-certified"}],
        }
    )
    return draft(case, as_of=as_of, knowledge=KNOWLEDGE).items[0]


def criterion_result(request: str, text: str, *, on: str, ur_date: str, criterion: str) -> str:
    """The result of the criterion whose id ends with `criterion` in the draft of `request` from one
    progress report of `on`."""
    item = draft_item(request, [record("p1", "progress_report", on, text)], ur_date=ur_date)
    found = [c for c in item.criteria if c.id.endswith(criterion)]
    assert found, [c.id for c in item.criteria]
    return found[0].result
