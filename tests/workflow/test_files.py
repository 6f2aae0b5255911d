"""Uploaded record files: each record gets its own file, and no upload is dropped unseen."""

from __future__ import annotations

import re
from typing import Any

import pytest

from imr.errors import CaseFileError
from imr.store.store import Store
from imr.workflow.submission import CaseSubmission
from store.databases import INTAKE
from store.samples import submission
from workflow.helpers import CASE_ID, service


def with_file_records(*paths: str) -> CaseSubmission:
    body: dict[str, Any] = submission(CASE_ID)
    for n, path in enumerate(paths, start=3):
        body["case"]["records"].append({"id": f"r{n}", "kind": "other", "path": path})
    return CaseSubmission.model_validate(body)


def test_two_uploads_with_one_file_name_are_refused(store: Store) -> None:
    case = with_file_records("a/report.txt")
    files = {"a/report.txt": b"first", "b/report.txt": b"second"}
    with pytest.raises(CaseFileError, match=re.escape("'a/report.txt' and 'b/report.txt'")) as error:
        service(store).create_case(INTAKE, case, files=files)
    assert error.value.path == "files"


def test_two_records_whose_paths_share_a_file_name_are_refused(store: Store) -> None:
    case = with_file_records("a/report.txt", "b/report.txt")
    with pytest.raises(CaseFileError, match=re.escape("both would find the file 'report.txt'")) as error:
        service(store).create_case(INTAKE, case, files={"report.txt": b"one"})
    assert error.value.path == "case.records[3].path"


def test_an_upload_no_record_names_is_refused(store: Store) -> None:
    case = with_file_records("records/note.txt")
    files = {"note.txt": b"note", "stray.pdf": b"%PDF"}
    with pytest.raises(CaseFileError, match=re.escape("'stray.pdf' is not named by any record")) as error:
        service(store).create_case(INTAKE, case, files=files)
    assert error.value.path == "files"


def test_each_record_keeps_its_own_file(store: Store) -> None:
    case = with_file_records("records/note.txt", "records/mri.txt")
    view, _ = service(store).create_case(INTAKE, case, files={"note.txt": b"note", "mri.txt": b"mri"})
    with store.reading() as repo:
        stored = {r.record_id: r.content for r in repo.records(repo.get_case(view.case_id))}
    assert (stored["r3"], stored["r4"]) == (b"note", b"mri")
