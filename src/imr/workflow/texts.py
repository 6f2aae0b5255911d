"""The text of stored records, read by the same reader as the engine so that evidence offsets point
into the same text: for the letter (UR record, case summary) and for the reviewer's pages."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from imr.errors import RecordReadError
from imr.intake.records import read_record
from imr.models.case import Record
from imr.store.tables import RecordRow
from imr.workflow.submission import file_key


def stored_text(row: RecordRow) -> tuple[str, str | None]:
    """A stored record's text, and why there is none (then the text is empty)."""
    if row.text is not None:
        return row.text, None
    if row.content is None or row.path is None:
        return "", "the record has neither text nor file"
    try:
        return _file_text(row.record_id, file_key(row.path), row.content), None
    except RecordReadError as exc:
        return "", str(exc)


def case_texts(rows: Sequence[RecordRow]) -> dict[str, str]:
    """Each readable stored record's text, by record id."""
    texts = {row.record_id: stored_text(row) for row in rows}
    return {record: text for record, (text, problem) in texts.items() if problem is None}


@lru_cache(maxsize=32)
def _file_text(record_id: str, name: str, content: bytes) -> str:
    with tempfile.TemporaryDirectory(prefix="imr-text-") as folder:
        (Path(folder) / name).write_bytes(content)
        return read_record(Record(id=record_id, path=name), base_dir=Path(folder)).text
