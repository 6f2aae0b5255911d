"""Drugs named as what a current one came "after failing" are not taken now; a test set for the next
visit is not one done."""

from __future__ import annotations

from imr.facts import extract_facts
from imr.facts.extract import extract_text
from imr.knowledge import load_knowledge
from imr.models.case import CaseFile
from imr.models.facts import ModifierCategory

KNOWLEDGE = load_knowledge()


def _current(text: str) -> list[str]:
    case = CaseFile.model_validate(
        {
            "case_id": "T-1",
            "records": [{"id": "p1", "kind": "progress_report", "date": "2014-08-21", "text": text}],
            "items": [{"request": "Omeprazole 20mg #30"}],
        }
    )
    found = extract_facts(case, knowledge=KNOWLEDGE).derived["medications_current"].value
    assert isinstance(found, list)
    return found


def test_drugs_failed_before_the_current_one_are_not_current() -> None:
    text = (
        "S: Has been on Ultram ER 150 qd since 3/2013 after failing Tylenol and ibuprofen alone. "
        "Naproxen 500 bid."
    )
    assert _current(text) == ["naproxen", "tramadol"]


def test_a_drug_screen_set_for_the_next_visit_is_not_affirmed() -> None:
    for text in ("Plan: Continue meds. UDS next visit.", "Will obtain UDS at next appt."):
        screens = [f for f in extract_text(text, KNOWLEDGE) if f.concept == "study.urine_drug_screen"]
        assert screens and all(f.has(ModifierCategory.HYPOTHETICAL) for f in screens), text
    done = [
        f for f in extract_text("UDS 5/12 done. F/u next visit.", KNOWLEDGE) if f.concept.startswith("study.")
    ]
    assert all(not f.has(ModifierCategory.HYPOTHETICAL) for f in done)


def test_a_drug_had_years_before_the_note_is_not_current() -> None:
    case = CaseFile.model_validate(
        {
            "case_id": "T-1",
            "records": [
                {
                    "id": "p1",
                    "kind": "progress_report",
                    "date": "2015-11-10",
                    "text": "S: R shoulder pain. Naproxen 500 bid x6 wks. She had a cortisone shot to the L "
                    "shoulder in 2012, resolved. Pt had 50% relief with Lyrica.",
                }
            ],
            "items": [{"request": "Subacromial injection R shoulder"}],
        }
    )
    found = extract_facts(case, knowledge=KNOWLEDGE).derived["medications_current"].value
    # the undated past tense ("had 50% relief with Lyrica") still says nothing against current use
    assert found == ["naproxen", "pregabalin"]


def test_a_contraindication_denied_does_not_deny_the_treatment() -> None:
    facts = extract_text("No contraindication to a work hardening program identified.", KNOWLEDGE)
    program = [f for f in facts if f.concept == "treatment.work_hardening"]
    assert program and not any(f.has(ModifierCategory.NEGATED) for f in program)


def test_the_past_progressive_is_no_use_now() -> None:
    text = (
        "S: Knee pain. Naproxen 550 bid. GI consult 2009: ulcer likely NSAID-associated (was taking OTC "
        "ibuprofen 800-1200 mg/day for knee pain)."
    )
    assert _current(text) == ["naproxen"]


def test_a_drug_named_only_in_a_record_years_older_is_not_current() -> None:
    case = CaseFile.model_validate(
        {
            "case_id": "T-1",
            "records": [
                {
                    "id": "gi",
                    "kind": "consultation",
                    "date": "2009-11-03",
                    "text": "Meds: ibuprofen 800 tid.",
                },
                {
                    "id": "p1",
                    "kind": "progress_report",
                    "date": "2015-06-02",
                    "text": "Meds: naproxen 550 bid.",
                },
            ],
            "items": [{"request": "Omeprazole 20mg #30"}],
        }
    )
    assert extract_facts(case, knowledge=KNOWLEDGE).derived["medications_current"].value == ["naproxen"]
