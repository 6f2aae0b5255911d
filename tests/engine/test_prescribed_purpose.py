"""A drug the guideline limits to one indication is held to what the newest clinical record that
prescribes it says it is for ("Lidoderm patch to the trapezius for muscle tightness"), whatever
qualifying finding the records hold elsewhere."""

from __future__ import annotations

from drafting import draft_item, record

from imr.models import Decision, ItemDetermination

HISTORY = (
    "S: Neck pain with burning down the R forearm into the thumb. Also tightness L upper trapezius. "
    "Nortriptyline tried in 2014, stopped for sedation. She has never used lidocaine patches. "
    "O: Spurling + on R. Decr pinprick R thumb. TTP L upper trapezius, taut band. "
    "A: R C6 radiculopathy. L trapezius myofascial strain. "
)


def _item(plan: str) -> ItemDetermination:
    records = [record("pr2", "progress_report", "2015-10-14", HISTORY + "P: " + plan)]
    return draft_item("Lidoderm 5% patch #30", records, ur_date="2015-11-06", injury="2013-04-08")


def _purpose(item: ItemDetermination) -> str:
    return next(c for c in item.criteria if c.id == "topical_lidocaine.neuropathic_purpose").result


def test_a_patch_prescribed_for_muscle_tightness_is_not_for_neuropathic_pain() -> None:
    item = _item("Lidoderm 5% patch to L upper trapezius 12 h on/12 h off for muscle tightness.")
    criterion = next(c for c in item.criteria if c.id == "topical_lidocaine.neuropathic_purpose")
    assert criterion.result == "not_met"
    assert "for muscle tightness" in criterion.evidence[0].text
    assert item.decision == Decision.UPHELD


def test_a_patch_prescribed_for_the_radicular_pain_is_supported() -> None:
    item = _item("Lidoderm 5% patch to R forearm for radicular burning pain and muscle tightness.")
    assert _purpose(item) == "met"


def test_a_prescription_that_says_nothing_of_its_purpose_leaves_the_rule_aside() -> None:
    item = _item("Lidoderm 5% patch 12 h on/12 h off.")
    assert _purpose(item) == "not_applicable"
