"""Requests read against what the guideline says of them: a drug screen before the first opioid, a
pre-planned series of epidural injections, supplies after a device trial, a knee injection outside the
conditions it is reserved for, transportation under a driving restriction, and the benefit of a first
injection told as drugs stopped and cut."""

from __future__ import annotations

from typing import Any

from imr.engine import draft
from imr.knowledge import load_knowledge
from imr.models import CaseFile, ItemDetermination

KNOWLEDGE = load_knowledge()
# enough of a visit note that what it does not document can decide
HISTORY = (
    "HISTORY: 52 y/o warehouse worker injured lifting boxes at work. Works "
    "modified duty with a lifting limit. "
    "Sleeps poorly because of pain. Denies fever, weight loss or night sweats. Allergies: none known. "
    "Social: nonsmoker, lives with his wife.\n"
)


def decide(text: str, *requests: str, records: list[dict[str, Any]] | None = None) -> list[ItemDetermination]:
    case: dict[str, Any] = {
        "ur": {"date": "2016-02-23"},
        "date_of_injury": "2015-01-14",
        "records": records or [{"id": "r1", "kind": "progress_report", "date": "2016-02-03", "text": text}],
        "items": [{"request": r, "ur_decision": "non-certified"} for r in requests],
    }
    return draft(CaseFile.model_validate(case), KNOWLEDGE).items


def test_a_baseline_drug_screen_at_the_first_opioid_prescription_is_supported() -> None:
    text = (
        "S: L leg pain 8/10. Completed PT x8 and naproxen without relief.\n"
        "PLAN: Starting Norco 5/325 one q6h prn #40 for short term; baseline urine drug screen today before "
        "first opioid Rx, opioid agreement signed, CURES checked. She has never taken opioids before."
    )
    item = decide(text, "Urine drug screen (baseline)")[0]
    assert item.decision == "Overturned"
    assert "started at the same visit" in item.rationale


def test_a_drug_screen_with_no_controlled_drug_now_or_started_is_not_supported() -> None:
    text = (
        "S: Low back pain 5/10.\nCurrent meds: naproxen 500 BID.\nPLAN: Continue naproxen. Urine drug screen."
    )
    item = decide(text, "Urine drug screen")[0]
    assert item.decision == "Upheld"


ESI_RECORDS: list[dict[str, Any]] = [
    {
        "id": "mri",
        "kind": "imaging",
        "date": "2016-01-15",
        "text": (
            "MRI LUMBAR SPINE. IMPRESSION: L5-S1 left paracentral protrusion contacting the left S1 root."
        ),
    },
    {
        "id": "r1",
        "kind": "progress_report",
        "date": "2016-02-03",
        "text": (
            "S: L leg pain to the lateral foot. Failed PT x12, naproxen, tizanidine. Never had ESI.\n"
            "O: SLR + L 40 deg. Decr sensation lateral L foot (S1). Ankle jerk absent L.\n"
            "A: L S1 radiculopathy.\nP: Lumbar ESI L5-S1."
        ),
    },
]


def test_a_pre_planned_series_of_three_epidurals_exceeds_the_diagnostic_phase() -> None:
    item = decide("", "Lumbar ESI L5-S1 interlaminar x3 (series)", records=ESI_RECORDS)[0]
    assert item.decision == "Upheld"
    assert "exceeds_quantity" in item.reasons


def test_a_single_first_epidural_for_corroborated_radiculopathy_stays_supported() -> None:
    item = decide("", "Lumbar ESI L5-S1 interlaminar", records=ESI_RECORDS)[0]
    assert item.decision == "Overturned"


def test_interferential_supplies_after_a_trial_without_benefit_fail_on_the_trial() -> None:
    records: list[dict[str, Any]] = [
        {
            "id": "r1",
            "kind": "progress_report",
            "date": "2015-06-10",
            "text": (
                HISTORY + "S: Finished IF trial, used it 9 times in the month. Pain 6/10, was "
                "7/10. Still takes Norco 3/day, "
                "no change in activities.\nO: TTP lumbar paraspinals.\n"
                "P: Request IF unit purchase and IF unit supplies x 3 months."
            ),
        }
    ]
    item = decide("", "IF unit supplies (electrodes, lead wires, batteries) x 3 months", records=records)[0]
    assert item.decision == "Upheld"
    assert "no_functional_improvement" in item.reasons


def test_a_knee_cortisone_injection_without_the_condition_it_is_reserved_for_is_not_recommended() -> None:
    text = (
        HISTORY
        + "S: Medial knee pain with catching. PT x6 and ibuprofen without relief. No prior knee injections.\n"
        "O: McMurray + medially.\nA: Suspected medial meniscus tear.\nP: Corticosteroid injection R knee."
    )
    item = decide(text, "Corticosteroid injection R knee x1")[0]
    assert item.decision == "Upheld"
    assert item.reasons[0] == "not_recommended"


def test_a_post_operative_driving_restriction_supports_transportation_to_appointments() -> None:
    text = (
        "S: 16 days s/p L3-4 fusion. Lives alone. Per post-op restrictions she is not to drive for 6 weeks.\n"
        "O: Ambulates 50 ft with walker.\nP: Non-emergency transportation to post-op appointments x 6."
    )
    item = decide(text, "Non-emergency medical transportation to/from appointments, round trip x 6")[0]
    assert item.decision == "Overturned"


TPI_RECORDS: list[dict[str, Any]] = [
    {
        "id": "pr1",
        "kind": "progress_report",
        "date": "2016-03-03",
        "text": (
            "S: R upper back pain since 1/14/15, 7/10. No arm pain, no numbness. "
            "Did PT x12, stretching HEP daily, "
            "naproxen 500 BID, cyclobenzaprine 5 mg hs prn.\n"
            "O: Taut bands R upper trapezius w/ discrete trigger points; local "
            "twitch response; referred pain to "
            "R occiput. Spurling neg. Sensation intact.\nA: Myofascial pain syndrome R upper trapezius.\n"
            "P: TPI x3 lidocaine today."
        ),
    },
    {
        "id": "op",
        "kind": "operative_report",
        "date": "2016-03-03",
        "text": "PROCEDURE: Trigger point injections x3, R upper trapezius. Tolerated well.",
    },
    {
        "id": "pr2",
        "kind": "progress_report",
        "date": "2016-06-16",
        "text": (
            "SUBJECTIVE: Returns 15 wks after TPI. Pain went from VAS 7 to 3 and "
            "stayed there about 2 months. "
            "During the good stretch he stopped the cyclobenzaprine entirely and "
            "cut naproxen to once daily.\n"
            "OBJECTIVE: Recurrent TrPs R upper trap w/ twitch response and referred pain to occiput. "
            "No radicular signs.\nTREATMENT PLAN: Repeat TPI x3 same sites."
        ),
    },
]


def test_drugs_stopped_and_cut_after_a_first_injection_are_its_functional_benefit() -> None:
    records = [{**r} for r in TPI_RECORDS]
    records_ur = decide("", "Trigger point injections x3 R upper trapezius (lidocaine)", records=records)
    assert records_ur[0].decision == "Overturned"
