"""A benefit documented only as a percentage said of a drug, while the pain scores recorded during its
use did not fall, is not documented functional improvement."""

from __future__ import annotations

from drafting import draft_item, record

from imr.models import ItemDetermination

FIRST = (
    "SUBJECTIVE: Persistent LBP 7/10. Norco 10/325 4/day. Needs help with laundry.\n"
    "PLAN: Continue Norco 10/325 QID #120. UDS today.\nWORK STATUS: TTD."
)
MONITORING = " Opioid agreement on file. UDS 7/14/15 consistent. CURES reviewed."


def norco(later: str) -> ItemDetermination:
    records = [
        record("r1", "progress_report", "2015-07-14", FIRST),
        record("r2", "progress_report", "2015-12-29", later),
    ]
    return draft_item("Norco 10/325mg #180", records, ur_date="2016-01-20", injury="2012-04-02")


def response(item: ItemDetermination) -> str:
    [result] = [c for c in item.criteria if c.kind == "requires_functional_improvement"]
    return result.result


def test_a_stated_percentage_with_pain_scores_unchanged_is_not_improvement() -> None:
    item = norco(
        "SUBJECTIVE: Pain 7/10. Norco gives 50% improvement in function and pain. Still needs help with "
        "housework.\nTREATMENT PLAN: Continue Norco 10/325 q4h prn #180." + MONITORING + "\nWORK STATUS: TTD."
    )
    assert response(item) == "not_met"


def test_a_stated_percentage_with_pain_scores_that_fell_still_counts() -> None:
    item = norco(
        "SUBJECTIVE: Pain 4/10. Norco gives 50% improvement in function and pain.\n"
        "TREATMENT PLAN: Continue Norco 10/325 q4h prn #180." + MONITORING + "\nWORK STATUS: TTD."
    )
    assert response(item) == "met"
