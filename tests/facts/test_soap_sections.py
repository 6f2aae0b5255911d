"""S/O/A/P notes head their parts with one letter; a plan's statement of fact with nothing asked in
its sentence is a finding, and "exhausted conservative care" is a course had, even in a plan."""

from __future__ import annotations

from imr.facts.pipeline import default_pipeline
from imr.knowledge import load_knowledge
from imr.models.facts import ModifierCategory, UsageStatus

KNOWLEDGE = load_knowledge()
NOTE = (
    "S: Neck pain 6/10, taking ibuprofen 800 TID.\n"
    "O: Cervical paraspinal spasm bilaterally.\n"
    "A: Cervical strain.\n"
    "P: Ketoprofen cream to neck. He is motivated to return to work. Flexeril for spasm. "
    "He has exhausted conservative care.\n"
    "Work: TTD."
)


def _doc():  # type: ignore[no-untyped-def]
    return default_pipeline(KNOWLEDGE)(NOTE, role="clinical", kind="progress_report")


def test_one_letter_headers_open_their_sections() -> None:
    doc = _doc()
    by_text = {NOTE[m.span.start : m.span.end].lower(): m.section for m in doc.mentions}
    assert by_text["ibuprofen"] == "history"
    assert by_text["paraspinal spasm"] == "exam"
    assert by_text["ketoprofen"] == "plan"


def test_a_finding_in_the_plan_is_the_reason_for_what_its_sentence_asks_only() -> None:
    doc = _doc()
    spasm = [m for m in doc.mentions if m.concept == "finding.muscle_spasm" and m.section == "plan"]
    assert spasm and any(x.category == ModifierCategory.HYPOTHETICAL for x in spasm[0].modifiers)
    motivated = [m for m in doc.mentions if m.concept == "finding.motivation"]
    assert motivated and not any(x.category == ModifierCategory.HYPOTHETICAL for x in motivated[0].modifiers)


def test_exhausted_conservative_care_in_a_plan_is_a_course_had() -> None:
    failed = [m for m in _doc().mentions if m.concept == "treatment.conservative_failed"]
    assert failed and failed[0].usage is not None and failed[0].usage.status == UsageStatus.PAST


def test_an_assessment_and_plan_header_opens_the_plan() -> None:
    text = "S: No change. LBP 7/10.\nA/P: RFA: 1) FRP x 10 days. 2) Cognitive behavioral therapy x4 sessions."
    doc = default_pipeline(KNOWLEDGE)(text, role="clinical", kind="progress_report")
    cbt = next(m for m in doc.mentions if m.concept == "treatment.psychotherapy")
    assert cbt.section == "plan"
    assert cbt.usage is not None and cbt.usage.status == UsageStatus.PLANNED
