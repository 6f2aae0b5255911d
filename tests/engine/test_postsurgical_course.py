"""Postsurgical therapy is judged by the surgery the records document: its postsurgical period from
the surgery's date, and its general course (the initial course is half of it)."""

from __future__ import annotations

from typing import Any

from imr.engine import draft
from imr.knowledge import load_knowledge
from imr.models import CaseFile, ItemDetermination

KNOWLEDGE = load_knowledge()


def one_item(request: str, text: str, *, ur_date: str = "2015-06-01") -> ItemDetermination:
    records: list[dict[str, Any]] = [
        {"id": "pr2", "kind": "progress_report", "date": "2015-05-10", "text": text},
    ]
    case = CaseFile.model_validate(
        {
            "ur": {"date": ur_date},
            "date_of_injury": "2014-06-01",
            "records": records,
            "items": [{"request": request, "ur_decision": "non-certified"}],
        }
    )
    return draft(case, KNOWLEDGE).items[0]


def course(item: ItemDetermination) -> str:
    [result] = [
        c
        for c in item.criteria
        if c.id.startswith("postsurgical_physical_medicine.course_after_") and c.result != "not_applicable"
    ]
    return f"{result.id.rsplit('.', 1)[1]}:{result.result}"


def test_an_initial_course_within_half_the_general_course_is_supported() -> None:
    item = one_item(
        "Post-op PT x 6 right knee",
        "S/p R arthroscopic partial medial meniscectomy 4/20/15. Knee stiff, flexion 90 deg. P: start PT.",
    )
    assert course(item) == "course_after_meniscectomy:met"
    assert item.decision is not None and item.decision.value == "Overturned"


def test_an_initial_course_longer_than_half_the_general_course_exceeds_it() -> None:
    item = one_item(
        "Post-op PT x 12 right knee",
        "S/p R arthroscopic partial medial meniscectomy 4/20/15. Knee stiff, flexion 90 deg. P: start PT.",
    )
    assert course(item) == "course_after_meniscectomy:not_met"
    assert item.decision is not None and item.decision.value == "Upheld"
    assert "exceeds_quantity" in item.reasons


def test_therapy_asked_after_the_postsurgical_period_is_outside_it() -> None:
    item = one_item(
        "Post-op PT x 4 right wrist",
        "S/p R carpal tunnel release 9/15/14. Numbness resolved; grip 20 kg. P: PT.",
    )
    assert course(item) == "course_after_carpal_tunnel_release:not_met"
    assert item.decision is not None and item.decision.value == "Upheld"


def test_a_surgery_only_planned_sets_only_the_initial_course() -> None:
    # therapy asked for with the surgery it is to follow: its first course is the initial course
    # (half the general course), with no postsurgical period to measure yet
    item = one_item("Post-op PT x 6 right wrist", "R CTS on NCS. Plan: R carpal tunnel release, then PT.")
    applied = [c for c in item.criteria if c.kind == "postsurgical_course" and c.result != "not_applicable"]
    assert [(c.id.split(".")[-1], c.result) for c in applied] == [
        ("course_after_carpal_tunnel_release", "not_met")
    ]
    within = one_item("Post-op PT x 4 right wrist", "R CTS on NCS. Plan: R carpal tunnel release, then PT.")
    assert [
        c.result for c in within.criteria if c.kind == "postsurgical_course" and c.result != "not_applicable"
    ] == ["met"]


def test_the_initial_course_is_stated_in_visits() -> None:
    item = one_item(
        "Post-op PT x 6 right knee",
        "S/p R arthroscopic partial medial meniscectomy 4/20/15. Knee stiff, flexion 90 deg. P: start PT.",
    )
    assert "the initial course is half of it, 6 visits" in item.rationale
    assert "not documented visits" not in item.rationale


def test_a_postsurgical_course_counts_the_visits_written_times() -> None:
    # "OT x8" after a carpal tunnel release: 8 more make 16 against the general course of 8
    item = one_item(
        "OT 2x4 R wrist/hand post CTR",
        "POST-OP VISIT 8 wks s/p R open CTR 3/15/15. Has completed OT x8 with good progress, grip 34 lb. "
        "QuickDASH 59 -> 36. PLAN: Additional OT 2x4 R wrist/hand.",
    )
    assert course(item) == "course_after_carpal_tunnel_release:not_met"
    assert "exceeds_quantity" in item.reasons


def test_a_surgery_named_by_its_abbreviation_sets_its_course() -> None:
    # "open CTR" and "open carpal tunnel release" both document the surgery and name its course
    for text in ("S/p R open CTR 3/15/15. P: OT.", "S/p R open carpal tunnel release 3/15/15. P: OT."):
        item = one_item("Post-op OT x 4 right wrist", text)
        assert course(item) == "course_after_carpal_tunnel_release:met"
        surgery = next(c for c in item.criteria if c.id.endswith("surgery_documented"))
        assert surgery.result == "met"


def test_a_surgery_only_recommended_sets_the_initial_course() -> None:
    # "Recommend R open carpal tunnel release" is not done yet: the therapy to follow it is its initial course
    item = one_item(
        "Post-op occupational therapy x12 R hand/wrist",
        "Hand surgery consultation. EDx confirms R carpal tunnel syndrome. Recommend R open carpal tunnel "
        "release. Post-op: hand therapy 3x/wk x 4 wks.",
    )
    assert course(item) == "course_after_carpal_tunnel_release:not_met"


def test_therapy_for_a_release_asked_now_does_not_follow_the_other_wrists_release_of_years_before() -> None:
    item = one_item(
        "Post-op occupational therapy 3x4 R wrist/hand",
        "49 yo meat cutter, s/p L CTR 2013, L hand asymptomatic now. R hand numbness, Tinel + R, NCS shows "
        "R median neuropathy at the wrist. PLAN: RFA R open carpal tunnel release and post-op OT 3x4.",
    )
    [result] = [c for c in item.criteria if c.id.endswith(".course_after_carpal_tunnel_release")]
    assert result.result == "not_met"
    assert "12 visits against the 4" in result.finding
    assert "months after the surgery" not in result.finding
