"""The rationale paragraph: the guideline in our words, what this case's records show (phase and
deciding findings with their quoted clauses), and the conclusion with its reasons."""

from __future__ import annotations

from typing import Any

from imr.engine.rationale import RationaleInput, citation_phrase, rationale
from imr.models import CriterionResult, Decision, Evidence, GuidelineRef

MTUS = GuidelineRef(
    source="MTUS",
    title="Chronic Pain Medical Treatment Guidelines",
    section="Cyclobenzaprine",
    pages="41-42, 63-66",
)
ODG = GuidelineRef(
    source="ODG", title="Official Disability Guidelines", section="Office visits", non_mtus=True
)


def duration(finding: str, quote: str, record: str = "r1", *, decisive: bool = True) -> CriterionResult:
    return CriterionResult(
        id="cyclobenzaprine.short_course",
        kind="max_duration_of_use",
        result="not_met",
        statement="Cyclobenzaprine is supported only as a short course of no more than 2-3 weeks.",
        finding=finding,
        evidence=[Evidence(record=record, start=10, end=10 + len(quote), text=quote)],
        decisive=decisive,
    )


def write(request: str = "Flexeril 5mg #60", **fields: Any) -> str:
    fields.setdefault("decision", Decision.UPHELD)
    fields.setdefault("guideline", MTUS)
    fields.setdefault("criteria", [])
    return rationale(RationaleInput(request=request, **fields))


def test_guideline_then_the_record_then_the_conclusion() -> None:
    finding = (
        'Flexeril has been used since 12/2014: "Flexeril prescribed 12/2014" (progress report of 3/1/2015)'
    )
    text = write(
        criteria=[duration(finding, "Flexeril prescribed 12/2014")],
        due_to=["long-term use that the guideline does not support"],
    )
    assert text.startswith(
        "Per the MTUS Chronic Pain Medical Treatment Guidelines (Cyclobenzaprine, pages 41-42, 63-66), "
        "cyclobenzaprine is supported only as a short course"
    )
    assert "In this case, flexeril has been used since 12/2014" in text
    assert text.endswith(
        "Due to long-term use that the guideline does not support, "
        "the request for Flexeril 5mg #60 is not medically necessary."
    )


def test_the_phase_is_stated_with_what_it_rests_on() -> None:
    text = write(phase="initial", phase_reason='massage has not been tried before: "No prior massage." (r1)')
    assert 'This is an initial request; massage has not been tried before: "No prior massage." (r1).' in (
        text
    )
    assert "continue" in write(phase="continuation", phase_reason="norco is in use")
    assert "no treatment phase" not in write(phase=None, phase_reason="no treatment phase")


def test_only_deciding_findings_are_told_when_some_decided() -> None:
    decided = duration("Used for 60 days", "prescribed since December 2014")
    other = duration("Spasm is documented", "paraspinal spasm", decisive=False).model_copy(
        update={"id": "x.spasm", "result": "met"}
    )
    text = write(criteria=[decided, other])
    assert "Used for 60 days" in text.replace("used", "Used") and "Spasm is documented" not in text


def test_different_facts_give_different_paragraphs() -> None:
    first = write(criteria=[duration("Used for 60 days", "prescribed since December 2014")])
    second = write(criteria=[duration("Used for 45 days", "prescribed since January 2015")])
    assert first != second
    assert "60 days" in first and "45 days" in second


def test_modified_ur_says_the_original_request_is_decided() -> None:
    text = write("Deep tissue massage 12 sessions", ur_decision="modified", ur_modified_to="6 sessions")
    assert "Utilization review modified this request to 6 sessions" in text
    assert "decides the request as originally written (Deep tissue massage 12 sessions)" in text


def test_non_mtus_source_is_named_as_deciding() -> None:
    met = CriterionResult(
        id="office_visits.persistent",
        result="met",
        statement="Office visits are supported to monitor persistent symptoms.",
        finding="Symptoms persist despite treatment",
        decisive=True,
    )
    text = write("Follow up Visit", decision=Decision.OVERTURNED, guideline=ODG, criteria=[met])
    assert text.startswith("The MTUS does not specifically address this request")
    assert "the ODG Official Disability Guidelines (Office visits)" in text
    assert "Per the ODG, office visits are supported" in text
    assert text.endswith("the request for Follow up Visit is medically necessary.")


def test_needs_review_offers_no_decision_and_says_why() -> None:
    text = write("Gizmo therapy", decision=None, guideline=None, review_reason="no topic covers it")
    assert (
        text
        == "No draft decision is offered: no topic covers it. A physician reviewer must decide this item."
    )


def test_not_applicable_criteria_are_left_out() -> None:
    skipped = CriterionResult(
        id="x.continuation", result="not_applicable", statement="Only for continued care.", finding="n/a"
    )
    assert "continued care" not in write(decision=Decision.OVERTURNED, criteria=[skipped])


def test_the_citation_never_says_its_title_twice() -> None:
    acupuncture = GuidelineRef(
        source="MTUS",
        title="Acupuncture Medical Treatment Guidelines",
        section="Acupuncture Medical Treatment Guidelines (9792.24.1)",
    )
    assert citation_phrase(acupuncture) == "MTUS Acupuncture Medical Treatment Guidelines"
    mtus_titled = GuidelineRef(source="MTUS", title="MTUS Chronic Pain Guidelines", pages="60")
    assert citation_phrase(mtus_titled) == "MTUS Chronic Pain Guidelines (page 60)"


def test_what_the_records_document_is_joined_with_and_what_they_lack_with_or() -> None:
    from imr.engine.criteria.lookup import describe
    from imr.knowledge import load_knowledge

    kb = load_knowledge().guidelines
    concepts = ["treatment.home_exercise", "treatment.physical_therapy"]
    assert describe(kb, concepts) == "home exercise program or physical therapy"
    assert describe(kb, concepts, documented=True) == "home exercise program and physical therapy"


def test_a_description_with_its_own_of_or_or_goes_last_so_the_list_is_not_read_as_its_object() -> None:
    from imr.engine.criteria.lookup import describe
    from imr.knowledge import load_knowledge

    kb = load_knowledge().guidelines
    concepts = ["outcome.side_effects", "treatment.home_exercise", "treatment.physical_therapy"]
    documented = describe(kb, concepts, documented=True)
    # not "intolerance of a treatment, home exercise program and physical therapy"
    assert documented.startswith("home exercise program, physical therapy and ")
    assert documented.endswith("intolerance of a treatment")
    two = describe(kb, ["outcome.side_effects", "finding.muscle_spasm", "treatment.home_exercise"])
    assert two.startswith("home exercise program; ") and "; or " in two


def test_a_follow_up_visit_rests_on_what_the_latest_visit_found_not_the_state_before_treatment() -> None:
    import json
    from pathlib import Path

    from imr.engine import draft
    from imr.knowledge import load_knowledge
    from imr.models import CaseFile

    path = Path(__file__).resolve().parents[2] / "examples" / "case-demo.json"
    case = CaseFile.model_validate(json.loads(path.read_text()))
    visit = next(i for i in draft(case, load_knowledge()).items if i.request.startswith("Follow-up visit"))
    need = next(c for c in visit.criteria if c.id == "office_visits.ongoing_need")
    assert need.result == "met"
    assert need.evidence and {e.record for e in need.evidence} == {"r2"}  # the 5/12/2015 visit
    assert "Mild tenderness" in visit.rationale and "rated 7/10" not in visit.rationale
