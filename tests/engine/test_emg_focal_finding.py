"""Electrodiagnostics of the legs look for focal neurologic dysfunction: occasional foot tingling with
radiating pain denied and a normal neurologic examination is none; radiating pain is."""

from __future__ import annotations

from drafting import draft_item, record

from imr.models import Decision

NOTE = (
    "SUBJECTIVE: Low back pain 7/10 since a fall 7/28/15. {symptoms}\n"
    "OBJECTIVE: SLR negative bilaterally. Sensation intact to light touch L3-S1 bilaterally. Motor 5/5 "
    "throughout LE. Patellar and Achilles reflexes 2+ and symmetric.\n"
    "ASSESSMENT: Lumbar sprain/strain.\n"
    "PLAN: EMG/NCV bilateral lower extremities. Continue naproxen, HEP."
)


def _draft(symptoms: str) -> tuple[Decision | None, dict[str, str]]:
    records = [record("pr2", "progress_report", "2016-08-16", NOTE.format(symptoms=symptoms))]
    item = draft_item(
        "EMG/NCV bilateral lower extremities", records, ur_date="2016-09-13", injury="2015-07-28"
    )
    return item.decision, {c.id.split(".")[-1]: c.result for c in item.criteria}


def test_occasional_tingling_with_no_radiating_pain_and_a_normal_exam_is_no_focal_finding() -> None:
    decision, criteria = _draft("No radiating pain. Occasional tingling in both feet when sitting long.")
    assert criteria["focal_finding"] == "not_met"
    assert decision == Decision.UPHELD


def test_pain_radiating_down_the_leg_is_a_focal_question_for_electrodiagnostics() -> None:
    decision, criteria = _draft("Pain radiating down the left leg to the foot with tingling for 3 months.")
    assert criteria["focal_finding"] == "met"
    assert decision == Decision.OVERTURNED


CTS_NOTE = (
    "SUBJECTIVE: Bilat hand numbness, R worse, 8 months. LBP 3/10, intermittent, no radiation, "
    "no numbness/tingling in legs.\n"
    "OBJECTIVE: Tinel/Phalen + bilat. L-spine: SLR neg bilat, sensation intact L4-S1, strength 5/5, "
    "DTRs 2+ sym.\n"
    "ASSESSMENT: Bilat CTS, R>L. Lumbar strain, stable.\n"
    "PLAN: EMG/NCV bilateral lower extremities to check everything."
)


def _focal(note: str, request: str) -> tuple[str, Decision | None]:
    """The focal-finding criterion's result and the decision for `request` on one note."""
    records = [record("pr2", "progress_report", "2015-01-05", note)]
    item = draft_item(request, records, ur_date="2015-01-16", injury="2014-08-27")
    return {c.id.split(".")[-1]: c.result for c in item.criteria}["focal_finding"], item.decision


def test_carpal_tunnel_syndrome_is_no_focal_finding_of_the_legs() -> None:
    assert _focal(CTS_NOTE, "EMG/NCV bilateral lower extremities") == ("not_met", Decision.UPHELD)


NECK_NOTE = (
    "SUBJECTIVE: Neck pain 6/10, R arm numbness thumb/index persists. Low back 3/10, improved with PT, "
    "denies radiating leg pain, denies numbness/tingling in legs.\n"
    "OBJECTIVE: Spurling + R. Decr sensation R C6 dermatome. Biceps/brachioradialis 1+ R, 2+ L. "
    "Wrist ext 4/5 R. L-spine: mild TTP, SLR neg bilat, sensation intact L2-S1 bilat, reflexes 2+ and "
    "symmetric, heel/toe walk normal.\n"
    "DIAGNOSES: 1. Cervical radiculopathy R C6. 2. Lumbar strain, improving.\n"
    "TREATMENT PLAN: EMG/NCV bilat upper extremities and EMG/NCV bilat lower extremities."
)


def test_neck_and_arm_findings_are_no_focal_finding_of_the_legs() -> None:
    assert _focal(NECK_NOTE, "EMG/NCV bilateral lower extremities") == ("not_met", Decision.UPHELD)
    assert _focal(NECK_NOTE, "EMG/NCV bilateral upper extremities")[1] == Decision.OVERTURNED
