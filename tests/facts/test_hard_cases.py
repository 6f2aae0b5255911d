"""The hard cases of the issue and the seeds, each one sentence and one assertion, through the
shipped pipeline."""

from __future__ import annotations

import datetime as dt

from facts_helpers import only

from imr.facts import default_as_of, extract_facts, extract_text
from imr.knowledge import load_knowledge
from imr.models.case import CaseFile
from imr.models.facts import ClinicalFacts, ModifierCategory

KNOWLEDGE = load_knowledge()


def case_of(*texts: str, ur_date: str | None = None) -> CaseFile:
    return CaseFile.model_validate(
        {
            "ur": {"date": ur_date} if ur_date else None,
            "records": [{"id": f"r{i + 1}", "text": t} for i, t in enumerate(texts)],
            "items": [{"request": "Flexeril 5mg #60"}],
        }
    )


def facts_of(*texts: str, ur_date: str | None = None) -> ClinicalFacts:
    return extract_facts(case_of(*texts, ur_date=ur_date), knowledge=KNOWLEDGE)


def test_no_radiation_of_pain_is_negated() -> None:
    fact = only(
        extract_text("He has no radiation of pain to the extremities.", knowledge=KNOWLEDGE),
        "finding.radicular_pain",
    )
    assert fact.has(ModifierCategory.NEGATED)


def test_denies_numbness_is_negated() -> None:
    assert only(
        extract_text("The patient denies numbness.", knowledge=KNOWLEDGE), "finding.numbness_tingling"
    ).has(ModifierCategory.NEGATED)


def test_history_of_peptic_ulcer_is_historical_and_still_affirmed() -> None:
    fact = only(extract_text("History of peptic ulcer.", knowledge=KNOWLEDGE), "risk.peptic_ulcer")
    assert fact.has(ModifierCategory.HISTORICAL) and fact.affirmed


def test_if_pain_persists_is_hypothetical() -> None:
    assert only(extract_text("Return to clinic if pain persists.", knowledge=KNOWLEDGE), "finding.pain").has(
        ModifierCategory.HYPOTHETICAL
    )


def test_no_documentation_of_functional_improvement_is_absence_not_negation() -> None:
    fact = only(
        extract_text("There was no documentation of functional improvement.", knowledge=KNOWLEDGE),
        "outcome.functional_improvement",
    )
    assert [m.category for m in fact.modifiers] == [ModifierCategory.DOCUMENTATION_ABSENT]


def test_work_status_not_noted_is_documentation_absent() -> None:
    assert only(extract_text("Work status was not noted.", knowledge=KNOWLEDGE), "outcome.work_status").has(
        ModifierCategory.DOCUMENTATION_ABSENT
    )


def test_no_evidence_of_prescribing_for_flare_ups_is_not_affirmed() -> None:
    text = "The injured worker has chronic pain with no evidence of prescribing for flare-ups."
    assert not only(extract_text(text, knowledge=KNOWLEDGE), "event.flare_up").affirmed


def test_spasm_not_sufficiently_presented_is_documentation_absent() -> None:
    text = "The records did not sufficiently present findings of muscle spasm on examination."
    assert only(extract_text(text, knowledge=KNOWLEDGE), "finding.muscle_spasm").has(
        ModifierCategory.DOCUMENTATION_ABSENT
    )


def test_none_of_the_risk_factors_were_noted_is_documentation_absent() -> None:
    text = "The documentation does not indicate an NSAID, and none of the risk factors described were noted."
    assert only(extract_text(text, knowledge=KNOWLEDGE), "risk.gi_risk_factors").has(
        ModifierCategory.DOCUMENTATION_ABSENT
    )


def test_negation_stops_at_but() -> None:
    fact = only(
        extract_text("She denies numbness but has radiating pain.", knowledge=KNOWLEDGE),
        "finding.radicular_pain",
    )
    assert fact.modifiers == []


def test_negation_stops_at_a_new_diagnosis() -> None:
    text = "Diagnoses: lumbar spondylosis without myelopathy, lumbar radiculitis."
    assert only(extract_text(text, knowledge=KNOWLEDGE), "finding.radicular_pain").modifiers == []


