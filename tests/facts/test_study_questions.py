"""What a study is ordered to look for, a surgery only consulted about or planned: none is a finding
or a surgery done."""

from __future__ import annotations

from imr.facts.pipeline import default_pipeline
from imr.knowledge import load_knowledge

KNOWLEDGE = load_knowledge()


def _mentions(text: str, concept: str) -> list[tuple[str, list[str]]]:
    doc = default_pipeline(KNOWLEDGE)(text, role="clinical", kind="")
    return [
        (text[m.span.start : m.span.end], [c.category.value for c in m.modifiers])
        for m in doc.mentions
        if m.concept == concept
    ]


def test_the_question_a_study_is_ordered_for_is_not_its_answer() -> None:
    found = _mentions(
        "IMPRESSION: No dynamic instability. Clinical: chronic LBP, evaluate for instability.",
        "finding.instability",
    )
    assert len(found) == 2
    assert all(mods for _, mods in found)  # one negated, one uncertain


def test_a_surgery_consultation_is_no_surgery() -> None:
    assert _mentions("SPINE SURGERY CONSULTATION\n42 yo M with LBP.", "event.surgery") == []
    assert _mentions("s/p surgery 2015.", "event.surgery") != []


def test_a_surgery_named_beside_a_treatment_in_the_plan_is_to_come() -> None:
    found = _mentions("PLAN: Dispense LSO brace now for daily wear; may continue post-op.", "event.surgery")
    assert found and all("hypothetical" in mods for _, mods in found)
