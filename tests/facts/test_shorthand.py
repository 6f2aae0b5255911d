"""Clinical shorthand is data: every abbreviation that names a concept is read as that concept, and a
note written in shorthand is read as English, not flagged."""

from __future__ import annotations

import pytest

from imr.facts import extract_text
from imr.facts.quality import text_problems
from imr.knowledge import load_knowledge

KNOWLEDGE = load_knowledge()
WITH_CONCEPT = [a for a in KNOWLEDGE.nlp.shorthand.abbreviations if a.concept and not a.pattern]


@pytest.mark.parametrize("abbreviation", WITH_CONCEPT, ids=lambda a: a.abbr)
def test_each_abbreviation_is_read_as_its_concept(abbreviation: object) -> None:
    abbr = abbreviation.abbr  # type: ignore[attr-defined]
    concept = abbreviation.concept  # type: ignore[attr-defined]
    found = {(f.concept, f.value) for f in extract_text(f"Exam today: {abbr.upper()} noted.", KNOWLEDGE)}
    assert (concept, abbreviation.value) in found  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("SLR + on L at 45 deg.", "finding.radiculopathy"),
        ("+SLR left.", "finding.radiculopathy"),
        ("PT x12 completed in 2014.", "treatment.physical_therapy"),
        ("PT started 6/15/17, 1 visit to date.", "treatment.physical_therapy"),
        ("Pt is P&S as of 6/1.", "outcome.work_status"),
    ],
)
def test_patterned_shorthand(text: str, concept: str) -> None:
    assert concept in {f.concept for f in extract_text(text, KNOWLEDGE)}


def test_a_patient_who_started_a_drug_is_no_physical_therapy() -> None:
    assert "treatment.physical_therapy" not in {
        f.concept for f in extract_text("Pt started gabapentin.", KNOWLEDGE)
    }


def test_slr_negative_is_not_a_positive_sign() -> None:
    assert "finding.radiculopathy" not in {f.concept for f in extract_text("SLR neg bilat.", KNOWLEDGE)}


def test_a_shorthand_note_is_english() -> None:
    note = (
        "S: Pt c/o LBP w/ rad L LE, 7/10 w/o meds, 4/10 w/ meds. "
        "O: TTP L4-S1, ROM decr, SLR + L, decr sensation L5, DTRs 2+ bilat, WNL. "
        "P: HEP, UDS, CURES, RFA ESI L4-5, f/u 4 wks. TTD."
    )
    _, problems = text_problems(note, KNOWLEDGE.nlp.shorthand.words())
    assert not any("English" in p for p in problems)
    _, without = text_problems(note)
    assert any("English" in p for p in without)  # the shorthand words are what make it English


def test_the_future_is_not_a_finding() -> None:
    assert not [f for f in extract_text("Will reassess ADLs after the trial.", KNOWLEDGE) if f.affirmed]


def test_a_cures_check_and_an_opioid_agreement_are_read_as_monitoring() -> None:
    from imr.facts import extract_text
    from imr.knowledge import load_knowledge

    facts = extract_text(
        "CURES reviewed, no other prescribers. Signed opioid agreement on file.", load_knowledge()
    )
    concepts = {f.concept for f in facts if f.affirmed}
    assert {"study.cures", "finding.opioid_agreement"} <= concepts


def test_short_or_broken_sleep_written_many_ways_is_a_sleep_disturbance() -> None:
    from imr.facts import extract_text
    from imr.knowledge import load_knowledge

    knowledge = load_knowledge()

    def insomnia(text: str) -> list[bool]:
        return [f.affirmed for f in extract_text(text, knowledge) if f.concept == "finding.insomnia"]

    assert insomnia("Since the flare he sleeps 3 hrs/night.") == [True]
    assert insomnia("She wakes 3-4 times a night.") == [True]
    assert insomnia("Awakened by pain most nights.") == [True]
    assert insomnia("He sleeps 7-8 hours a night.") == []
    assert insomnia("Denies difficulty sleeping.") == [False]


def test_a_drug_stopped_for_a_side_effect_or_that_caused_one_is_intolerance() -> None:
    from imr.facts import extract_text
    from imr.knowledge import load_knowledge

    knowledge = load_knowledge()

    def read(text: str) -> list[tuple[str, bool]]:
        wanted = ("outcome.side_effects", "treatment.conservative_failed")
        return [(f.concept, f.affirmed) for f in extract_text(text, knowledge) if f.concept in wanted]

    listed = "Failed: acetaminophen x 4 mos (no change), Voltaren gel x 8 wks (stopped for rash at the site)."
    assert read(listed) == [("treatment.conservative_failed", True), ("outcome.side_effects", True)]
    assert read("Gabapentin caused dizziness.") == [("outcome.side_effects", True)]
    assert read("Nortriptyline made her too drowsy.") == [("outcome.side_effects", True)]
    assert read("She stopped PT for scheduling reasons.") == []
    assert read("No side effects from Norco.") == [("outcome.side_effects", False)]


@pytest.mark.parametrize(
    ("text", "radicular"),
    [
        ("SLR + R at 45.", True),
        ("SLR + R at 40 deg (back and leg pain).", True),
        ("SLR positive with back pain radiating to the leg.", True),
        ("Spurling + R reproducing arm pain.", True),
        # a sign that reproduces only axial pain is no radicular sign
        ("SLR + for back pain only.", False),
        ("Spurling's + R (neck pain, ? arm).", False),
    ],
)
def test_a_sign_that_reproduces_only_axial_pain_is_no_radicular_sign(text: str, radicular: bool) -> None:
    found = [f for f in extract_text(text, KNOWLEDGE) if f.concept == "finding.radiculopathy"]
    assert bool(found) == radicular