def test_family_history_is_family() -> None:
    assert only(
        extract_text("Family history of peptic ulcer disease.", knowledge=KNOWLEDGE), "risk.peptic_ulcer"
    ).has(ModifierCategory.FAMILY)


def test_possible_radiculopathy_is_uncertain() -> None:
    assert only(extract_text("Possible radiculopathy.", knowledge=KNOWLEDGE), "finding.radiculopathy").has(
        ModifierCategory.UNCERTAIN
    )


def test_flexeril_for_at_least_two_months_is_sixty_days() -> None:
    derived = facts_of("Flexeril has been prescribed for at least two months.").derived
    assert derived["medication_duration_days.cyclobenzaprine"].value == 60


def test_prescribed_in_december_counts_to_the_ur_date() -> None:
    facts = facts_of(
        "Flexeril and prilosec were noted to be prescribed in December 2014.", ur_date="2015-03-13"
    )
    assert [
        facts.derived[f"medication_duration_days.{g}"].value for g in ("cyclobenzaprine", "omeprazole")
    ] == [
        72,
        72,
    ]


def test_as_of_overrides_the_ur_date() -> None:
    case = case_of("Flexeril was prescribed on 3/1/2015.", ur_date="2015-03-13")
    assert (
        extract_facts(case, as_of=dt.date(2015, 3, 31), knowledge=KNOWLEDGE)
        .derived["medication_duration_days.cyclobenzaprine"]
        .value
        == 30
    )


def test_walking_blocks_now_and_before() -> None:
    fact = only(
        extract_text("She has been able to walk 8 blocks now vs 1 block before.", knowledge=KNOWLEDGE),
        "function.walking",
    )
    assert [(m.value, m.unit, m.qualifier) for m in fact.measures] == [
        (8, "blocks", "now"),
        (1, "blocks", "before"),
    ]


def test_pain_scores_with_qualifiers() -> None:
    fact = only(
        extract_text(
            "Her pain level is rated: highest = 9/10 and with medication = 5/10.", knowledge=KNOWLEDGE
        ),
        "finding.pain",
    )
    assert [(m.value, m.qualifier) for m in fact.measures] == [(9, "highest"), (5, "with_medication")]


def test_pain_score_range_keeps_both_ends() -> None:
    measure = only(extract_text("Neck and back pain 8-9/10.", knowledge=KNOWLEDGE), "finding.pain").measures[
        0
    ]
    assert (measure.low, measure.value) == (8, 9)


def test_pain_score_on_a_scale() -> None:
    assert (
        only(extract_text("Pain was rated 5 on a scale of 1-10.", knowledge=KNOWLEDGE), "finding.pain")
        .measures[0]
        .value
        == 5
    )


def test_pain_score_without_medication_after_the_number() -> None:
    fact = only(extract_text("Pain is 4/10 with medications.", knowledge=KNOWLEDGE), "finding.pain")
    assert fact.measures[0].qualifier == "with_medication"


def test_completed_sessions_are_counted() -> None:
    derived = facts_of("Had 2 sessions of acupuncture.").derived
    assert derived["sessions_completed.acupuncture"].value == 2


def test_requested_sessions_are_not_completed() -> None:
    assert (
        "sessions_completed.acupuncture"
        not in facts_of("The physician is requesting 15 acupuncture visits.").derived
    )


def test_two_versus_at_least_twelve_sessions_is_a_contradiction() -> None:
    facts = facts_of(
        "Had 2 sessions of acupuncture.",
        "There are at least 12 acupuncture sessions noted from the acupuncturist.",
    )
    assert [c.topic for c in facts.contradictions] == ["sessions_completed.acupuncture"]


def test_at_least_two_and_twelve_sessions_agree() -> None:
    facts = facts_of("Had at least 2 sessions of acupuncture.", "She completed 12 acupuncture sessions.")
    assert facts.contradictions == []


