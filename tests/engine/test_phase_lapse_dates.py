"""How long ago the last use was decides a renewal: a medication list's stop date, a stop dated by
"since" after the treatment, and a note's undated mentions of the course it dates the end of."""

from __future__ import annotations

from typing import Any

from drafting import draft_item, record

from imr.models import ItemDetermination


def one_item(request: str, note: dict[str, str], *, ur_date: str) -> ItemDetermination:
    rec: dict[str, Any] = record("r1", "progress_report", note["date"], note["text"])
    return draft_item(request, [rec], ur_date=ur_date)


def test_a_medication_list_stop_date_ends_the_use_its_start_date_began() -> None:
    item = one_item(
        "Baclofen 10 mg #60",
        {
            "date": "2017-03-02",
            "text": "MEDICATION HISTORY:\n- Baclofen 10 mg bid: started 01/2014, stopped 04/2014 - no help.\n"
            "PLAN: Restart baclofen for spasm.",
        },
        ur_date="2017-03-20",
    )
    assert item.phase == "renewal"


def test_a_list_entry_with_a_start_date_and_no_stop_is_still_in_use() -> None:
    item = one_item(
        "Baclofen 10 mg #60",
        {
            "date": "2017-03-02",
            "text": "MEDICATIONS:\n- Baclofen 10 mg bid: started 01/2014, helps with spasm.\nPLAN: Refill.",
        },
        ur_date="2017-03-20",
    )
    assert item.phase == "continuation"


def test_off_a_therapy_since_a_date_long_ago_is_a_renewal() -> None:
    item = one_item(
        "Physical therapy 2x4 left knee",
        {
            "date": "2017-05-10",
            "text": "Knee pain is back. He has been off formal PT since 03/2014. Plan: PT 2x4 left knee.",
        },
        ur_date="2017-05-25",
    )
    assert item.phase == "renewal"


def test_an_undated_mention_beside_a_dated_stop_is_the_old_course() -> None:
    item = one_item(
        "Duloxetine 30 mg #30",
        {
            "date": "2017-08-01",
            "text": "She has been off Cymbalta since 2/2015. "
            "ASSESSMENT: Prior response to duloxetine was fair. PLAN: Restart duloxetine 30 mg daily.",
        },
        ur_date="2017-08-15",
    )
    assert item.phase == "renewal"


def test_a_tablet_dose_is_no_earlier_use_of_a_topical_form() -> None:
    item = one_item(
        "Diclofenac 1% gel 100 g",
        {"date": "2017-04-03", "text": "She takes diclofenac sodium 75 mg bid, with heartburn. Plan: gel."},
        ur_date="2017-04-20",
    )
    assert item.phase == "initial"


def test_an_ingredient_of_a_compounded_cream_is_no_earlier_use_by_mouth() -> None:
    item = one_item(
        "Cyclobenzaprine 5 mg #30",
        {
            "date": "2017-04-03",
            "text": "Using a compounded cream (ketoprofen 10%/cyclobenzaprine 2%) with relief. Spasm today.",
        },
        ur_date="2017-04-20",
    )
    assert item.phase == "initial"


def test_a_course_told_as_remote_with_no_date_is_a_renewal() -> None:
    item = one_item(
        "Acupuncture 1x6 cervical",
        {"date": "2017-06-12", "text": "Neck pain flare. Remote acupuncture helped. Plan: acupuncture x6."},
        ur_date="2017-06-30",
    )
    assert item.phase == "renewal"
    assert "do not date" in item.phase_reason


def test_a_pain_score_with_the_drug_is_use_now() -> None:
    item = one_item(
        "Meloxicam 15 mg #30",
        {"date": "2017-06-12", "text": "Knee pain 8/10 -> 5/10 with meloxicam. RFA meloxicam."},
        ur_date="2017-06-30",
    )
    assert item.phase == "continuation"


def test_an_effect_the_drug_allows_is_use_now() -> None:
    item = one_item(
        "Meloxicam 15 mg #30",
        {"date": "2017-06-12", "text": "Meloxicam allows him to garden for an hour. RFA meloxicam."},
        ur_date="2017-06-30",
    )
    assert item.phase == "continuation"


def test_a_later_note_that_the_drug_was_stopped_ends_an_earlier_use() -> None:
    rec = [
        record("r1", "progress_report", "2016-09-01", "Naproxen 500 mg: pain 6/10 w/ naproxen. Continue."),
        record("r2", "progress_report", "2016-10-20", "Off naproxen since 9/2016 due to dyspepsia."),
        record("r3", "progress_report", "2017-03-15", "Knee pain worse. Plan: restart naproxen."),
    ]
    item = draft_item("Naproxen 500 mg #60", rec, ur_date="2017-03-30")
    assert item.phase == "renewal"
