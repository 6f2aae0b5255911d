"""A criterion that asks for several different positive findings (ODG: at least three positive
sacroiliac provocative tests) counts the named tests documented positive, not the mentions."""

from __future__ import annotations

from drafting import draft_item, record

from imr.models import ItemDetermination


def si_injection(exam: str) -> ItemDetermination:
    note = (
        "SUBJECTIVE: R low back/buttock pain 6/10. PT x18 and chiro 2016, HEP.\n"
        f"OBJECTIVE: TTP R SI sulcus. {exam}\n"
        "DIAGNOSES: R SI joint dysfunction.\n"
        "TREATMENT PLAN: R SI joint injection under fluoro."
    )
    records = [record("r1", "progress_report", "2017-07-31", note)]
    return draft_item(
        "Right SI joint injection under fluoroscopy", records, ur_date="2017-08-16", injury="2016-02-14"
    )


def _signs(item: ItemDetermination) -> str:
    return next(c.result for c in item.criteria if c.id.endswith(".sacroiliac_signs"))


def test_one_positive_test_of_five_is_fewer_than_the_three_required() -> None:
    item = si_injection("FABER + on R (buttock pain). Gaenslen neg, thigh thrust neg, SI compression neg.")
    assert _signs(item) == "not_met"
    assert item.decision == "Upheld"


def test_three_different_positive_tests_meet_the_count() -> None:
    item = si_injection("FABER + on R. Gaenslen + R. Thigh thrust positive R. SI distraction neg.")
    assert _signs(item) == "met"
