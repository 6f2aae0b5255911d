"""What the pages show beyond the service's views: the worker, item counts and the records' text.

Callers read these only for cases the service has already let the caller see.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from imr.models import CaseFile
from imr.store.store import Store
from imr.store.tables import CaseRow, ItemRow, RecordRow
from imr.workflow.submission import rebuild_case
from imr.workflow.texts import stored_text


@dataclass(frozen=True, slots=True)
class Worker:
    age: int | None = None
    sex: str | None = None

    @property
    def label(self) -> str:
        parts = [f"{self.age} y" if self.age is not None else "", self.sex or ""]
        return ", ".join(p for p in parts if p) or "not stated"


@dataclass(frozen=True, slots=True)
class ListExtras:
    """A listed case's worker and its disputed items' requests."""

    worker: Worker
    requests: tuple[str, ...] = ()

    @property
    def items(self) -> int:
        return len(self.requests)


@dataclass(frozen=True, slots=True)
class RecordText:
    """A record's readable text, or why there is none."""

    record_id: str
    kind: str
    title: str | None
    date: str | None
    text: str
    problem: str | None = None


def worker_of(case_json: dict[str, Any]) -> Worker:
    data = case_json.get("worker") or {}
    age = data.get("age")
    sex = data.get("sex")
    return Worker(age=age if isinstance(age, int) else None, sex=sex if isinstance(sex, str) else None)


def list_extras(store: Store, case_ids: Sequence[str]) -> dict[str, ListExtras]:
    """Worker and requests for each of `case_ids`, in two queries."""
    if not case_ids:
        return {}
    with store.reading() as repo:
        session = repo.session
        cases = session.execute(
            select(CaseRow.id, CaseRow.case_id, CaseRow.case_json).where(CaseRow.case_id.in_(case_ids))
        ).all()
        rows = session.execute(
            select(ItemRow.case_pk, ItemRow.request)
            .where(ItemRow.case_pk.in_([pk for pk, _, _ in cases]))
            .order_by(ItemRow.case_pk, ItemRow.position)
        )
        requests: dict[int, list[str]] = {}
        for pk, request in rows:
            requests.setdefault(int(pk), []).append(" ".join(str(request).split()))
    return {cid: ListExtras(worker_of(data), tuple(requests.get(pk, []))) for pk, cid, data in cases}


def case_details(store: Store, case_id: str) -> tuple[Worker, list[RecordText], CaseFile]:
    """The worker, every record's text (in record order) and the case file."""
    with store.reading() as repo:
        row = repo.get_case(case_id)
        worker = worker_of(row.case_json)
        rows = repo.records(row)
        records = [_text(r) for r in rows]
        case = rebuild_case(row.case_json, rows)
    return worker, records, case


def _text(row: RecordRow) -> RecordText:
    date = row.date.isoformat() if row.date else None
    text, problem = stored_text(row)
    return RecordText(row.record_id, row.kind, row.title, date, text, problem)


def case_summary_of(store: Store, case_id: str) -> str | None:
    """The reviewer's own case summary, if they wrote one."""
    with store.reading() as repo:
        return repo.get_case(case_id).case_summary
