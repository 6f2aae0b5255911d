from __future__ import annotations

import json
from pathlib import Path

import pytest

from imr.errors import CaseFileError
from imr.intake import load_case_file

GOOD = {
    "case_id": "CM15-0000001",
    "worker": {"age": 46, "sex": "male"},
    "date_of_injury": "2008-11-06",
    "records": [{"id": "r1", "kind": "progress_report", "text": "Neck pain."}],
    "items": [{"request": "Acupuncture 15 visits", "ur_decision": "non-certified"}],
}


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(data))
    return path


def test_a_valid_case_file_loads(tmp_path: Path) -> None:
    case = load_case_file(write(tmp_path, GOOD))
    assert case.items[0].request == "Acupuncture 15 visits"
    assert case.date_of_injury is not None and case.date_of_injury.year == 2008


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        (lambda d: d["items"][0].pop("request"), "items[0].request"),
        (lambda d: d.__setitem__("items", []), "items"),
        (lambda d: d["records"][0].pop("text"), "records[0]"),
        (lambda d: d.__setitem__("date_of_injury", "11/6/2008"), "date_of_injury"),
        (lambda d: d["worker"].__setitem__("age", -3), "worker.age"),
    ],
)
def test_a_broken_field_is_named_by_file_and_json_path(tmp_path: Path, mutate: object, path: str) -> None:
    data = json.loads(json.dumps(GOOD))
    mutate(data)  # type: ignore[operator]
    file = write(tmp_path, data)
    with pytest.raises(CaseFileError) as info:
        load_case_file(file)
    assert info.value.path == path
    assert str(file) in str(info.value)


def test_invalid_json_names_line_and_column(tmp_path: Path) -> None:
    file = tmp_path / "bad.json"
    file.write_text('{"records": [}')
    with pytest.raises(CaseFileError, match="line 1 column"):
        load_case_file(file)


def test_a_record_without_text_or_path_says_what_a_record_needs(tmp_path: Path) -> None:
    data = json.loads(json.dumps(GOOD))
    data["records"][0].pop("text")
    with pytest.raises(CaseFileError) as info:
        load_case_file(write(tmp_path, data))
    message = str(info.value)
    assert "a record needs 'text' or 'path'" in message
    assert "value_error" not in message and "Value error" not in message
