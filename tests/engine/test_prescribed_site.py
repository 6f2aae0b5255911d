"""A drug request that names no body region is held to the region the newest clinical record that
prescribes it names ("Voltaren gel, apply to low back"), quoting that sentence."""

from __future__ import annotations

import datetime as dt

from drafting import draft_item, record

from imr.models import Decision, ItemDetermination


def _item(notes: list[tuple[str, str]], request: str, ur: str = "") -> ItemDetermination:
    records = [record(f"pr2-{i}", "progress_report", date, text) for i, (date, text) in enumerate(notes)]
    if ur:
        records.append(record("ur", "ur_decision", "2017-03-01", ur))
    return draft_item(request, records, ur_date="2017-03-01", injury="2014-03-27", as_of=dt.date(2017, 3, 1))


def _site(item: ItemDetermination) -> str:
    return next(c for c in item.criteria if c.id == "topical_nsaids.joint_amenable").result


def test_the_site_the_prescription_names_decides() -> None:
    item = _item(
        [("2017-02-14", "Low back achy 4/10. PLAN: Voltaren 1% gel 100 g, apply 4 g QID to low back.")],
        "Voltaren 1% gel 100 g",
    )
    criterion = next(c for c in item.criteria if c.id == "topical_nsaids.joint_amenable")
    assert criterion.result == "not_met"
    assert "apply 4 g QID to low back" in criterion.evidence[0].text
    assert item.decision == Decision.UPHELD


def test_a_knee_prescription_is_within_the_joints() -> None:
    item = _item(
        [("2017-02-14", "Knee OA, pain 5/10. PLAN: Voltaren 1% gel 100 g, apply 4 g QID to the R knee.")],
        "Voltaren 1% gel 100 g",
    )
    assert _site(item) == "met"


def test_the_newest_prescription_decides_and_the_ur_letter_is_not_read() -> None:
    item = _item(
        [
            ("2016-10-01", "Voltaren gel to low back prn."),
            ("2017-02-14", "Knee OA. PLAN: Voltaren gel, apply to L knee QID."),
        ],
        "Voltaren 1% gel 100 g",
        ur="Voltaren gel for the lumbar spine is not certified.",
    )
    assert _site(item) == "met"


def test_no_site_named_leaves_the_region_rule_aside() -> None:
    item = _item([("2017-02-14", "Knee OA. PLAN: Voltaren 1% gel 100 g QID.")], "Voltaren 1% gel 100 g")
    assert _site(item) == "not_applicable"
