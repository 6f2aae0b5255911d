"""Reading CASES.jsonl: good lines count, bad lines are reported by file, line and JSON path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from imr.analytics.evaluation import CitationKey, parse_labelled_line, read_labelled_cases
from imr.errors import CaseFileError
from imr.models import Decision

CASE = {"records": [{"id": "r1", "text": "Note."}], "items": [{"request": "Acupuncture 6 visits"}]}


def line(**extra: object) -> str:
    return json.dumps({**CASE, **extra})


def test_one_decision_for_a_one_item_case_and_full_entries() -> None:
    assert parse_labelled_line(line(expected="upheld"), file="c.jsonl", lineno=1).expected[0].decision == (
        Decision.UPHELD
    )
    full = parse_labelled_line(
        line(expected=[{"decision": "Overturned", "citation": {"source": "MTUS", "pages": "60"}}]),
        file="c.jsonl",
        lineno=1,
    )
    assert full.expected[0].decision == Decision.OVERTURNED
    assert full.expected[0].citation == CitationKey("MTUS", "60")


@pytest.mark.parametrize(
    ("text", "path", "message"),
    [
        (line(), "expected", "required field is missing"),
        (line(expected=["Upheld", "Upheld"]), "expected", "2 expected decisions for 1 items"),
        (line(expected="Maybe"), "expected[0]", "unknown decision 'Maybe'"),
        (
            line(expected=[{"decision": "Upheld", "citation": {"pages": "1"}}]),
            "expected[0].citation",
            "source",
        ),
        (json.dumps({"items": [{"request": "x"}], "expected": "Upheld"}), "records", "missing"),
        ("{not json", None, "not valid JSON"),
    ],
)
def test_bad_lines_name_file_line_and_path(text: str, path: str | None, message: str) -> None:
    with pytest.raises(CaseFileError) as err:
        parse_labelled_line(text, file="cases.jsonl", lineno=7)
    assert err.value.file == "cases.jsonl:7"
    assert err.value.path == path
    assert message in str(err.value)


def test_reading_keeps_good_lines_and_reports_bad_ones(tmp_path: Path) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join([line(expected="Upheld"), "", line(), line(expected="Overturned")]) + "\n")
    cases, errors = read_labelled_cases(path)
    assert [c.expected[0].decision for c in cases] == [Decision.UPHELD, Decision.OVERTURNED]
    assert [e.file for e in errors] == [f"{path}:3"]


def test_expected_entries_carry_phase_reason_and_review() -> None:
    lc = parse_labelled_line(
        line(expected=[{"decision": "needs_review", "phase": "initial", "reason": "inconsistent_record"}]),
        file="c.jsonl",
        lineno=1,
    )
    entry = lc.expected[0]
    assert entry.decision is None
    assert (entry.phase, entry.phase_given, entry.reason) == ("initial", True, "inconsistent_record")
    plain = parse_labelled_line(line(expected="Upheld"), file="c.jsonl", lineno=1)
    assert plain.expected[0].phase_given is False


def test_an_unknown_phase_is_refused_with_its_path() -> None:
    with pytest.raises(CaseFileError) as err:
        bad = line(expected=[{"decision": "Upheld", "phase": "later"}])
        parse_labelled_line(bad, file="c.jsonl", lineno=3)
    assert err.value.path == "expected[0].phase"
    assert "unknown phase 'later'" in str(err.value)


def test_a_line_nested_too_deeply_is_reported_and_the_others_count(tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    deep = '{"expected": "Upheld", "records": ' + "[" * 50_000 + "]" * 50_000 + "}"
    cases.write_text("\n".join([line(expected="Upheld"), deep, line(expected="Overturned")]) + "\n")
    good, bad = read_labelled_cases(cases)
    assert [case.expected[0].decision for case in good] == [Decision.UPHELD, Decision.OVERTURNED]
    [error] = bad
    assert "cases.jsonl:2" in str(error) and "nested too deeply" in str(error) and error.path == "$"
