"""A repeat sacroiliac joint injection needs sustained benefit from the first one."""

from __future__ import annotations

from drafting import draft_item, record

from imr.models import Decision

OP = (
    "Indication: R SI region pain, positive provocation tests, failed PT and NSAIDs. Under fluoroscopy, R SI "
    "joint injected with 40 mg Depo-Medrol and bupivacaine. Pre 7/10, 15 min post 4/10."
)
EXAM = (
    "O: R SI: Fortin finger sign +, FABER +, thigh thrust +, compression +.\n"
    "P: RFA repeat R SI joint injection under fluoro. Continue HEP, tramadol."
)


def repeat(history: str) -> Decision | None:
    records = [
        record("op", "operative_report", "2014-12-09", OP),
        record("pr", "progress_report", "2015-03-17", history + "\n" + EXAM),
    ]
    return draft_item("Repeat R SI joint injection under fluoroscopy", records, ur_date="2015-04-07").decision


def test_relief_that_wore_off_in_days_does_not_support_a_repeat() -> None:
    decision = repeat(
        "S: R buttock/SI pain 7/10, unchanged since the December injection; it gave some relief, maybe a "
        "couple days, then back to the same. Tramadol 50 mg TID."
    )
    assert decision == Decision.UPHELD


def test_sustained_relief_supports_a_repeat() -> None:
    decision = repeat(
        "S: Since the December SI injection pain 7/10 -> 3/10 for 10 weeks; walking 40 min vs 10 min before. "
        "Pain now returning, 6/10."
    )
    assert decision == Decision.OVERTURNED
