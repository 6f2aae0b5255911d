"""A repeat joint injection (knee, sacroiliac) needs documented, sustained benefit from the one
before: relief that lasted days, then back to baseline, is none; the benefit of an injection at
another body region is not the requested site's."""

from __future__ import annotations

from drafting import draft_item, record

from imr.models import Decision

KNEE_XRAY = (
    "RIGHT KNEE 3 VIEWS: moderate medial compartment joint space narrowing, osteophytes. Impression: knee OA."
)


def _knee(history: str, *more: dict[str, str]) -> tuple[Decision | None, dict[str, str], list[str]]:
    note = (
        f"S: R knee OA pain 7/10. {history} Ibuprofen 600 bid and HEP quad sets; 2 courses of PT done.\n"
        "O: R knee effusion, medial joint line tenderness.\n"
        "DIAGNOSES: Primary OA R knee.\n"
        "P: Repeat cortisone injection R knee.\n"
        "WORK: modified duty."
    )
    records = [
        record("xr", "imaging", "2014-01-05", KNEE_XRAY),
        *more,
        record("pr2", "progress_report", "2014-09-16", note),
    ]
    item = draft_item("Repeat cortisone injection R knee", records, ur_date="2014-10-07", injury="2012-08-19")
    return item.decision, {c.id.split(".")[-1]: c.result for c in item.criteria}, item.reasons


def test_a_repeat_knee_injection_after_relief_of_days_is_not_supported() -> None:
    decision, criteria, reasons = _knee(
        "Kenalog injection R knee 6/2014 gave relief for maybe 10 days, then back to baseline."
    )
    assert criteria["repeat_needs_benefit"] == "not_met"
    assert decision == Decision.UPHELD
    assert "no_functional_improvement" in reasons


def test_a_repeat_knee_injection_after_sustained_measured_benefit_is_supported() -> None:
    decision, criteria, _ = _knee(
        "Kenalog injection R knee 3/2014 gave 70% relief for 4 months; she walked 6 blocks vs 2 before."
    )
    assert criteria["repeat_needs_benefit"] == "met"
    assert decision == Decision.OVERTURNED


def test_an_injection_at_another_region_that_did_not_help_does_not_dispute_the_knee_injections_benefit() -> (
    None
):
    lumbar = record(
        "pm",
        "consultation",
        "2014-08-20",
        "S: Low back pain. The lumbar injection in July gave no relief.\nP: HEP.",
    )
    decision, criteria, _ = _knee(
        "Kenalog injection R knee 3/2014 gave 70% relief for 4 months; she walked 6 blocks vs 2 before.",
        lumbar,
    )
    assert criteria["repeat_needs_benefit"] == "met"
    assert decision == Decision.OVERTURNED


def test_a_repeat_si_joint_injection_after_relief_of_a_couple_of_days_is_not_supported() -> None:
    records = [
        record(
            "op",
            "operative_report",
            "2014-12-09",
            "Indication: R SI region pain, positive provocation tests, failed PT and NSAIDs. "
            "Under fluoroscopy the R SI joint was injected with 40 mg Depo-Medrol and bupivacaine.",
        ),
        record(
            "pr2",
            "progress_report",
            "2015-03-17",
            "S: R SI region pain 7/10. SI injection 12/9 gave some relief, 'maybe a couple days,' "
            "then back to the same. Still using tramadol 50 mg tid, unchanged. Off work.\n"
            "O: R SI: Fortin finger sign +, FABER +, thigh thrust +, compression +.\n"
            "P: Repeat R SI joint injection under fluoroscopy. Continue HEP.",
        ),
    ]
    item = draft_item(
        "Repeat R SI joint injection under fluoroscopy", records, ur_date="2015-04-07", injury="2013-07-22"
    )
    criteria = {c.id.split(".")[-1]: c.result for c in item.criteria}
    assert criteria["repeat_needs_benefit"] == "not_met"
    assert item.decision == Decision.UPHELD