def test_improvement_stated_and_denied_is_a_contradiction() -> None:
    facts = facts_of("Function improved with massage.", "There was no improvement with massage.")
    assert [c.topic for c in facts.contradictions] == ["outcome.functional_improvement"]


def test_work_status_value_is_normalised() -> None:
    assert facts_of("Work status: TTD.").derived["work_status"].value == "temporarily_totally_disabled"


def test_brand_maps_to_generic() -> None:
    assert (
        only(extract_text("She takes Norco daily.", knowledge=KNOWLEDGE), "treatment.medication").value
        == "hydrocodone"
    )


def test_drug_dictionary_finds_generics() -> None:
    assert (
        only(extract_text("She takes gabapentin daily.", knowledge=KNOWLEDGE), "treatment.medication").value
        == "gabapentin"
    )


def test_cream_is_a_topical_route() -> None:
    fact = only(extract_text("Flexeril cream was requested.", knowledge=KNOWLEDGE), "treatment.medication")
    assert [(m.kind, m.value) for m in fact.measures] == [("route", "topical")]


def test_nsaid_class_mention_counts_as_current_class() -> None:
    assert facts_of("She takes NSAIDs for pain.").derived["drug_classes_current"].value == ["nsaid"]


def test_aspirin_use_is_a_gi_risk_factor() -> None:
    assert facts_of("She takes aspirin daily.").derived["gi_risk_factors"].value == ["risk.aspirin"]


def test_age_and_injury_date_from_the_text() -> None:
    derived = facts_of(
        "The injured worker is a 46 year old male who sustained an industrial injury on 11/6/2008.",
        ur_date="2015-03-13",
    ).derived
    assert (derived["age"].value, derived["sex"].value, derived["months_since_injury"].value) == (
        46,
        "male",
        76,
    )


def test_recent_injury_leaves_chronic_to_the_engine() -> None:
    derived = facts_of("Date of injury: 2/1/2015. Low back pain.", ur_date="2015-03-13").derived
    assert "chronic" not in derived and derived["months_since_injury"].value == 1


def test_injury_exactly_at_the_threshold_leaves_chronic_to_the_engine() -> None:
    # The engine's rule is months >= index.yaml chronic_pain_months (3); a derived "not chronic" here
    # would override it.
    derived = facts_of("Date of injury: 12/13/2014. Low back pain.", ur_date="2015-03-13").derived
    assert "chronic" not in derived and derived["months_since_injury"].value == 3


def test_record_calling_pain_chronic_is_chronic() -> None:
    assert facts_of("He has chronic neck pain.").derived["chronic"].value is True


def test_every_fact_is_grounded_in_its_record_text() -> None:
    text = "Examination showed tenderness. She denies numbness. Flexeril 5 mg was continued."
    assert all(text[f.start : f.end] == f.text for f in extract_text(text, knowledge=KNOWLEDGE))


def test_searched_lists_terms_for_every_concept() -> None:
    searched = facts_of("Neck pain.").searched["finding.muscle_spasm"]
    assert searched.records == ["r1"] and "muscle spasm" in searched.terms


def test_durations_run_to_the_request_date_before_the_ur_date() -> None:
    # The engine's governing date: the case's request date first, then the UR decision date.
    case = CaseFile.model_validate(
        {
            "request_date": "2015-03-01",
            "ur": {"date": "2015-03-13"},
            "records": [{"id": "r1", "text": "Date of injury: 12/13/2014. Low back pain."}],
            "items": [{"request": "Flexeril 5mg #60"}],
        }
    )
    assert default_as_of(case) == dt.date(2015, 3, 1)
    assert extract_facts(case, knowledge=KNOWLEDGE).derived["months_since_injury"].value == 2


def test_a_note_that_contradicts_itself_is_the_contradiction_named() -> None:
    facts = facts_of(
        "Massage note: still needs help with laundry.",
        "Completed 6 sessions of massage. She can now do housework. Still unable to do housework.",
    )
    (contradiction,) = facts.contradictions
    assert len({e.record for e in contradiction.evidence}) == 1
