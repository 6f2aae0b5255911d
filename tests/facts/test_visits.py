"""A therapy visit note records the therapy its title or author names, with its visit number as the
sessions done and its unattributed benefits credited to that therapy."""

from __future__ import annotations

from imr.facts.extract import extract_facts
from imr.knowledge import load_knowledge
from imr.models import CaseFile
from imr.models.facts import ClinicalFacts, UsageStatus

KNOWLEDGE = load_knowledge()


def _facts(kind: str, text: str, *, title: str | None = None, author: str | None = None) -> ClinicalFacts:
    record = {
        "id": "note",
        "kind": kind,
        "date": "2015-07-20",
        "text": text,
        "title": title,
        "author": author,
    }
    case = CaseFile.model_validate(
        {"case_id": "V-1", "records": [record], "items": [{"request": "Acupuncture x6 lumbar"}]}
    )
    return extract_facts(case, KNOWLEDGE)


def test_the_authors_credential_names_the_therapy_and_the_visit_number_counts_sessions() -> None:
    facts = _facts(
        "therapy_note", "Tx #4 of 6. Needles L3-S1 paraspinals. Pain 6/10 today.", author="M. Chen, L.Ac."
    )
    given = [
        f
        for f in facts.mentions("treatment.acupuncture")
        if f.usage and f.usage.status == UsageStatus.CURRENT
    ]
    assert [f.text for f in given] == ["Tx #4 of 6."]
    assert facts.value("sessions_completed.acupuncture").value == 4


def test_the_title_names_the_therapy_and_its_benefit_is_credited_to_it() -> None:
    facts = _facts(
        "therapy_note",
        "Visit 8/8. Lumbar strain. Lifting tolerance 15 lbs, was 5 lbs at eval. Independent with HEP.",
        title="Physical Therapy Daily Note",
    )
    assert facts.value("sessions_completed.physical_therapy").value == 8
    gain = facts.affirmed("outcome.function_gain")
    assert gain and gain[0].about == ["treatment.physical_therapy"]


def test_a_mention_no_cue_reads_is_the_therapy_given_and_is_quoted() -> None:
    facts = _facts(
        "therapy_note",
        "Referring: G. Navarro, MD. Dx: bilateral CTS.\nOT discharge, 6 visits: nerve gliding, splint check.",
        author="V. Ochoa, OTR/L",
    )
    given = [
        f
        for f in facts.mentions("treatment.physical_therapy")
        if f.usage and f.usage.status == UsageStatus.CURRENT
    ]
    assert given and "Referring" not in given[0].evidence().text
    assert "OT discharge" in given[0].evidence().text


def test_a_progress_report_or_an_unnamed_therapy_is_no_visit() -> None:
    pr2 = _facts("progress_report", "Visit 8/8. Lumbar strain.", author="K. Lee, DPT")
    assert not pr2.mentions("treatment.physical_therapy")
    unnamed = _facts("therapy_note", "Visit 8/8. Lumbar strain.", author="K. Lee")
    assert not unnamed.mentions("treatment.physical_therapy")


def test_a_date_is_no_visit_number() -> None:
    facts = _facts("therapy_note", "Seen for visit 8/8/15. Lumbar strain, ther-ex.", author="K. Lee, DPT")
    assert facts.value("sessions_completed.physical_therapy") is None


def test_a_visit_range_counts_its_last_visit_and_a_schedule_is_no_count() -> None:
    done = _facts(
        "therapy_note",
        "Lumbar strain. Visits 1-6: 9/26/16-10/28/16. Oswestry 40% -> 24%.",
        author="T. Oduya, PT",
    )
    assert done.value("sessions_completed.physical_therapy").value == 6
    schedule = _facts("therapy_note", "Lumbar strain. Plan sessions 3-4 per week.", author="T. Oduya, PT")
    assert schedule.value("sessions_completed.physical_therapy") is None


def test_a_visit_notes_treatment_lines_name_the_region_its_therapy_treated() -> None:
    facts = _facts(
        "therapy_note",
        "CHIROPRACTIC DAILY NOTE\nTx #7.\nS: Back feels looser.\nTx: Diversified adjustment L-spine and SI.",
        author="T. Nakamura, DC",
    )
    given = facts.mentions("treatment.chiropractic")
    assert given and all(f.regions == ["lumbar"] for f in given)


def test_an_initial_evaluation_note_records_no_visit_of_a_course() -> None:
    text = (
        "OT INITIAL EVALUATION - R HAND s/p open CTR 3/8/16\nGrip R 12 kg, L 28 kg.\n"
        "Plan: Pending authorization for 12 visits (3x4). Pt independent with HEP demonstration."
    )
    for title, author in (("Hand Therapy Initial Evaluation", "K. Lee, OTR/L"), (None, "K. Lee, OTR/L")):
        facts = _facts("therapy_note", text, title=title, author=author)
        given = [
            f
            for f in facts.mentions("treatment.physical_therapy")
            if f.usage and f.usage.status in (UsageStatus.CURRENT, UsageStatus.PAST)
        ]
        assert given == [], title


