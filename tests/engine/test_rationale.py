"""The rationale paragraph: guideline criteria in our words, the case's facts, the conclusion."""

from __future__ import annotations

from imr.engine.rationale import rationale
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


def duration(finding: str, quote: str, record: str = "r1") -> CriterionResult:
    return CriterionResult(
        id="cyclobenzaprine.short_course",
        kind="max_duration_of_use",
        result="not_met",
        statement="Cyclobenzaprine is supported only as a short course of no more than 2-3 weeks.",
        finding=finding,
        evidence=[Evidence(record=record, start=10, end=10 + len(quote), text=quote)],
        decisive=True,
    )


def test_states_guideline_facts_and_conclusion_in_seed_style() -> None:
    text = rationale(
        "Flexeril 5mg #60",
        decision=Decision.UPHELD,
        guideline=MTUS,
        criteria=[
            duration("Flexeril has been prescribed for at least 60 days", "prescribed in December 2014")
        ],
        reasons=["length of use in excess of the guideline"],
    )
    assert text.startswith(
        "Per the MTUS Chronic Pain Medical Treatment Guidelines (Cyclobenzaprine, pages 41-42, 63-66), "
        "cyclobenzaprine is supported only as a short course"
    )
    quoted = '(r1: "prescribed in December 2014")'
    assert f"In this case, flexeril has been prescribed for at least 60 days {quoted}." in text
    assert text.endswith(
        "Due to length of use in excess of the guideline, "
        "the request for Flexeril 5mg #60 is not medically necessary."
    )


def test_different_facts_give_different_paragraphs() -> None:
    common = {"decision": Decision.UPHELD, "guideline": MTUS, "reasons": ["length of use in excess"]}
    first = rationale(
        "Flexeril 5mg #60",
        criteria=[duration("Used for 60 days", "prescribed since December 2014")],
        **common,
    )
    second = rationale(
        "Flexeril 5mg #60", criteria=[duration("Used for 45 days", "prescribed since January 2015")], **common
    )
    assert first != second
    assert "60 days" in first and "45 days" in second


def test_quote_is_left_out_when_the_finding_already_says_it_and_long_quotes_are_cut() -> None:
    same = rationale(
        "Flexeril 5mg #60",
        decision=Decision.UPHELD,
        guideline=MTUS,
        criteria=[duration("Prescribed in December 2014", "prescribed in December 2014", record="summary")],
    )
    assert "(summary)." in same
    long_quote = "word " * 60
    cut = rationale(
        "Flexeril 5mg #60",
        decision=Decision.UPHELD,
        guideline=MTUS,
        criteria=[duration("Long use", long_quote)],
    )
    assert "…" in cut and long_quote.strip() not in cut
    bare = rationale(
        "Flexeril 5mg #60",
        decision=Decision.UPHELD,
        guideline=MTUS,
        criteria=[duration("Long use", "Flexeril")],
    )
    assert "In this case, long use (r1)." in bare


def test_modified_ur_says_the_original_request_is_decided() -> None:
    text = rationale(
        "Deep tissue massage 12 sessions",
        decision=Decision.UPHELD,
        guideline=MTUS,
        criteria=[],
        ur_decision="modified",
        ur_modified_to="6 sessions",
    )
    assert "Utilization review modified this request to 6 sessions" in text
    assert "decides the request as originally written (Deep tissue massage 12 sessions)" in text


def test_non_mtus_source_is_named_as_deciding() -> None:
    met = CriterionResult(
        id="office_visits.persistent",
        result="met",
        statement="Office visits are supported to monitor persistent symptoms.",
        finding="Symptoms persist despite treatment",
    )
    text = rationale("Follow up Visit", decision=Decision.OVERTURNED, guideline=ODG, criteria=[met])
    assert text.startswith("The MTUS does not specifically address this request")
    assert "the ODG Official Disability Guidelines (Office visits)" in text
    assert "Per the ODG, office visits are supported" in text
    assert text.endswith("the request for Follow up Visit is medically necessary.")


def test_needs_review_offers_no_decision_and_says_why() -> None:
    text = rationale(
        "Gizmo therapy", decision=None, guideline=None, criteria=[], review_reason="no topic covers it"
    )
    assert text == (
        "No draft decision is offered: no topic covers it. A physician reviewer must decide this item."
    )


def test_not_applicable_criteria_are_left_out() -> None:
    skipped = CriterionResult(
        id="x.continuation", result="not_applicable", statement="Only for continued care.", finding="n/a"
    )
    text = rationale("Flexeril 5mg #60", decision=Decision.OVERTURNED, guideline=MTUS, criteria=[skipped])
    assert "continued care" not in text
