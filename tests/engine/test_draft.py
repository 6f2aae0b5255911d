"""draft(): the one entry point, end to end over the real stages."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

import imr
from imr.engine import draft
from imr.intake import parse_case_file
from imr.knowledge import load_knowledge
from imr.models import CaseFile, Decision

KNOWLEDGE = load_knowledge()

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    return data


def case_of(data: dict[str, Any]) -> CaseFile:
    return parse_case_file(data)


@pytest.fixture(scope="module")
def demo() -> dict[str, Any]:
    return load("case-demo.json")


def test_stamps_versions_documents_and_governing_date(demo: dict[str, Any]) -> None:
    result = draft(case_of(demo), knowledge=KNOWLEDGE)
    assert result.status == "draft"
    assert result.engine_version == imr.__version__
    assert result.knowledge_base_version not in ("", "unavailable")
    assert result.documents_reviewed == ["r1", "r2", "r3"]
    assert len(result.items) == len(demo["items"])
    for item in result.items:
        assert item.governing_date is not None and item.governing_date.isoformat() == "2015-05-12"
        assert item.governing_date_basis == "case request date"
        assert item.rationale
        assert (item.decision is None) == item.needs_review
        if item.needs_review:
            assert item.review_reason


def test_every_decided_item_cites_a_guideline_and_grounds_its_criteria(demo: dict[str, Any]) -> None:
    result = draft(case_of(demo), knowledge=KNOWLEDGE)
    decided = [i for i in result.items if i.decision is not None]
    assert decided, "the demo case should get at least one drafted decision"
    for item in decided:
        assert item.guideline is not None
        assert item.criteria
        for criterion in item.criteria:
            for ev in criterion.evidence:
                record = next(r for r in demo["records"] if r["id"] == ev.record)
                assert record["text"][ev.start : ev.end] == ev.text


def test_modified_ur_judges_the_original_request(demo: dict[str, Any]) -> None:
    result = draft(case_of(demo), knowledge=KNOWLEDGE)
    therapy = result.items[0]
    assert therapy.normalized.get("sessions") == 4  # the 2x2 as written, not the 2 UR allowed
    assert "modified this request to 2 sessions" in therapy.rationale


def test_unknown_and_unreadable_items_need_review_with_a_reason(demo: dict[str, Any]) -> None:
    data = copy.deepcopy(demo)
    data["items"] = [
        {"request": "Zorblax frobnication 3 units"},
        {"request": "!!!"},
        demo["items"][1],
    ]
    result = draft(case_of(data), knowledge=KNOWLEDGE)
    for item in result.items[:2]:
        assert item.decision is None and item.needs_review
        assert item.review_reason
        assert "A physician reviewer must decide this item." in item.rationale
    assert result.needs_review


def test_bad_dates_and_unreadable_records_are_stated_not_fatal(demo: dict[str, Any], tmp_path: Path) -> None:
    data = copy.deepcopy(demo)
    data["ur"] = {"date": "2012-01-01"}  # before the injury of 2013-04-09
    data.pop("request_date")
    data["records"].append({"id": "r9", "kind": "pdf", "path": "missing.pdf"})
    data["records"].append({"id": "r10", "kind": "progress_report", "date": "2099-01-01", "text": "Seen."})
    result = draft(case_of(data), base_dir=tmp_path, knowledge=KNOWLEDGE)
    joined = " | ".join(result.problems)
    assert "ur.date 2012-01-01 is before the date of injury 2013-04-09" in joined
    assert "records[4].date (r10) 2099-01-01 is in the future" in joined
    assert "r9" in joined
    assert len(result.items) == len(data["items"])


def one_record_case(text: str) -> CaseFile:
    return case_of(
        {
            "date_of_injury": "2013-04-09",
            "ur": {"date": "2015-05-20"},
            "records": [{"id": "r1", "kind": "progress_report", "date": "2015-05-12", "text": text}],
            "items": [{"request": "Cyclobenzaprine 10mg #90", "ur_decision": "non-certified"}],
        }
    )


def test_two_cases_differing_only_in_facts_get_different_rationales() -> None:
    note = "Chronic low back pain. Flexeril 10 mg three times daily was prescribed in {start}."
    first = draft(one_record_case(note.format(start="December 2014")), knowledge=KNOWLEDGE).items[0]
    second = draft(one_record_case(note.format(start="April 2015")), knowledge=KNOWLEDGE).items[0]
    assert first.rationale and second.rationale
    assert first.rationale != second.rationale


def test_overturned_example_is_overturned_when_within_limits() -> None:
    result = draft(case_of(load("case-acupuncture-trial.json")), knowledge=KNOWLEDGE)
    assert result.items[0].decision == Decision.OVERTURNED


def test_a_non_mtus_decision_cites_the_search_sequence_of_the_knowledge_base() -> None:
    case = case_of(
        {
            "request_date": "2015-05-12",
            "records": [{"id": "r1", "text": "Low back pain persists despite treatment."}],
            "items": [{"request": "Follow up visit"}],
        }
    )
    (item,) = draft(case, knowledge=KNOWLEDGE).items
    assert item.guideline is not None and item.guideline.non_mtus
    search_sequence = load_knowledge().guidelines.index.search_sequence
    assert f"medical evidence search sequence ({search_sequence})" in item.rationale