def test_a_physical_therapy_initial_evaluation_heading_is_no_visit_of_a_course() -> None:
    facts = _facts("therapy_note", "PHYSICAL THERAPY INITIAL EVALUATION\nLumbar strain. Flexion 40 deg.")
    assert not [
        f
        for f in facts.mentions("treatment.physical_therapy")
        if f.usage and f.usage.status in (UsageStatus.CURRENT, UsageStatus.PAST)
    ]


def test_a_therapy_evaluation_heading_is_no_visit_of_a_course_of_the_care_it_names() -> None:
    facts = _facts(
        "therapy_note",
        "HOME HEALTH PT EVAL: Pt homebound - requires walker, assist of 1 on stairs. HEP issued.",
    )
    for concept in ("treatment.home_health", "treatment.physical_therapy"):
        assert not [
            f
            for f in facts.mentions(concept)
            if f.usage and f.usage.status in (UsageStatus.CURRENT, UsageStatus.PAST)
        ], concept


def test_a_note_with_no_title_names_its_therapy_by_the_letters_heading_it_and_counts_visits_completed() -> (
    None
):
    facts = _facts(
        "therapy_note",
        "PT PROGRESS / RE-EVALUATION. L knee s/p partial medial meniscectomy 11/4/14. "
        "Visits completed: 12 (12/2014 - 3/2015). Knee ROM 0-135.",
    )
    assert facts.value("sessions_completed.physical_therapy").value == 12


def test_hvla_names_the_manipulation_a_benefit_after_it_is_credited_to() -> None:
    facts = _facts(
        "therapy_note",
        "Completed 6 of 6 trial visits. Tx: HVLA L4-5, L5-S1, core exercises reviewed; pt doing home "
        "program 5 days/wk.\nRe-exam: Oswestry 26% (48% at initial).",
        title="Chiropractic Daily Note - Visit 6 of 6 / Re-exam",
        author="R. Delgado, DC",
    )
    gain = facts.affirmed("outcome.function_gain")
    assert gain and "treatment.chiropractic" in gain[0].about


def test_visits_counted_before_the_word_count_completed_sessions() -> None:
    facts = _facts(
        "therapy_note",
        "Completed 6 of 6 trial visits. Tx: HVLA L4-5, L5-S1. Oswestry 26% (48% at initial).",
        title="Chiropractic Daily Note / Re-exam",
        author="R. Delgado, DC",
    )
    assert facts.value("sessions_completed.chiropractic").value == 6
    # sets of an exercise are no visits
    sets = _facts("therapy_note", "Completed 3 of 4 sets of bridges.", author="R. Delgado, DC")
    assert sets.value("sessions_completed.chiropractic") is None


def test_a_note_that_says_the_visit_was_evaluation_only_records_no_visit_of_a_course() -> None:
    text = (
        "ACUPUNCTURE INTAKE EVALUATION\nReferred for low back pain.\nPt reports LBP 6/10.\n"
        "Evaluation only; no needling performed today -- treatment to begin once authorization is received."
    )
    for title in ("Acupuncture evaluation", None):
        facts = _facts("therapy_note", text, title=title, author="K. Wong, L.Ac.")
        given = [
            f
            for f in facts.mentions("treatment.acupuncture")
            if f.usage and f.usage.status in (UsageStatus.CURRENT, UsageStatus.PAST)
        ]
        assert given == [], title
    later = "Acupuncture visit. Pt reports LBP 6/10.\nEvaluation only; no needling performed today."
    assert not [
        f
        for f in _facts("therapy_note", later, author="K. Wong, L.Ac.").mentions("treatment.acupuncture")
        if f.usage and f.usage.status in (UsageStatus.CURRENT, UsageStatus.PAST)
    ]


def test_a_note_that_records_gains_region_by_region_places_each_at_its_region() -> None:
    facts = _facts(
        "therapy_note",
        "PT PROGRESS NOTE - L knee s/p APM 3/10/15. Visit 6 of 6 authorized.\n"
        "LEFS 28/80 -> 49/80\n"
        "Lumbar (seen same visits, 4 visits 2/2015 + HEP): standing tolerance 10 -> 30 min.",
        author="T. Ngo, PT",
    )
    gains = {f.text: f.regions for f in facts.facts if f.concept == "outcome.function_gain"}
    assert gains == {"LEFS 28/80 -> 49/80": ["knee"], "standing tolerance 10 -> 30": ["lumbar"]}


def test_a_note_whose_gains_are_of_one_region_places_none() -> None:
    facts = _facts(
        "therapy_note",
        "PT PROGRESS NOTE - L knee. Visit 6 of 6.\nKnee flex AROM 0-95 deg -> 0-122 deg\nLEFS 28/80 -> 49/80",
        author="T. Ngo, PT",
    )
    assert all(not f.regions for f in facts.facts if f.concept == "outcome.function_gain")
