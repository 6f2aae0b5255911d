"""Studies and referrals that serve a surgical decision: a worker who declines surgery is no surgical
candidate (ACOEM ch. 12: imaging for nerve compromise in a worker who would consider surgery)."""

from __future__ import annotations

import pytest
from drafting import KNOWLEDGE, draft_item, record

from imr.facts import extract_text
from imr.items import normalize_request, read_request
from imr.models import Decision

L5_EXAM = (
    "SUBJECTIVE: LBP and R leg pain to the lateral calf, 6/10. Has tried PT x12, chiro x6 and naproxen "
    "without benefit. {wish}\n"
    "OBJECTIVE: SLR + R at 50 deg. Decr sensation R L5 dermatome. EHL 5/5. DTRs 2+ sym.\n"
    "DIAGNOSES: R L5 radiculopathy.\n"
    "TREATMENT PLAN: MRI L-spine w/o contrast."
)


def _declined(text: str) -> list[bool]:
    return [
        f.affirmed for f in extract_text(text, knowledge=KNOWLEDGE) if f.concept == "event.surgery_declined"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Pt states she does not want surgery or injections under any circumstances.",
        "He states he does not want surgery and would not consider an operation.",
        "Discussed ESI and spine surgery referral; pt declines, 'scared of needles and surgery.'",
        "She is not interested in surgery at this time.",
    ],
)
def test_a_refusal_of_surgery_is_read(text: str) -> None:
    found = _declined(text)
    assert found and all(found)


@pytest.mark.parametrize(
    "text",
    [
        "She would consider surgery if the MRI shows a lesion.",
        "Pt wishes to proceed with surgery.",
        "Plan: spine surgery consult; patient declines injections.",
        "She does not want injections.",
    ],
)
def test_willingness_or_a_refused_injection_is_no_refusal_of_surgery(text: str) -> None:
    assert not any(_declined(text))


def _lumbar_mri(wish: str) -> Decision:
    records = [record("pr2", "progress_report", "2016-02-16", L5_EXAM.format(wish=wish))]
    return draft_item(
        "MRI lumbar spine w/o contrast", records, ur_date="2016-02-24", injury="2014-03-12"
    ).decision


def test_a_lumbar_mri_for_a_worker_who_declines_surgery_is_not_supported() -> None:
    assert _lumbar_mri("She does not want surgery under any circumstances.") == Decision.UPHELD


def test_a_lumbar_mri_for_a_worker_who_would_consider_surgery_is_supported() -> None:
    assert _lumbar_mri("She would consider surgery if a lesion is found.") == Decision.OVERTURNED


@pytest.mark.parametrize(
    ("request_text", "service"),
    [
        ("Neurosurgical consultation lumbar spine", "surgical_consultation"),
        ("Orthopedic surgery consultation L knee", "surgical_consultation"),
        ("Referral to spine surgeon", "surgical_consultation"),
        ("Pain management consultation", "consultation"),
        ("Pain management consult s/p lumbar surgery", "consultation"),
    ],
)
def test_a_consultation_with_a_surgeon_is_a_surgical_consultation(request_text: str, service: str) -> None:
    assert read_request(request_text, KNOWLEDGE).service == service


KNEE_NOTE = (
    "SUBJECTIVE: L knee, 9 wks post injury. Completed PT x8 and doing HEP daily, on ibuprofen. Reports "
    "locking episodes 2-3x/wk, knee gave way on stairs. {wish}\n"
    "OBJECTIVE: mild effusion L knee. Medial joint line TTP. McMurray + medial with palpable click "
    "and pain.\n"
    "PLAN: Ortho surgery consult L knee to discuss arthroscopy."
)


def _knee_consult(wish: str) -> tuple[Decision | None, str | None]:
    records = [record("pr2", "progress_report", "2015-10-20", KNEE_NOTE.format(wish=wish))]
    item = draft_item(
        "Orthopedic surgery consultation L knee", records, ur_date="2015-10-28", injury="2015-08-14"
    )
    return item.decision, item.guideline.topic_id if item.guideline else None


def test_a_knee_surgical_referral_after_failed_exercise_with_a_locking_knee_is_supported() -> None:
    decision, topic = _knee_consult("She wants to know her surgical options.")
    assert (decision, topic) == (Decision.OVERTURNED, "knee_surgical_referral")


def test_a_knee_surgical_referral_for_a_worker_who_declines_surgery_is_not_supported() -> None:
    decision, _ = _knee_consult("She does not want surgery.")
    assert decision == Decision.UPHELD


LUMBAR_AXIAL = (
    "SUBJECTIVE: chronic LBP 8/10. Denies leg pain, numbness or weakness. Has tried PT x12 without benefit.\n"
    "OBJECTIVE: TTP L3-S1 paraspinals. SLR neg bilaterally. Motor 5/5 BLE, sensation intact, "
    "reflexes 2+ sym.\n"
    "MEDS: Norco 10/325 up to 4/day; UDS consistent. He cannot walk more than one block; ADLs unchanged.\n"
    "DIAGNOSES: Lumbar DDD; chronic LBP.\n"
    "PLAN: neurosurgical consultation lumbar spine for second opinion. F/u 4 wks.\n"
    "WORK STATUS: TTD."
)


def test_a_lumbar_surgical_referral_without_neural_signs_is_not_supported() -> None:
    mri = (
        "MRI LUMBAR SPINE. Mild multilevel degenerative disc disease L3-S1 with small disc bulges. "
        "No central or foraminal stenosis. No nerve root compression. "
        "IMPRESSION: Mild DDD L3-S1 without stenosis or neural compromise."
    )
    records = [
        record("mri", "imaging", "2014-02-03", mri),
        record("pr2", "progress_report", "2014-05-20", LUMBAR_AXIAL),
    ]
    item = draft_item(
        "Neurosurgical consultation lumbar spine", records, ur_date="2014-06-11", injury="2010-10-04"
    )
    assert item.decision == Decision.UPHELD


@pytest.mark.parametrize(
    ("request_text", "topic"),
    [
        ("Spine surgery consultation cervical", "cervical_surgical_referral"),
        ("Orthopedic surgeon referral R shoulder", "shoulder_surgical_referral"),
        ("Neurosurgical consultation lumbar spine", "lumbar_surgical_referral"),
        ("Orthopedic surgery consultation L knee", "knee_surgical_referral"),
        # a region without its own referral criteria keeps the general consultation topic
        ("Surgical consult R wrist", "consultations"),
    ],
)
def test_a_surgical_consultation_goes_to_its_regions_referral_criteria(request_text: str, topic: str) -> None:
    assert normalize_request(request_text, KNOWLEDGE).topics[0] == topic
