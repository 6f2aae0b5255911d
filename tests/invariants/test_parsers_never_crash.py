"""Every parser of outside input fails only with an ImrError (a clear message naming the input),
never with another exception, whatever it is given: the case-file JSON loader, the published-letter
parser, record reading (text and PDF), the request normalizer and the date readers.

Hypothesis generates the inputs: arbitrary text and bytes, and mutations of valid inputs (a real case
file, a real letter, a real PDF) so that the search reaches past the first check of each parser.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from imr.errors import ImrError
from imr.facts.dates import find_dates, find_loose_dates
from imr.intake import load_case_file, parse_case_file
from imr.intake.json_text import loads
from imr.intake.records import read_record
from imr.items.normalize import normalize_request
from imr.knowledge import Knowledge
from imr.models.case import Record
from imr.published import parse_letter_file, parse_letter_text
from imr.published.dates import parse_date

ROOT = Path(__file__).resolve().parents[2]
DEMO = json.loads((ROOT / "examples" / "case-demo.json").read_text())
SEEDS = sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt")) or sorted(
    (ROOT.parent / "shared" / "seeds").glob("*.txt")
)
LETTER = SEEDS[0].read_text(encoding="utf-8") if SEEDS else "IMR ISSUES, DECISIONS AND RATIONALES\n"
FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=30,
)
case_keys = st.sampled_from(
    [
        "case_id",
        "records",
        "items",
        "date_of_injury",
        "parties",
        "request",
        "id",
        "text",
        "path",
        "kind",
        "date",
        "age",
        "sex",
        "ur_decision",
        "request_date",
    ]
)


def _mutated_case(draw: st.DrawFn) -> dict[str, Any]:
    """The demo case file with a few fields replaced by arbitrary JSON, at any depth."""
    case: Any = json.loads(json.dumps(DEMO))
    for _ in range(draw(st.integers(1, 4))):
        target = case
        for _ in range(draw(st.integers(0, 3))):
            if isinstance(target, dict) and target:
                child = target[draw(st.sampled_from(sorted(target)))]
            elif isinstance(target, list) and target:
                child = target[draw(st.integers(0, len(target) - 1))]
            else:
                break
            if not isinstance(child, dict | list):
                break
            target = child
        value = draw(json_values)
        if isinstance(target, dict):
            target[draw(case_keys | st.sampled_from(sorted(target) or ["x"]))] = value
        elif isinstance(target, list) and target:
            target[draw(st.integers(0, len(target) - 1))] = value
    return dict(case) if isinstance(case, dict) else {}


mutated_cases = st.composite(_mutated_case)()


def _only_imr_errors(call: Any, *args: Any, **kwargs: Any) -> None:
    """Call; an ImrError is an answer (bad input said clearly), any other exception fails the test."""
    with contextlib.suppress(ImrError):
        call(*args, **kwargs)


@FUZZ
@given(st.text(max_size=400))
def test_case_file_json_text(text: str) -> None:
    _only_imr_errors(lambda: parse_case_file(loads(text)))


@FUZZ
@given(json_values)
def test_case_file_any_json(data: Any) -> None:
    _only_imr_errors(parse_case_file, data)


@FUZZ
@given(mutated_cases)
def test_case_file_mutations_of_a_valid_case(case: dict[str, Any]) -> None:
    _only_imr_errors(parse_case_file, case)


@FUZZ
@given(st.binary(max_size=400) | st.integers(1, 3000).map(lambda n: b"[" * n + b"]" * n))
def test_case_file_on_disk(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "case.json"
        path.write_bytes(raw)
        _only_imr_errors(load_case_file, path)


def _letter_mutation(draw: st.DrawFn) -> str:
    lines = LETTER.splitlines()
    for _ in range(draw(st.integers(1, 6))):
        action = draw(st.sampled_from(["drop", "replace", "insert", "truncate"]))
        index = draw(st.integers(0, max(0, len(lines) - 1)))
        if action == "drop" and lines:
            del lines[index]
        elif action == "replace" and lines:
            lines[index] = draw(st.text(max_size=80))
        elif action == "insert":
            lines.insert(index, draw(st.text(max_size=80) | st.sampled_from(lines or [""])))
        else:
            lines = lines[:index]
    return "\n".join(lines)


letter_mutations = st.composite(_letter_mutation)()


@FUZZ
@given(st.text(max_size=600) | letter_mutations)
def test_published_letter_text(text: str) -> None:
    _only_imr_errors(parse_letter_text, text, source="fuzz.txt")


def _pdf(text: str) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.pdf"
        pdf = canvas.Canvas(str(path), pagesize=letter)
        for number, line in enumerate(text.splitlines()[:40]):
            pdf.drawString(72, 720 - 16 * number, line[:90])
        pdf.showPage()
        pdf.save()
        return path.read_bytes()


PDF = _pdf(LETTER)
pdf_mutations = st.tuples(st.integers(0, len(PDF)), st.binary(min_size=1, max_size=40)).map(
    lambda cut: PDF[: cut[0]] + cut[1] + PDF[cut[0] + len(cut[1]) :]
)
file_bytes = (
    st.binary(max_size=600) | st.binary(max_size=300).map(lambda b: b"%PDF-1.7\n" + b) | pdf_mutations
)


@FUZZ
@given(file_bytes, st.sampled_from(["letter.txt", "letter.pdf", "letter"]))
def test_published_letter_file(raw: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(raw)
        _only_imr_errors(parse_letter_file, path)


@FUZZ
@given(file_bytes, st.sampled_from(["note.txt", "note.pdf", "note"]))
def test_record_files(raw: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / name).write_bytes(raw)
        _only_imr_errors(read_record, Record(id="r1", path=name), base_dir=Path(folder))


requests = st.text(max_size=120) | st.lists(
    st.sampled_from(
        [
            "Norco",
            "10/325mg",
            "#90",
            "x",
            "MRI",
            "lumbar",
            "PT",
            "2x6",
            "visits",
            "-",
            "/",
            "  ",
            "Flexeril 5mg #60",
            "q8h",
            "0",
            "99999999999999999999",
            "1.5.2",
            "(",
            ")",
            "%",
            "mg/mL",
        ]
    ),
    max_size=10,
).map(" ".join)


@pytest.fixture(scope="module")
def kb(knowledge: Knowledge) -> Knowledge:
    return knowledge


@FUZZ
@given(text=requests)
def test_request_normalizer(kb: Knowledge, text: str) -> None:
    _only_imr_errors(normalize_request, text, kb)


date_texts = st.text(max_size=120) | st.lists(
    st.sampled_from(
        [
            "2/30/2015",
            "13/45/99",
            "0/0/0000",
            "2015-02-31",
            "9999-99-99",
            "May 6, 2015",
            "Sept 31 2014",
            "December 2014",
            "3/2014",
            "in 2012",
            "00/00/00",
            "02/29/2100",
            "1/1/1",
            "Feb. 30th, 2016",
            "since",
            "on",
            " ",
            "-",
            "/",
        ]
    ),
    max_size=8,
).map(" ".join)


@FUZZ
@given(text=date_texts, pivot=st.integers(0, 99))
def test_date_readers(text: str, pivot: int) -> None:
    low = text.lower()
    for found in (find_dates(low, pivot=pivot), find_loose_dates(low, pivot=pivot)):
        assert all(isinstance(d.date, dt.date) and 0 <= d.start <= d.end <= len(low) for d in found)
    result = parse_date(text)
    assert result is None or isinstance(result, dt.date)
