"""The five seed letters' clinical case summaries: the facts each reviewer relied on."""

from __future__ import annotations

import datetime as dt

import pytest

from imr.facts import extract_facts
from imr.knowledge import load_knowledge
from imr.models.case import CaseFile
from imr.models.facts import ClinicalFacts, ModifierCategory

KNOWLEDGE = load_knowledge()

# The UR decision dates the summaries give: durations run to them.
UR_DATES = {
    "000": "2015-03-13",
    "001": "2013-11-04",
    "002": "2015-05-06",
    "003": "2015-03-23",
    "004": "2014-06-17",
}


@pytest.fixture(scope="module")
def seed_facts(summaries: dict[str, str]) -> dict[str, ClinicalFacts]:
    out: dict[str, ClinicalFacts] = {}
    for key, text in summaries.items():
        case = CaseFile.model_validate(
            {
                "ur": {"date": UR_DATES[key]},
                "records": [{"id": "summary", "kind": "clinical_summary", "text": text}],
                "items": [{"request": "as in the letter"}],
            }
        )
        out[key] = extract_facts(case, knowledge=KNOWLEDGE)
    return out


def test_000_no_nsaid_among_current_medications(seed_facts: dict[str, ClinicalFacts]) -> None:
    assert "nsaid" not in seed_facts["000"].derived["drug_classes_current"].value  # type: ignore[operator]


def test_000_flexeril_and_prilosec_are_current(seed_facts: dict[str, ClinicalFacts]) -> None:
    assert seed_facts["000"].derived["medications_current"].value == ["cyclobenzaprine", "omeprazole"]


def test_000_work_status_documentation_absent(seed_facts: dict[str, ClinicalFacts]) -> None:
    assert seed_facts["000"].documented_absent("outcome.work_status")


def test_000_flexeril_duration_at_least_60_days_by_the_ur_date(seed_facts: dict[str, ClinicalFacts]) -> None:
    value = seed_facts["000"].derived["medication_duration_days.cyclobenzaprine"].value
    assert isinstance(value, int) and value >= 60


def test_000_home_exercise_continued_in_plan(seed_facts: dict[str, ClinicalFacts]) -> None:
    assert any(f.section == "plan" for f in seed_facts["000"].affirmed("treatment.home_exercise"))


def test_000_chronic_left_to_the_engine_months_since_injury(seed_facts: dict[str, ClinicalFacts]) -> None:
    derived = seed_facts["000"].derived
    assert "chronic" not in derived and derived["months_since_injury"].value == 76


def test_000_request_mentions_are_hypothetical(seed_facts: dict[str, ClinicalFacts]) -> None:
    requested = [f for f in seed_facts["000"].mentions("treatment.acupuncture") if f.section == "request"]
    assert requested and all(f.has(ModifierCategory.HYPOTHETICAL) for f in requested)


def test_001_two_acupuncture_sessions_completed(seed_facts: dict[str, ClinicalFacts]) -> None:
    assert seed_facts["001"].derived["sessions_completed.acupuncture"].value == 2


def test_001_twelve_sessions_from_the_acupuncturist_contradict(summaries: dict[str, str]) -> None:
    # The acupuncturist's notes, as the reviewer quotes them, are a second record.
    case = CaseFile.model_validate(
        {
            "records": [
                {"id": "summary", "text": summaries["001"]},
                {
                    "id": "acupuncturist",
                    "text": "At least 12 acupuncture sessions were noted from the acupuncturist.",
                },
            ],
            "items": [{"request": "Additional acupuncture 8 sessions"}],
        }
    )
    topics = [c.topic for c in extract_facts(case, knowledge=KNOWLEDGE).contradictions]
    assert "sessions_completed.acupuncture" in topics


def test_001_improvement_stated_and_denied(seed_facts: dict[str, ClinicalFacts]) -> None:
    assert "outcome.functional_improvement" in [c.topic for c in seed_facts["001"].contradictions]


def test_001_walking_eight_blocks_now_versus_one_before(seed_facts: dict[str, ClinicalFacts]) -> None:
    measures = [m for f in seed_facts["001"].mentions("function.walking") for m in f.measures]
    assert [(m.value, m.qualifier) for m in measures if m.kind == "walking_distance"] == [
        (8, "now"),
        (1, "before"),
    ]


def test_001_flexeril_cream_is_topical(seed_facts: dict[str, ClinicalFacts]) -> None:
    routes = {
        m.value
        for f in seed_facts["001"].mentions("treatment.medication")
        for m in f.measures
        if m.kind == "route"
    }
    assert routes == {"topical"}


