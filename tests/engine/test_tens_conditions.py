"""A first TENS home trial is for the conditions the guideline names (neuropathic pain, CRPS, phantom
limb pain, spasticity): a tendinitis getting better with therapy is none of them."""

from __future__ import annotations

from drafting import criterion_result, draft_item, record

TENDINITIS = (
    "Warehouse picker with R elbow lateral epicondylitis since 3/2015 from repetitive gripping. Pain 5/10 "
    "with gripping and lifting boxes, worse at the end of a shift. Completed PT x8 and takes naproxen "
    "500 mg bid; both helped only partly, still has pain at work. Doing a home exercise program daily. "
    "Exam: TTP lateral epicondyle, pain with resisted wrist extension, grip 30 kg R vs 42 kg L. "
    "Sensation intact in both hands, no numbness or tingling, reflexes symmetric. "
    "Dx: R lateral epicondylitis. Plan: TENS home trial 30-day rental as an adjunct to the HEP."
)
RADICULAR = (
    "Low back pain since 2014 with pain radiating down the L leg to the foot, decreased sensation L5. "
    "Therapy x12 and gabapentin without lasting relief. Doing HEP daily. Plan: TENS home trial 30-day rental."
)


def _condition(text: str, request: str = "TENS unit 30 day rental") -> str:
    return criterion_result(
        request, text, on="2015-11-02", ur_date="2015-11-20", criterion=".listed_condition"
    )


def test_a_trial_needs_a_condition_the_guideline_names() -> None:
    assert _condition(TENDINITIS) in ("not_met", "insufficient")
    assert _condition(RADICULAR) == "met"
    item = draft_item(
        "TENS unit 30 day rental",
        [record("p1", "progress_report", "2015-11-02", TENDINITIS)],
        ur_date="2015-11-20",
    )
    assert item.decision == "Upheld"
    assert "no_indication_on_exam" in item.reasons


def test_the_days_after_surgery_need_no_listed_condition() -> None:
    assert _condition(TENDINITIS, "TENS unit 30 day rental post-op") == "not_applicable"


def test_phantom_limb_pain_is_a_listed_condition() -> None:
    text = "Below-knee amputee since 2013 with phantom limb pain 7/10. Tried gabapentin and PT. Plan: TENS."
    assert _condition(text) == "met"
