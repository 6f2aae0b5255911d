"""Acronym services keep their capitals in the rationale ("TENS", not "tens"), and a prior trial that
is met names what the records document, not every trial the guideline would accept."""

from __future__ import annotations

from drafting import KNOWLEDGE, draft_item, record

from imr.engine import draft
from imr.models import CaseFile, ItemDetermination

TRIAL = (
    "S: TENS trial completed with benefit: able to sleep 6 hrs (was 3), "
    "decreased Norco from 4/day to 2/day. Continues HEP daily.\nP: TENS unit purchase."
)


def _tens() -> ItemDetermination:
    before = (
        "S: Chronic neck pain, R arm radicular pain. PT x12 and HEP ongoing.\nP: 30-day TENS rental trial."
    )
    records = [
        record("pr2a", "progress_report", "2015-08-04", before),
        record("pr2b", "progress_report", "2015-09-29", TRIAL),
    ]
    return draft_item("TENS unit purchase", records, ur_date="2015-10-20", injury="2013-09-09")


def test_tens_keeps_its_capitals() -> None:
    item = _tens()
    assert "TENS was used before" in (item.rationale or "")
    assert " tens " not in (item.rationale or "")


def test_a_prior_trial_met_names_what_the_records_document() -> None:
    criterion = next(c for c in _tens().criteria if c.id == "tens.other_modalities_failed")
    assert criterion.result == "met"
    assert (criterion.finding or "").startswith(
        "The records document prior treatment (physical therapy and home"
    )


def test_an_initial_course_says_no_sessions_came_before() -> None:
    note = "S: Neck pain. She has not had massage therapy before. Does home exercises daily.\nP: Massage x4."
    item = draft_item(
        "Massage therapy 4 sessions, neck",
        [record("r1", "progress_report", "2015-04-02", note)],
        ur_date="2015-04-14",
    )
    assert item.phase == "initial"
    total = next(c for c in item.criteria if c.kind == "max_total_sessions")
    assert "prior sessions: none, an initial request" in (total.finding or "")


def test_a_first_course_for_another_body_part_does_not_count_the_earlier_courses_visits() -> None:
    therapy = (
        "PHYSICAL THERAPY DISCHARGE SUMMARY - Cervical/upper trap. Visits 9 of 9 (2x/wk then 1x/wk over "
        "7 wks). NDI 38% -> 16%. Cervical rotation R 50 -> 70 deg. Returned to regular duty 5/28/13. "
        "D/c to HEP."
    )
    note = (
        "SUBJECTIVE: Neck pain up to 7/10 (baseline 2-3/10). No PT since 2013. New c/o R lateral elbow "
        "pain x 2 mo w/ mouse use; has never had therapy for the elbow.\n"
        "OBJECTIVE: Cerv rotation R 45 deg. R elbow: TTP lateral epicondyle, pain w/ resisted wrist ext.\n"
        "DIAGNOSES: 1. Cervical myalgia, flare. 2. R lateral epicondylalgia.\n"
        "TREATMENT PLAN: PT 2x4 cervical to restore ROM. PT 2x3 R elbow/forearm - eccentric wrist ext."
    )
    case = CaseFile.model_validate(
        {
            "case_id": "T-1",
            "ur": {"date": "2015-10-20"},
            "date_of_injury": "2013-02-11",
            "worker": {"age": 44, "sex": "female"},
            "records": [
                record("pt1", "therapy_note", "2013-06-14", therapy, author="R. Alvarado, PT"),
                record("pr1", "progress_report", "2015-10-06", note),
            ],
            "items": [
                {"request": "PT 2x4 cervical", "ur_decision": "non-certified"},
                {"request": "PT 2x3 R elbow/forearm", "ur_decision": "non-certified"},
            ],
        }
    )
    item = draft(case, knowledge=KNOWLEDGE).items[1]
    assert item.phase == "initial"
    total = next(c for c in item.criteria if c.kind == "max_total_sessions")
    assert total.result == "met"
    assert "in another course" in (total.finding or "")
