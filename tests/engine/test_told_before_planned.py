"""A met finding is quoted from what the records tell, not from the plan that asks for the treatment:
the exercise a massage goes with is "performs home exercises daily", not "massage as an adjunct to the
exercise program". A plan alone still meets it."""

from __future__ import annotations

from drafting import draft_item, record

TOLD = "She attends a supervised exercise program twice a week and performs home exercises daily."
PLAN = "Massage therapy 4 sessions as an adjunct to the exercise program."


def _quotes(subjective: str) -> list[str]:
    text = (
        f"SUBJECTIVE: Chronic neck pain 5/10. She has not had massage therapy before. {subjective}\n"
        "OBJECTIVE: Tenderness of the upper trapezius.\n"
        f"PLAN: {PLAN}"
    )
    item = draft_item(
        "Massage therapy 4 sessions, neck",
        [record("r1", "progress_report", "2015-04-02", text)],
        ur_date="2015-04-14",
    )
    met = [c for c in item.criteria if c.kind == "requires_finding_present" and c.result == "met"]
    return [e.text for c in met for e in c.evidence]


def test_what_the_record_tells_is_quoted_not_the_plan() -> None:
    quotes = _quotes(TOLD)
    assert any("performs home exercises daily" in q for q in quotes)
    assert not any("adjunct" in q for q in quotes)


def test_a_plan_alone_still_meets_it() -> None:
    assert any("adjunct to the exercise program" in q for q in _quotes(""))
