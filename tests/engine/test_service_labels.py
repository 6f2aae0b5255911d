"""Acronym services keep their capitals in the rationale ("TENS", not "tens"), and a prior trial that
is met names what the records document, not every trial the guideline would accept."""

from __future__ import annotations

from drafting import draft_item, record

from imr.models import ItemDetermination

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