def test_001_radicular_findings_on_examination(seed_facts: dict[str, ClinicalFacts]) -> None:
    assert "finding.neuro_deficit" in seed_facts["001"].derived["exam_findings"].value  # type: ignore[operator]


def test_002_spasm_only_outside_the_examination(seed_facts: dict[str, ClinicalFacts]) -> None:
    # "massage therapy for … spasming" is the plan's indication, and "decreases her pain and spasms"
    # is her report: neither is a finding on examination, as the reviewer said.
    assert "finding.muscle_spasm" not in seed_facts["002"].derived["exam_findings"].value  # type: ignore[operator]


def test_002_spasm_in_the_plan_is_the_reason_for_the_request_not_a_finding(
    seed_facts: dict[str, ClinicalFacts],
) -> None:
    spasm = seed_facts["002"].mentions("finding.muscle_spasm")
    assert [f.section for f in spasm] == ["history", "plan"]
    assert [f.section for f in spasm if f.affirmed] == ["history"]
    assert [m.cue for f in spasm if f.section == "plan" for m in f.modifiers] == ["(plan section)"]


def test_002_pain_scores_highest_and_with_medication(seed_facts: dict[str, ClinicalFacts]) -> None:
    scores = [
        m for f in seed_facts["002"].mentions("finding.pain") for m in f.measures if m.kind == "pain_score"
    ]
    assert [(m.value, m.qualifier) for m in scores] == [(9, "highest"), (5, "with_medication")]


def test_003_no_radiation_and_no_numbness(seed_facts: dict[str, ClinicalFacts]) -> None:
    # The summary is silent on both (the reviewer's "no radiation … no numbness" is the rationale):
    # nothing affirms them.
    facts = seed_facts["003"]
    assert not facts.affirmed("finding.radicular_pain") and not facts.affirmed("finding.numbness_tingling")


def test_003_no_first_line_drug_tried(seed_facts: dict[str, ClinicalFacts]) -> None:
    assert seed_facts["003"].derived["first_line_tried"].value == []


def test_003_relafen_and_flexeril_are_planned_not_current(seed_facts: dict[str, ClinicalFacts]) -> None:
    assert seed_facts["003"].derived["medications_current"].value == []


def test_003_no_spasm_on_examination(seed_facts: dict[str, ClinicalFacts]) -> None:
    assert "finding.muscle_spasm" not in seed_facts["003"].derived["exam_findings"].value  # type: ignore[operator]


def test_003_age_and_recent_injury(seed_facts: dict[str, ClinicalFacts]) -> None:
    derived = seed_facts["003"].derived
    assert (derived["age"].value, derived["months_since_injury"].value) == (31, 4)


def test_004_valium_and_nsaids_current(seed_facts: dict[str, ClinicalFacts]) -> None:
    derived = seed_facts["004"].derived
    assert (derived["medications_current"].value, derived["drug_classes_current"].value) == (
        ["diazepam"],
        ["benzodiazepine", "nsaid"],
    )


def test_004_prior_medications_are_historical(seed_facts: dict[str, ClinicalFacts]) -> None:
    tramadol = [f for f in seed_facts["004"].mentions("treatment.medication") if f.value == "tramadol"]
    assert tramadol and all(f.has(ModifierCategory.HISTORICAL) for f in tramadol)


def test_004_negative_screen_for_benzodiazepines(seed_facts: dict[str, ClinicalFacts]) -> None:
    assert seed_facts["004"].negated("treatment.drug_class")


def test_seed_facts_are_grounded(seed_facts: dict[str, ClinicalFacts], summaries: dict[str, str]) -> None:
    assert all(
        summaries[key][f.start : f.end] == f.text for key, facts in seed_facts.items() for f in facts.facts
    )


def test_seed_reading_is_deterministic(summaries: dict[str, str]) -> None:
    case = CaseFile.model_validate(
        {"records": [{"id": "s", "text": summaries["000"]}], "items": [{"request": "x"}]}
    )
    assert extract_facts(case, as_of=dt.date(2015, 3, 13), knowledge=KNOWLEDGE) == extract_facts(
        case, as_of=dt.date(2015, 3, 13), knowledge=KNOWLEDGE
    )


def test_003_reviewer_sentence_negates_radiation_and_numbness(seed_files: list) -> None:  # type: ignore[type-arg]
    letter = next(p for p in seed_files if p.name.startswith("003")).read_text(encoding="utf-8")
    sentence = " ".join(letter[letter.index("Specifically") :].split(".")[0].split())
    facts = extract_facts(
        CaseFile.model_validate({"records": [{"id": "r", "text": sentence}], "items": [{"request": "MRI"}]}),
        knowledge=KNOWLEDGE,
    )
    assert facts.negated("finding.radicular_pain") and facts.negated("finding.numbness_tingling")
