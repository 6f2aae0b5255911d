"""The treatment phase is read from what the clinical records say of use, never from plans,
requests or the UR letter, and it carries the clause it rests on."""

from __future__ import annotations

from typing import Any

from imr.engine import draft
from imr.knowledge import load_knowledge
from imr.models import CaseFile, ItemDetermination


def one_item(request: str, *records: dict[str, Any], ur_date: str = "2015-06-01") -> ItemDetermination:
    case = CaseFile.model_validate(
        {
            "ur": {"date": ur_date},
            "date_of_injury": "2013-01-10",
            "records": [{"id": f"r{i}", "kind": "progress_report", **r} for i, r in enumerate(records, 1)],
            "items": [{"request": request, "ur_decision": "non-certified"}],
        }
    )
    return draft(case, load_knowledge()).items[0]


def test_never_had_is_an_initial_trial_with_the_clause_quoted() -> None:
    item = one_item(
        "Acupuncture 6 visits lumbar",
        {"text": "Pt c/o chronic LBP. Pt has never had acupuncture. Plan: trial of acupuncture x6."},
    )
    assert item.phase == "initial"
    assert [e.text for e in item.phase_evidence] == ["Pt has never had acupuncture."]


def test_a_plan_a_request_and_the_ur_letter_are_not_prior_use() -> None:
    item = one_item(
        "Massage therapy 4 sessions",
        {"text": "PLAN: Massage therapy 4 sessions as an adjunct to the exercise program. HEP daily."},
        {"kind": "ur_decision", "text": "The patient has had extensive massage therapy without benefit."},
        {"kind": "rfa", "text": "Massage therapy 4 sessions, neck."},
    )
    assert item.phase == "initial"


def test_current_use_is_a_continuation() -> None:
    item = one_item(
        "Norco 10/325 mg #120",
        {"date": "2015-05-10", "text": "Continue Norco 10/325 QID prn. Pain 8/10 w/o meds, 4/10 w/ meds."},
    )
    assert item.phase == "continuation"
    assert "Continue Norco" in item.phase_evidence[0].text


def test_use_long_before_with_none_since_is_a_renewal() -> None:
    item = one_item(
        "Acupuncture 1x6 lumbar spine",
        {"date": "2015-05-10", "text": "Had acupuncture in 2012 with good results, none since."},
    )
    assert item.phase == "renewal"


def test_records_that_disagree_on_prior_use_send_a_phase_dependent_item_to_review() -> None:
    item = one_item(
        "Acupuncture 8 visits lumbar",
        {"date": "2015-04-01", "text": "She completed acupuncture x6 in March 2015 with some relief."},
        {"date": "2015-05-15", "text": "She has never had acupuncture."},
    )
    assert item.needs_review and item.decision is None
    assert "disagree" in (item.review_reason or "")


def test_a_test_has_no_phase() -> None:
    item = one_item("MRI lumbar spine", {"text": "Pt c/o LBP for 3 months. Had an MRI in 2013."})
    assert item.phase is None


def test_a_minor_ingredient_alone_is_not_use_of_the_combination() -> None:
    item = one_item(
        "Norco 10/325 mg #60",
        {
            "date": "2015-05-10",
            "text": "Has tried Tylenol without relief. Plan: start Norco 10/325 for severe pain.",
        },
    )
    assert item.phase == "initial"


def test_a_procedure_asked_for_as_a_trial_has_a_phase_even_after_a_comma() -> None:
    item = one_item("Spinal cord stimulator trial, percutaneous", {"text": "Failed back surgery syndrome."})
    assert item.phase == "initial"


def test_a_device_used_only_at_therapy_visits_is_not_a_home_device_had_before() -> None:
    records = (
        {
            "kind": "therapy_note",
            "date": "2015-05-12",
            "text": "Treatment today: TENS to cervical paraspinals 15 min.",
        },
        {
            "date": "2015-06-09",
            "text": "Says the clinic TENS helped a lot and he wants one for home. Neck pain 6/10.",
        },
    )
    assert one_item("TENS unit purchase", *records).phase == "initial"
    home = {"date": "2015-06-09", "text": "Uses his TENS unit at home daily since March with less pain."}
    assert one_item("TENS unit purchase", home).phase == "continuation"


def test_an_earlier_injection_of_the_same_kind_makes_a_continuation_another_kind_does_not() -> None:
    prior_esi = one_item(
        "L5-S1 transforaminal epidural steroid injection, left",
        {
            "date": "2015-05-10",
            "text": "S/p L L5-S1 TFESI 2/10/2015 with 60% relief of leg pain for 10 weeks.",
        },
    )
    assert prior_esi.phase == "continuation"
    assert "TFESI" in prior_esi.phase_evidence[0].text
    other_kind = one_item(
        "L5-S1 transforaminal epidural steroid injection, left",
        {"date": "2015-05-10", "text": "Had trigger point injections in 2014 without lasting benefit."},
    )
    assert other_kind.phase == "initial"
    never = one_item(
        "Lumbar epidural steroid injection L4-5",
        {"date": "2015-05-10", "text": "She has never had an epidural injection. Plan: L4-5 ESI."},
    )
    assert never.phase == "initial"
    assert never.phase_evidence
