"""A benefit said of no treatment in particular, recorded before the requested therapy began, is not the
therapy's benefit."""

from __future__ import annotations

from drafting import draft_item, record


def test_a_return_to_work_before_therapy_began_is_not_its_benefit() -> None:
    records = [
        record(
            "r1",
            "progress_report",
            "2017-01-24",
            "SUBJECTIVE: L4-5 HNP with L5 radicular sx, s/p TFESI 1/5/17 with 70% relief of leg pain.\n"
            "TREATMENT PLAN: PT 2x4 lumbar stabilization (8 visits), has not had PT for this injury.\n"
            "WORK STATUS: Returned to modified duty 1/23/17, no lifting >25 lbs.",
        ),
        record(
            "r2",
            "therapy_note",
            "2017-03-10",
            "PT RE-EVALUATION - visit 8 of 8.\nLumbar flex 60 deg. Oswestry 24%, unchanged. Goals not met.",
        ),
        record(
            "r3",
            "progress_report",
            "2017-03-14",
            "S: Completed PT x8. Back pain 3/10.\nP: Request additional PT 2x4 lumbar.\nWORK: Modified duty.",
        ),
    ]
    item = draft_item(
        "Physical therapy 2x4 lumbar spine (additional)", records, ur_date="2017-03-28", injury="2016-05-09"
    )
    [benefit] = [c for c in item.criteria if c.kind == "requires_functional_improvement"]
    assert benefit.result != "met"
