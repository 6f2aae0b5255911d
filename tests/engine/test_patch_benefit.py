"""Continued topical lidocaine needs documented benefit from the patch itself: gains that follow another
drug started since are that drug's."""

from __future__ import annotations

from drafting import draft_item, record

from imr.models import Decision

CONSULT = (
    "HPI: Burning pain R hand/wrist with allodynia since wrist fracture. Tried nortriptyline 25 mg qhs, "
    "stopped "
    "d/t sedation. Uses Lidoderm 5% patch on dorsal R wrist since 6/2014. Off work (TTD).\n"
    "IMPRESSION: CRPS type I R upper extremity.\n"
    "PLAN: Start duloxetine 60 mg qd. Continue Lidoderm for now."
)


def lidoderm(progress: str) -> Decision | None:
    records = [
        record("r1", "consultation", "2014-12-09", CONSULT),
        record("r2", "progress_report", "2015-06-09", progress),
    ]
    return draft_item("Lidoderm 5% patch #30", records, ur_date="2015-06-30").decision


def test_gains_that_follow_the_antidepressant_are_not_the_patch_s() -> None:
    decision = lidoderm(
        "SUBJECTIVE: On Cymbalta 60 mg qd since 1/2015. Pain 8/10 -> 4/10 since Cymbalta. Allodynia "
        "decreased, can now wear long sleeves. Returned to full duty as teller 5/4/15. Still applies "
        "Lidoderm patch, states it helps.\nPLAN: Continue Cymbalta 60 mg qd. Continue Lidoderm 5% #30."
    )
    assert decision == Decision.UPHELD


def test_gains_measured_with_the_patch_are_its_own() -> None:
    decision = lidoderm(
        "SUBJECTIVE: With the Lidoderm patch she is able to wear long sleeves and type for 2 hours vs 20 min "
        "before. Pain 8/10 w/o the patch, 4/10 with it.\nPLAN: Continue Lidoderm 5% #30."
    )
    assert decision == Decision.OVERTURNED
