"""`imr facts extract CASE.json`."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from imr.cli import app


def write_case(tmp_path: Path) -> Path:
    (tmp_path / "note.txt").write_text("Work status was not noted. She denies numbness.", encoding="utf-8")
    case = {
        "ur": {"date": "2015-03-13"},
        "records": [
            {"id": "r1", "text": "Flexeril has been prescribed for at least two months."},
            {"id": "r2", "path": "note.txt"},
            {"id": "r3", "path": "missing.pdf"},
        ],
        "items": [{"request": "Flexeril 5mg #60"}],
    }
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    return path


def test_json_output_has_facts_derived_and_warnings(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["facts", "extract", str(write_case(tmp_path)), "--format", "json"])
    data = json.loads(result.stdout)
    assert (
        data["derived"]["medication_duration_days.cyclobenzaprine"]["value"],
        [w["record"] for w in data["warnings"]],
    ) == (60, ["r3"])


def test_text_output_lists_modifiers_with_their_cue(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["facts", "extract", str(write_case(tmp_path))])
    assert "negated ('denies')" in result.stdout


def test_missing_case_file_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["facts", "extract", str(tmp_path / "nope.json")])
    assert result.exit_code == 2 and "file not found" in result.stderr


def test_bad_as_of_date_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["facts", "extract", str(write_case(tmp_path)), "--as-of", "March"])
    assert result.exit_code == 2
