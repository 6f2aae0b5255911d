"""What the pages show beyond the service's views: the worker, item counts and the records' text.

Callers read these only for cases the service has already let the caller see.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from imr.errors import RecordReadError
from imr.intake.records import read_record
from imr.models.case import Record
from imr.store.store import Store
from imr.store.tables import CaseRow, ItemRow, RecordRow
from imr.workflow.submission import file_key


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
    """A listed case's worker and number of disputed items."""

    worker: Worker
    items: int


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
    """Worker and item count for each of `case_ids`, in two queries."""
    if not case_ids:
        return {}
    with store.reading() as repo:
        session = repo.session
        cases = session.execute(
            select(CaseRow.id, CaseRow.case_id, CaseRow.case_json).where(CaseRow.case_id.in_(case_ids))
        ).all()
        counted = session.execute(
            select(ItemRow.case_pk, func.count(ItemRow.id))
            .where(ItemRow.case_pk.in_([pk for pk, _, _ in cases]))
            .group_by(ItemRow.case_pk)
        )
        counts: dict[int, int] = {int(pk): int(n) for pk, n in counted}
    return {cid: ListExtras(worker_of(data), counts.get(pk, 0)) for pk, cid, data in cases}


def case_details(store: Store, case_id: str) -> tuple[Worker, list[RecordText]]:
    """The worker and every record's text, in record order."""
    with store.reading() as repo:
        row = repo.get_case(case_id)
        worker = worker_of(row.case_json)
        records = [_text(r) for r in repo.records(row)]
    return worker, records


def _text(row: RecordRow) -> RecordText:
    date = row.date.isoformat() if row.date else None
    if row.text is not None:
        return RecordText(row.record_id, row.kind, row.title, date, row.text)
    if row.content is None or row.path is None:
        return RecordText(
            row.record_id, row.kind, row.title, date, "", "the record has neither text nor file"
        )
    try:
        text = _file_text(row.record_id, file_key(row.path), row.content)
    except RecordReadError as exc:
        return RecordText(row.record_id, row.kind, row.title, date, "", str(exc))
    return RecordText(row.record_id, row.kind, row.title, date, text)


@lru_cache(maxsize=32)
def _file_text(record_id: str, name: str, content: bytes) -> str:
    # The same reader the engine used, so evidence offsets point into the same text.
    with tempfile.TemporaryDirectory(prefix="imr-web-") as folder:
        (Path(folder) / name).write_bytes(content)
        return read_record(Record(id=record_id, path=name), base_dir=Path(folder)).text
