"""Whose words a record holds: UR letters, IMR applications and attorney letters are never clinical
evidence; RFAs are requests; a clinical note's clause that reports UR's decision is set aside."""

from __future__ import annotations

import pytest

from imr.facts import extract_facts
from imr.facts.roles import RecordRole, role_rules
from imr.knowledge import load_knowledge
from imr.models import CaseFile

KNOWLEDGE = load_knowledge()


@pytest.mark.parametrize(
    ("kind", "role"),
    [
        ("progress_report", RecordRole.CLINICAL),
        ("PR-2", RecordRole.CLINICAL),
        ("lab", RecordRole.CLINICAL),
        ("ur_decision", RecordRole.DISPUTE),
        ("imr_application", RecordRole.DISPUTE),
        ("attorney_letter", RecordRole.DISPUTE),
        ("rfa", RecordRole.REQUEST),
    ],
)
def test_the_kind_decides(kind: str, role: RecordRole) -> None:
    assert role_rules(KNOWLEDGE).role(kind, "Any text.")[0] == role


def test_an_unknown_kind_is_read_from_its_heading() -> None:
    rules = role_rules(KNOWLEDGE)
    assert rules.role("pdf", "ACME UR Services\nUTILIZATION REVIEW DETERMINATION\nDate: 3/1/15\n")[0] == (
        RecordRole.DISPUTE
    )
    assert rules.role("other", "LAW OFFICES OF JANE DOE\nRe: applicant\n")[0] == RecordRole.DISPUTE


def test_a_summary_that_speaks_of_ur_in_its_text_stays_clinical() -> None:
    text = (
        "This is a female patient with a date of injury of 3/21/94. A utilization review\n"
        "determination dated 11/4/13 recommends non-certification of acupuncture.\n"
    )
    assert role_rules(KNOWLEDGE).role("other", text)[0] == RecordRole.CLINICAL


def test_the_ur_letter_is_never_a_source_of_findings() -> None:
    case = CaseFile.model_validate(
        {
            "records": [
                {"id": "pr2", "kind": "progress_report", "text": "Pt c/o low back pain. No radiating pain."},
                {
                    "id": "ur",
                    "kind": "ur_decision",
                    "text": "Diagnosis: lumbar radiculopathy with saddle anesthesia.",
                },
            ],
            "items": [{"request": "MRI lumbar spine"}],
        }
    )
    facts = extract_facts(case, KNOWLEDGE)
    assert {f.record for f in facts.facts} == {"pr2"}
    assert facts.record_roles["ur"].role == "dispute"
    assert "ur" not in facts.clinical_records()


def test_a_clause_reporting_ur_is_set_aside_the_rest_of_the_sentence_is_kept() -> None:
    case = CaseFile.model_validate(
        {
            "records": [
                {
                    "id": "pr2",
                    "kind": "progress_report",
                    "text": "UR denied the acupuncture on 3/1/15; she has completed physical therapy x12.",
                }
            ],
            "items": [{"request": "Acupuncture 6 visits"}],
        }
    )
    concepts = {f.concept for f in extract_facts(case, KNOWLEDGE).facts}
    assert "treatment.acupuncture" not in concepts
    assert "treatment.physical_therapy" in concepts
