"""The clinical case summary written from the facts: every topic, each sentence grounded in its
records, the UR record read only for UR's date, decisions and citation, short like the seeds'."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from imr.facts import extract_facts
from imr.knowledge import load_knowledge
from imr.letters.summary import CASE_FILE, CaseSummary, write_summary
from imr.letters.ur_record import read_ur
from imr.models import CaseFile

KNOWLEDGE = load_knowledge()
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
# The seeds' clinical case summaries run from about 900 to 1,900 characters.
SEED_SUMMARY_MAX = 1_900


def _written(case: CaseFile) -> CaseSummary:
    facts = extract_facts(case, KNOWLEDGE, base_dir=EXAMPLES)
    return write_summary(case, facts, KNOWLEDGE, base_dir=EXAMPLES, on=dt.date(2015, 6, 1))


def _summary_of(request: str, *records: tuple[str, str, str, str]) -> str:
    """The summary of a case of `records` (id, kind, date, text) disputing one `request`."""
    case = CaseFile.model_validate(
        {
            "records": [{"id": i, "kind": k, "date": d, "text": t} for i, k, d, t in records],
            "items": [{"request": request}],
        }
    )
    return _written(case).text


@pytest.fixture(scope="module")
def demo() -> tuple[CaseFile, CaseSummary]:
    case = CaseFile.model_validate_json((EXAMPLES / "case-demo.json").read_text())
    return case, _written(case)


def test_the_summary_covers_each_topic_in_plain_sentences(demo: tuple[CaseFile, CaseSummary]) -> None:
    _, summary = demo
    text = summary.text
    for sentence in (
        "The injured worker is a 52-year-old female who sustained an industrial injury on 4/9/2013.",
        "The injury occurred while lifting a case of canned goods from a pallet.",
        "The injured worker was diagnosed as having lumbar strain, improving and lumbar degenerative disc "
        "disease L4-5.",
        "Treatment to date has included a home exercise program, chiropractic care, physical therapy "
        "(6 sessions) and medications.",
        "Current medications include cyclobenzaprine, naproxen and omeprazole.",
        "In the progress report dated 5/12/2015, the injured worker reported the following.",
        "Pain is now 4/10, down from 7/10 before therapy.",
        "Examination findings included the following.",
        "No muscle spasm on palpation.",
        "Work status: Returned to modified duty on 05/04/2015",
        "The treating physician is requesting physical therapy 2x2 lumbar spine, cyclobenzaprine 10mg #90, "
        "omeprazole 20mg #60 and follow-up visit in 6 weeks.",
        "On 5/20/2015, Utilization Review (UR) modified physical therapy 2x2 lumbar spine to 2 sessions and "
        "non-certified cyclobenzaprine 10mg #90, omeprazole 20mg #60 and follow-up visit in 6 weeks.",
        "UR cited the MTUS Chronic Pain Medical Treatment Guidelines.",
    ):
        assert sentence in text
    assert "…" not in text and "PRIMARY TREATING" not in text and "SUBJECTIVE COMPLAINTS" not in text
    assert len(text) <= SEED_SUMMARY_MAX
    topics = {s.topic for s in summary.sentences}
    assert topics >= {
        "worker",
        "mechanism",
        "diagnoses",
        "treatment",
        "complaints",
        "exam",
        "medications",
        "work_status",
        "requests",
        "ur",
    }


def test_every_sentence_names_its_records_and_each_span_is_the_record_text(
    demo: tuple[CaseFile, CaseSummary],
) -> None:
    case, summary = demo
    texts = {r.id: r.text or "" for r in case.records}
    for sentence in summary.sentences:
        assert sentence.records, f"ungrounded: {sentence.text!r}"
        for span in sentence.evidence:
            assert texts[span.record][span.start : span.end] == span.text
            assert span.record in sentence.records


def test_the_ur_record_is_never_a_clinical_source(demo: tuple[CaseFile, CaseSummary]) -> None:
    _, summary = demo
    for sentence in summary.sentences:
        if sentence.topic != "ur":
            assert "r3" not in sentence.records, sentence.text
    ur = [s for s in summary.sentences if s.topic == "ur"]
    assert {"r3", CASE_FILE} <= {r for s in ur for r in s.records}


def test_what_the_records_do_not_say_is_said_as_such() -> None:
    case = CaseFile.model_validate(
        {
            "records": [{"id": "r1", "kind": "progress_report", "text": "Neck pain 5/10. Plan: rest."}],
            "items": [{"request": "MRI cervical spine"}],
        }
    )
    text = _written(case).text
    assert "The records reviewed do not state the injured worker's age, sex or date of injury." in text
    assert "No mechanism of injury was noted." in text
    assert "Work status was not noted." in text
    assert "The records reviewed do not state the date or the decisions of Utilization Review (UR)." in text


def test_an_onset_told_in_words_the_summary_does_not_read_is_not_said_to_be_unnoted() -> None:
    case = CaseFile.model_validate(
        {
            "records": [
                {
                    "id": "r1",
                    "kind": "progress_report",
                    "text": "HPI: Started 11/3/15 after a shift of overhead stocking. Neck pain 6/10.",
                }
            ],
            "items": [{"request": "MRI cervical spine"}],
        }
    )
    text = _written(case).text
    assert "mechanism" not in text.lower()


def test_the_diagnoses_are_the_physicians_problem_list_not_a_later_therapy_assessment() -> None:
    pr2 = (
        "SUBJECTIVE: R shoulder pain overhead.\n"
        "OBJECTIVE: Neer +, Hawkins + R shoulder.\n"
        "PROBLEM LIST: 1. R shoulder impingement syndrome. 2. Cervical strain.\n"
        "PLAN: Continue HEP."
    )
    therapy = (
        "Visit 6/6.\nS: R shoulder pain 6/10.\nA: Minimal progress in overhead tolerance after 6 visits.\n"
        "P: Return to MD."
    )
    text = _summary_of(
        "R shoulder subacromial injection",
        ("pr2", "progress_report", "2015-03-03", pr2),
        ("pt", "therapy_note", "2015-03-10", therapy),
    )
    assert "diagnosed as having R shoulder impingement syndrome and cervical strain." in text
    assert "Minimal progress" not in text.split("diagnosed as having")[1].split(".")[0]
    assert text.count("impingement syndrome") == 1


def test_current_medications_are_the_latest_notes_and_a_drug_taken_as_needed_is_one() -> None:
    old = "SUBJECTIVE: Knee pain. Neurontin started 4/2014, now 300 mg TID with 50% relief.\nPLAN: Continue."
    new = (
        "SUBJECTIVE: Knee pain 7/10. Was on Neurontin in 2014, stopped for dizziness. "
        "Current meds: ibuprofen 400 mg prn (1-2x/wk).\nPLAN: Restart gabapentin."
    )
    text = _summary_of(
        "Gabapentin 300 mg #90",
        ("old", "progress_report", "2014-06-12", old),
        ("new", "progress_report", "2016-02-22", new),
    )
    assert "Current medications include ibuprofen." in text


def test_a_shorthand_pr2_is_read_by_its_headings_dates_and_stops() -> None:
    note = (
        "SUBJ: 7 wks s/p L knee APM. Knee improving, no locking. Now off Norco, on ibuprofen.\n"
        "OBJ: L knee small effusion, ROM 0-120.\n"
        "DX: s/p L knee partial medial meniscectomy 3/10/15. Lumbar myalgia/strain.\n"
        "PLAN: Post-op PT 2x3 L knee."
    )
    text = _summary_of("Post-op PT 2x3 L knee", ("pr2", "progress_report", "2015-04-30", note))
    # a date's year is no list number: "3/10/" had ended an entry
    assert "meniscectomy 3/10/15 and lumbar myalgia/strain." in text
    # SUBJ: and OBJ: head the complaints and the examination
    assert "reported the following. 7 wks s/p L knee APM." in text
    assert "Examination findings included the following. L knee small effusion" in text
    # "now off Norco": stopped, not a current medication
    assert "Current medications include ibuprofen." in text


def test_the_mechanism_may_be_an_event() -> None:
    case = CaseFile.model_validate_json((EXAMPLES / "case-acupuncture-trial.json").read_text())
    text = _written(case).text
    assert "The injury was attributed to a motor vehicle collision at work on 09/22/2014." in text


def test_seed_summaries_are_rewritten_short(seeds_dir: Path) -> None:
    for line in (EXAMPLES / "seed-cases.jsonl").read_text().splitlines():
        data = json.loads(line)
        data.pop("expected", None)
        case = CaseFile.model_validate(data)
        summary = write_summary(case, extract_facts(case, KNOWLEDGE), KNOWLEDGE, on=dt.date(2015, 6, 1))
        assert summary.text.startswith("The injured worker")
        assert len(summary.text) <= SEED_SUMMARY_MAX + 300, case.case_id


def test_ur_reading_gives_date_decisions_and_citation() -> None:
    case = CaseFile.model_validate_json((EXAMPLES / "case-demo.json").read_text())
    texts = {r.id: r.text or "" for r in case.records}
    ur = read_ur(case, texts, KNOWLEDGE)
    assert ur.date == dt.date(2015, 5, 20)
    assert ur.records == ("r3",)
    assert [i.decision if i else None for i in ur.items] == [
        "modified",
        "non-certified",
        "non-certified",
        "non-certified",
    ]
    assert ur.items[0] is not None and ur.items[0].modified_to == "2 sessions"
    cited = ur.citation_for(1)
    assert cited is not None and cited.text == "MTUS Chronic Pain Medical Treatment Guidelines"
    assert texts["r3"][cited.evidence.start : cited.evidence.end] == cited.evidence.text


def test_ur_that_cited_nothing_is_read_as_such() -> None:
    case = CaseFile.model_validate(
        {
            "records": [
                {
                    "id": "u",
                    "kind": "ur_decision",
                    "text": "The request is denied. The reviewer did not cite any "
                    "medical evidence for this decision.",
                }
            ],
            "items": [{"request": "Acupuncture 6 visits"}],
        }
    )
    ur = read_ur(case, {"u": case.records[0].text or ""}, KNOWLEDGE)
    assert ur.cited is not None and ur.cited.text is None
    assert ur.citation_for(0) is ur.cited


def test_only_the_records_the_facts_read_as_clinical_are_sources() -> None:
    """A UR letter filed as a PDF (known by its heading), an attorney's letter and a clinical note's
    report of UR's decision are never the worker's history; a treatment planned or asked for (in a
    note or an RFA) is no treatment to date."""
    case = CaseFile.model_validate(
        {
            "records": [
                {
                    "id": "pr2",
                    "kind": "progress_report",
                    "date": "2015-03-10",
                    "text": "SUBJECTIVE COMPLAINTS: She reports low back pain rated 6/10. She has "
                    "completed physical therapy. She will start massage therapy next week. UR "
                    "non-certified the acupuncture on 3/1/2015.\nOBJECTIVE FINDINGS: Tenderness of the "
                    "lumbar paraspinal muscles.\nASSESSMENT: Lumbar strain.\n",
                },
                {
                    "id": "urpdf",
                    "kind": "pdf",
                    "text": "UTILIZATION REVIEW DETERMINATION\nDiagnosis: lumbar radiculopathy with saddle "
                    "anesthesia.\nThe worker was injured while lifting a crate at work.\n",
                },
                {
                    "id": "law",
                    "kind": "attorney_letter",
                    "text": "LAW OFFICES OF JANE DOE\nThe applicant was injured at work when she fell from "
                    "a ladder. She has had massage therapy.\n",
                },
                {
                    "id": "rfa",
                    "kind": "rfa",
                    "text": "REQUEST FOR AUTHORIZATION\nRequested: acupuncture 6 visits for low back pain.\n",
                },
            ],
            "items": [{"request": "Acupuncture 6 visits"}],
        }
    )
    facts = extract_facts(case, KNOWLEDGE)
    assert facts.record_roles["urpdf"].role == "dispute" and facts.record_roles["law"].role == "dispute"
    summary = write_summary(case, facts, KNOWLEDGE, texts={r.id: r.text or "" for r in case.records})
    for sentence in summary.sentences:
        if sentence.topic != "ur":
            assert not {"urpdf", "law"} & set(sentence.records), sentence.text
    text = summary.text
    for said_elsewhere in ("saddle anesthesia", "crate", "ladder", "non-certified the acupuncture"):
        assert said_elsewhere not in text
    assert "No mechanism of injury was noted." in text
    assert "She reports low back pain rated 6/10." in text
    treatment = [s.text for s in summary.sentences if s.topic == "treatment"]
    assert treatment == ["Treatment to date has included physical therapy."]


def test_a_ur_letter_of_an_unlisted_kind_is_read_by_its_heading_as_the_facts_read_it() -> None:
    ur_text = (
        "ACME UR SERVICES\nUTILIZATION REVIEW DETERMINATION\n\n"
        "1. Acupuncture 6 visits: non-certified.\nGuidelines cited: ODG Pain chapter\n"
    )
    note = "PROGRESS NOTE\nGuidelines cited: none. Low back pain 5/10.\n"
    case = CaseFile.model_validate(
        {
            "records": [
                {"id": "scan", "kind": "pdf", "date": "2015-03-13", "text": ur_text},
                {"id": "note", "kind": "pdf", "text": note},
            ],
            "items": [{"request": "Acupuncture 6 visits"}],
        }
    )
    assert extract_facts(case, KNOWLEDGE).record_roles["scan"].role == "dispute"
    ur = read_ur(case, {"scan": ur_text, "note": note}, KNOWLEDGE)
    assert ur.records == ("scan",)
    assert ur.date == dt.date(2015, 3, 13)
    assert ur.items[0] is not None and ur.items[0].decision == "non-certified"
    cited = ur.citation_for(0)
    assert cited is not None and cited.text == "ODG Pain chapter"


def test_brand_names_keep_their_capital_in_the_requests_sentence() -> None:
    case = CaseFile.model_validate(
        {
            "date_of_injury": "2013-05-22",
            "ur": {"date": "2015-10-27"},
            "records": [
                {"id": "pr2", "kind": "progress_report", "date": "2015-10-06", "text": "Neck pain 8/10."}
            ],
            "items": [
                {"request": "Percocet 10/325 #180", "ur_decision": "non-certified"},
                {"request": "Physical therapy 2x6 neck", "ur_decision": "non-certified"},
            ],
        }
    )
    text = _written(case).text
    assert "requesting Percocet 10/325 #180 and physical therapy 2x6 neck." in text
    assert "non-certified Percocet 10/325 #180" in text


def test_treatment_to_date_lists_only_what_the_records_say_was_received() -> None:
    note = (
        "S: Chronic LBP. Completed PT x12 in 2015. Saw FRP team 2/14 for an evaluation.\n"
        "P: Functional restoration program x 10 days."
    )
    case = CaseFile.model_validate(
        {
            "records": [{"id": "r1", "kind": "progress_report", "date": "2016-03-01", "text": note}],
            "items": [{"request": "Functional restoration program x 10 days"}],
        }
    )
    text = _written(case).text
    treatment = next(s for s in text.split(". ") if s.startswith("Treatment to date"))
    assert "physical therapy" in treatment
    assert "functional restoration" not in treatment
