"""`imr decide` over a batch: every per-file failure is one line naming the file, the field and what
was expected; the other files are still decided; exit status 2. Output names from case ids are
safe and bounded."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import imr.engine.batch
from imr.cli import app
from imr.commands.file_names import MAX_NAME, safe_name
from imr.intake.json_text import MAX_DEPTH

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
runner = CliRunner()


@pytest.fixture()
def good(tmp_path: Path) -> Path:
    case = json.loads((EXAMPLES / "case-demo.json").read_text())
    case["case_id"] = "GOOD-1"
    case["items"] = [case["items"][2]]  # omeprazole: decided from the records
    path = tmp_path / "good.json"
    path.write_text(json.dumps(case))
    return path


def _variant(good: Path, name: str, **changes: object) -> Path:
    case = json.loads(good.read_text()) | changes
    path = good.with_name(name)
    path.write_text(json.dumps(case))
    return path


def _error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error:")]


def _assert_good_still_decided(result_stdout: str) -> None:
    decided = [json.loads(line)["case_id"] for line in result_stdout.splitlines() if line.startswith("{")]
    assert decided == ["GOOD-1"]


def test_json_too_deep_for_the_decoder_is_one_line_and_the_batch_goes_on(good: Path) -> None:
    deep = good.with_name("deep.json")
    deep.write_text('{"records": ' + "[" * 100_000 + "]" * 100_000 + "}")
    result = runner.invoke(app, ["decide", str(deep), str(good)])
    assert result.exit_code == 2, result.output
    [line] = _error_lines(result.stderr)
    assert "deep.json" in line and "at $" in line and "nested too deeply" in line and "expected:" in line
    assert "Traceback" not in result.output
    _assert_good_still_decided(result.stdout)


def test_json_deeper_than_the_limit_is_refused_with_its_path(good: Path) -> None:
    nested: object = 1
    for _ in range(MAX_DEPTH + 5):
        nested = [nested]
    deep = _variant(good, "nested.json", extra=nested)
    result = runner.invoke(app, ["decide", str(deep), str(good)])
    assert result.exit_code == 2, result.output
    [line] = _error_lines(result.stderr)
    assert "nested.json" in line and "at extra[0][0]" in line and f"more than {MAX_DEPTH} levels" in line
    _assert_good_still_decided(result.stdout)


def test_a_300_character_case_id_gets_a_bounded_file_name(good: Path, tmp_path: Path) -> None:
    long_id = "CM15-" + "9" * 295
    other_long_id = "CM15-" + "9" * 294 + "8"  # same beginning: must not overwrite the first
    cases = [
        _variant(good, "long.json", case_id=long_id),
        _variant(good, "long2.json", case_id=other_long_id),
    ]
    out = tmp_path / "out"
    result = runner.invoke(app, ["decide", *map(str, cases), str(good), "-o", str(out)])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 3 and "GOOD-1.json" in names
    assert all(len(Path(name).stem) <= MAX_NAME for name in names)
    written = {json.loads((out / name).read_text())["case_id"] for name in names}
    assert written == {long_id, other_long_id, "GOOD-1"}


def test_safe_names() -> None:
    assert safe_name("CM15-0104417", "file") == "CM15-0104417"
    assert safe_name("../../etc/passwd", "file") == "etc_passwd"
    assert safe_name("...", "case-file") == "case-file"
    assert safe_name(None, "") == "case"
    long = safe_name("x" * 5000, "file")
    assert len(long) == MAX_NAME and long != safe_name("x" * 4999, "file")


def test_a_file_that_cannot_be_written_is_one_line_and_the_others_are_written(
    good: Path, tmp_path: Path
) -> None:
    other = _variant(good, "other.json", case_id="OTHER-2")
    out = tmp_path / "out"
    (out / "GOOD-1.json").mkdir(parents=True)  # the target name is taken by a folder: IsADirectoryError
    result = runner.invoke(app, ["decide", str(good), str(other), "-o", str(out)])
    assert result.exit_code == 2, result.output
    [line] = _error_lines(result.stderr)
    assert "good.json" in line and "cannot write" in line and "GOOD-1.json" in line and "expected:" in line
    assert json.loads((out / "OTHER-2.json").read_text())["case_id"] == "OTHER-2"


def test_permission_denied_is_one_line_and_the_batch_goes_on(
    good: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = _variant(good, "locked.json", case_id="LOCKED")
    if os.geteuid() != 0:
        locked.chmod(0)
    else:  # root reads any file: make the read fail as it does for everyone else
        real = Path.read_text

        def read_text(self: Path, *args: object, **kwargs: object) -> str:
            if self.name == "locked.json":
                raise PermissionError(13, "Permission denied", str(self))
            return real(self, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(Path, "read_text", read_text)
    result = runner.invoke(app, ["decide", str(locked), str(good)])
    assert result.exit_code == 2, result.output
    [line] = _error_lines(result.stderr)
    assert "locked.json" in line and "Permission denied" in line and "expected: a readable JSON file" in line
    _assert_good_still_decided(result.stdout)


def test_unreadable_or_missing_record_files_are_one_line_each_naming_the_record_field(
    good: Path, tmp_path: Path
) -> None:
    records = json.loads(good.read_text())["records"]
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\nnot really a PDF")
    bad_pdf = _variant(
        good, "bad-pdf.json", case_id="BAD-PDF", records=[*records, {"id": "x", "path": "broken.pdf"}]
    )
    missing = _variant(
        good, "missing.json", case_id="MISSING", records=[{"id": "y", "path": "gone.txt"}, *records]
    )
    result = runner.invoke(app, ["decide", str(bad_pdf), str(missing), str(good)])
    assert result.exit_code == 2, result.output
    first, second = _error_lines(result.stderr)
    assert (
        "bad-pdf.json" in first
        and f"records[{len(records)}].path" in first
        and "cannot open the PDF" in first
    )
    assert "missing.json" in second and "records[0].path" in second and "file not found" in second
    assert "expected: a readable text or PDF file" in second
    _assert_good_still_decided(result.stdout)


def test_an_unexpected_error_in_one_file_is_reported_and_the_others_are_decided(
    good: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    buggy = _variant(good, "buggy.json", case_id="BUGGY")
    real = imr.engine.batch.draft

    def draft(case, *args, **kwargs):  # type: ignore[no-untyped-def]
        if case.case_id == "BUGGY":
            raise ValueError("a bug in the engine")
        return real(case, *args, **kwargs)

    monkeypatch.setattr(imr.engine.batch, "draft", draft)
    result = runner.invoke(app, ["decide", str(buggy), str(good), "--workers", "1"])
    assert result.exit_code == 2, result.output
    [line] = _error_lines(result.stderr)
    assert "buggy.json" in line and "unexpected ValueError" in line
    _assert_good_still_decided(result.stdout)


def test_the_example_still_decides(tmp_path: Path) -> None:
    demo = tmp_path / "demo.json"
    shutil.copy(EXAMPLES / "case-demo.json", demo)
    assert runner.invoke(app, ["decide", str(demo)]).exit_code in (0, 3)
