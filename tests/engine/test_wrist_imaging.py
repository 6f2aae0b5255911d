"""Wrist and hand MRI answers a structural question (a red flag, a suspected occult fracture, a mass
or ganglion, a ligament tear or carpal instability); carpal tunnel syndrome is a clinical and
nerve-conduction diagnosis, not one for imaging."""

from __future__ import annotations

from drafting import draft_item, record

from imr.models import Decision

CTS_NOTE = (
    "SUBJECTIVE: Numbness R thumb, index and middle fingers for 4 months, night waking. "
    "Wrist splints nightly, hand therapy x6 and ibuprofen without lasting change.\n"
    "OBJECTIVE: Tinel + and Phalen + R wrist. Decr sensation median digits R. {exam}\n"
    "DIAGNOSES: R carpal tunnel syndrome, failed conservative care.\n"
    "TREATMENT PLAN: MRI R wrist w/o contrast. Hand surgery consult for carpal tunnel release.\n"
    "WORK STATUS: Modified duty."
)
XRAY = (
    "X-RAY RIGHT WRIST 3 VIEWS\nFINDINGS: No fracture or dislocation. Joint spaces preserved.\n"
    "IMPRESSION: Normal wrist."
)


def _draft(exam: str) -> tuple[Decision | None, dict[str, str]]:
    records = [
        record("xr", "imaging", "2015-04-02", XRAY),
        record("pr2", "progress_report", "2015-08-03", CTS_NOTE.format(exam=exam)),
    ]
    item = draft_item("MRI R wrist w/o contrast", records, ur_date="2015-08-20", injury="2015-03-20")
    return item.decision, {c.id.split(".")[-1]: c.result for c in item.criteria}


def test_carpal_tunnel_syndrome_with_no_structural_question_is_no_indication_for_wrist_mri() -> None:
    decision, criteria = _draft("Wrist ROM full, no mass, no ganglion, no snuffbox tenderness.")
    assert criteria["structural_question"] == "not_met"
    assert decision == Decision.UPHELD


def test_a_ganglion_felt_at_the_wrist_is_a_question_for_wrist_mri() -> None:
    decision, criteria = _draft("Firm 1 cm volar ganglion at the wrist crease, tender.")
    assert criteria["structural_question"] == "met"
    assert decision == Decision.OVERTURNED


def test_a_positive_watson_test_is_a_question_for_wrist_mri() -> None:
    decision, criteria = _draft("Watson test positive with a painful clunk R.")
    assert criteria["structural_question"] == "met"
    assert decision == Decision.OVERTURNED


def test_a_nerve_ganglion_or_body_mass_is_no_wrist_lesion() -> None:
    decision, criteria = _draft("Stellate ganglion block discussed for pain. Body mass index 31.")
    assert criteria["structural_question"] != "met"
    assert decision == Decision.UPHELD
