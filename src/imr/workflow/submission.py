"""A case as submitted: the case file, the IMR application, and any uploaded record files."""

from __future__ import annotations

import hashlib
import json
import mimetypes
from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import Any

from pydantic import BaseModel, Field

from imr.errors import CaseFileError
from imr.models import CaseFile, Record
from imr.models.application import ImrApplication
from imr.store.repository import NewItem, NewRecord
from imr.store.tables import RecordRow
from imr.workflow.identifiers import check_file_name


class CaseSubmission(BaseModel):
    """POST /cases: a case file and, optionally, the IMR application (then eligibility is checked)."""

    case: CaseFile
    application: ImrApplication | None = Field(
        default=None,
        description="The IMR application; when given, eligibility is checked as the case is received.",
    )


def file_key(path: str) -> str:
    """How a record's `path` finds its uploaded file: by file name."""
    return PurePosixPath(path.replace("\\", "/")).name


def record_files(case: CaseFile, uploads: Mapping[str, bytes]) -> dict[str, bytes]:
    """The uploaded files by `file_key`; refuses two uploads with one name and an upload no record names."""
    files: dict[str, bytes] = {}
    names: dict[str, str] = {}
    for name, data in uploads.items():
        key = check_file_name(file_key(name), field="files")
        if key in files:
            raise CaseFileError(
                f"uploaded files {names[key]!r} and {name!r} are both named {key!r}; records find their "
                "file by name, so give each file its own name",
                path="files",
            )
        files[key], names[key] = data, name
    named = {file_key(record.path) for record in case.records if record.path is not None}
    for key in files:
        if key not in named:
            raise CaseFileError(
                f"uploaded file {names[key]!r} is not named by any record's 'path' (expected: a record "
                f"with path {key!r}, or leave the file out)",
                path="files",
            )
    return files


def complete_application(app: ImrApplication, case: CaseFile, case_id: str) -> ImrApplication:
    """Fill the application's blanks from the case file (items, parties, date of injury)."""
    return app.model_copy(
        update={
            "case_id": app.case_id or case_id,
            "disputed_items": app.disputed_items or [item.request for item in case.items],
            "parties": app.parties or list(case.parties),
            "date_of_injury": app.date_of_injury or case.date_of_injury,
            "expedited": app.expedited or case.expedited,
        }
    )


def new_records(case: CaseFile, files: Mapping[str, bytes]) -> list[NewRecord]:
    """The records to store; a record with a `path` must come with an uploaded file of that name."""
    records: list[NewRecord] = []
    seen: set[str] = set()
    paths: dict[str, str] = {}
    for index, record in enumerate(case.records):
        if record.id in seen:
            raise CaseFileError(f"duplicate record id {record.id!r}", path=f"case.records[{index}].id")
        seen.add(record.id)
        content: bytes | None = None
        media_type: str | None = None
        if record.path is not None:
            name = check_file_name(file_key(record.path), field=f"case.records[{index}].path")
            if paths.setdefault(name, record.path) != record.path:
                raise CaseFileError(
                    f"record {record.id!r} names file {record.path!r} and another record names "
                    f"{paths[name]!r}: both would find the file {name!r} (expected: file names that differ)",
                    path=f"case.records[{index}].path",
                )
            if name not in files:
                raise CaseFileError(
                    f"record {record.id!r} names file {record.path!r} but no uploaded file is named {name!r} "
                    "(expected: upload it with POST /cases/upload, or give the record's 'text')",
                    path=f"case.records[{index}].path",
                )
            content = files[name]
            media_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        records.append(
            NewRecord(
                record_id=record.id,
                kind=record.kind,
                date=record.date,
                title=record.title,
                text=record.text,
                path=record.path,
                media_type=media_type,
                content=content,
            )
        )
    return records


def new_items(case: CaseFile) -> list[NewItem]:
    return [NewItem(request=item.request, ur_decision=item.ur_decision) for item in case.items]


def stored_case_json(case: CaseFile, case_id: str) -> dict[str, Any]:
    """The case file as stored beside its records (record texts and files live in `records`)."""
    data = case.model_dump(mode="json", exclude={"records"})
    data["case_id"] = case_id
    return data


def content_hash(case: CaseFile, application: ImrApplication | None, files: Mapping[str, bytes]) -> str:
    """A fingerprint of a submission: the same submission twice is recognised as one case."""
    payload = {
        "case": case.model_dump(mode="json", exclude={"case_id"}),
        "application": application.model_dump(mode="json", exclude={"case_id"}) if application else None,
        "files": {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())},
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def rebuild_case(case_json: dict[str, Any], records: list[RecordRow]) -> CaseFile:
    """The case file again, from its stored parts. Records with files point at `file_key(path)`."""
    data = dict(case_json)
    data["records"] = [
        Record(
            id=row.record_id,
            kind=row.kind,
            date=row.date,
            title=row.title,
            text=row.text,
            path=file_key(row.path) if row.path is not None else None,
        ).model_dump(mode="json", exclude_none=True)
        for row in records
    ]
    return CaseFile.model_validate(data)
