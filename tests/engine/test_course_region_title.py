"""A therapy note whose lines name no body part is of the part its title names: a course "Physical
Therapy Discharge Summary - R ankle" is no earlier course of therapy for the left knee."""

from __future__ import annotations

from drafting import draft_item, record

DISCHARGE = (
    "Dx: s/p ORIF bimalleolar fx 10/2/13.\nVisits: 24 (post-op, 12/2013 - 6/2014).\n"
    "LEFS 22→51/80.\nPatient d/c'd to HEP. Goals partially met."
)
NOTE = (
    "SUBJECTIVE: L knee pain x 3 mos, worse on stairs. OBJECTIVE: L knee patellar grind +, quad atrophy.\n"
    "DIAGNOSES: L patellofemoral pain syndrome.\nTREATMENT PLAN: PT L knee 2x4, then HEP."
)


def _draft(title: str) -> str | None:
    records = [
        record("pt", "therapy_note", "2014-07-08", DISCHARGE, title=title),
        record("pr", "progress_report", "2015-03-31", NOTE),
    ]
    return draft_item("PT 2x4 L knee", records, ur_date="2015-04-22").phase


def test_a_course_titled_for_another_body_part_is_no_earlier_course() -> None:
    assert _draft("Physical Therapy Discharge Summary - R ankle") == "initial"


def test_a_course_titled_for_the_same_body_part_is_one() -> None:
    assert _draft("Physical Therapy Discharge Summary - L knee") == "continuation"
