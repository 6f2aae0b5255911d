"""A condition "unchanged" beside a benefit its note measures and credits to the requested treatment by
name (pain scores with and without it, fewer pills) is held there by the treatment: no denial of its
benefit, and no contradiction in the note."""

from __future__ import annotations

from drafting import draft_item, record

from imr.models import ItemDetermination


def tens_supplies(latest: str) -> ItemDetermination:
    earlier = (
        "S: s/p L4-5 laminectomy 2010, residual R L5 radicular pain. Pain 5/10. Uses his TENS unit "
        "(purchased 2013) daily. Norco 10/325 bid, gabapentin 600 tid.\n"
        "P: Continue meds, TENS, HEP. f/u 3 mo."
    )
    records = [
        record("r1", "progress_report", "2016-06-14", earlier),
        record("r2", "progress_report", "2016-09-13", latest),
    ]
    return draft_item(
        "TENS supplies: electrodes 4 pr/month + batteries x 6 months",
        records,
        ur_date="2016-09-22",
        injury="2009-11-20",
    )


def test_pain_unchanged_beside_a_measured_tens_benefit_is_no_denial() -> None:
    item = tens_supplies(
        "SUBJECTIVE: Uses his TENS unit daily. TENS allows him to keep Norco at 2/day; when electrodes wore "
        "out last month he went back to 4/day for 2 weeks. Pain 8/10 without TENS, 5/10 with. Working full "
        "shifts. Low back pain unchanged, no flare."
    )
    assert item.decision == "Overturned"
    assert {c.id: c.result for c in item.criteria}["tens.ongoing_use_benefit"] == "met"


def test_pain_unchanged_with_only_a_general_report_still_denies() -> None:
    item = tens_supplies("SUBJECTIVE: Uses his TENS unit daily, says it helps. Low back pain unchanged.")
    assert item.decision == "Upheld"
    assert {c.id: c.result for c in item.criteria}["tens.ongoing_use_benefit"] == "not_met"
