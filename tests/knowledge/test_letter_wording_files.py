"""The letter's added wording and reading rules are knowledge files like any other: read by the one
loader, checked strictly, each problem named by file, line and key."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from imr.errors import RenderError
from imr.knowledge import Knowledge, lint


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_shipped_wording_is_in_the_knowledge(knowledge: Knowledge) -> None:
    on = dt.date(2015, 4, 10)
    assert knowledge.appeal_rights_on(on).citation == "California Labor Code section 4610.6(h)"
    assert knowledge.summary_wording_on(on).mechanism_unknown == "No mechanism of injury was noted."
    assert knowledge.summary_reading.complaint_sentences >= 1
    assert "ur_decision" in knowledge.nlp.ur_decision.record_kinds
    with pytest.raises(RenderError, match=r"case_summary\.yaml: no edition of the case-summary wording"):
        knowledge.summary_wording_on(dt.date(2012, 12, 31))


def test_a_summary_treatment_name_must_be_a_known_concept(kb_copy: Path) -> None:
    path = kb_copy / "letters" / "case_summary.yaml"
    _replace(path, "treatment.acupuncture: acupuncture", "treatment.acupunture: acupuncture")
    (problem,) = lint(kb_copy)
    assert problem.file == str(path) and problem.line is not None
    assert problem.key == "editions.2013-01-01.treatment_names.treatment.acupunture"
    assert "not in concepts.yaml" in problem.message


def test_a_summary_section_must_be_a_known_section(kb_copy: Path) -> None:
    path = kb_copy / "letters" / "case_summary.yaml"
    _replace(path, "not_treatment_sections: [plan,", "not_treatment_sections: [plans,")
    (problem,) = lint(kb_copy)
    assert problem.key == "reading.not_treatment_sections.0" and "sections.yaml" in problem.message


def test_an_appeal_paragraph_without_its_grounds_is_refused(kb_copy: Path) -> None:
    path = kb_copy / "letters" / "appeal_rights.yaml"
    _replace(path, "    grounds:", "    reasons:")
    problems = lint(kb_copy)
    assert problems and all(p.file == str(path) for p in problems)
    keys = {p.key for p in problems}
    assert "editions.2013-01-01.grounds" in keys and "editions.2013-01-01.reasons" in keys


def test_a_ur_record_kind_must_be_a_dispute_kind(kb_copy: Path) -> None:
    path = kb_copy / "nlp" / "ur_decision.yaml"
    _replace(path, "record_kinds: [ur_decision,", "record_kinds: [progress_report, ur_decision,")
    (problem,) = lint(kb_copy)
    assert problem.file == str(path) and problem.key == "record_kinds.0"
    assert "not a dispute kind" in problem.message


def test_a_ur_heading_must_be_a_dispute_heading_of_the_record_roles(kb_copy: Path) -> None:
    path = kb_copy / "nlp" / "ur_decision.yaml"
    _replace(path, "record_headings: [UR decision]", "record_headings: [Request for Authorization]")
    (problem,) = lint(kb_copy)
    assert problem.key == "record_headings.0" and "dispute `detect` entry" in problem.message


def test_a_ur_pattern_must_compile_and_name_its_group(kb_copy: Path) -> None:
    path = kb_copy / "nlp" / "ur_decision.yaml"
    _replace(path, "(?P<to>[^.;", "(?P<upto>[^.;")
    (problem,) = lint(kb_copy)
    assert problem.file == str(path) and problem.key == "modified_to"
    assert "group named 'to'" in problem.message
