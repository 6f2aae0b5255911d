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


def test_a_risk_factor_is_quoted_from_the_history_not_the_plan() -> None:
    text = (
        "S: Low back pain. Meds: naproxen 500 bid, omeprazole 20 mg bid.\n"
        "PMH: Bleeding gastric ulcer in 2010 requiring transfusion.\n"
        "PLAN: Continue omeprazole 20 mg #60 while on naproxen given her history of bleeding ulcer."
    )
    item = draft_item(
        "Omeprazole 20mg #60", [record("r1", "progress_report", "2015-05-12", text)], ur_date="2015-05-26"
    )
    risk = next(c for c in item.criteria if c.kind == "requires_risk_factor")
    assert risk.result == "met"
    quotes = [e.text for e in risk.evidence]
    assert any("Bleeding gastric ulcer in 2010" in q for q in quotes)
    assert not any("given her history" in q for q in quotes)
