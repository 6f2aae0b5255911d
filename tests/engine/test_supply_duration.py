"""A short-course drug's limit counts the whole supply asked: refills, and the fewest days a supply
with no frequency lasts at the drug's most doses a day; a course that ended long before is not added."""

from __future__ import annotations

from drafting import draft_item, record

FLARE = record(
    "pr2",
    "progress_report",
    "2015-09-08",
    "SUBJECTIVE: Acute flare of low back pain on 9/2/15 while bending at work. "
    "OBJECTIVE: Palpable spasm bilateral lumbar paraspinals with guarding. "
    "DIAGNOSES: Lumbar strain with acute exacerbation; muscle spasm. "
    "PLAN: Start cyclobenzaprine for the flare.",
)


def _short_course(request: str, records: list[dict[str, str]] | None = None) -> tuple[str, str]:
    item = draft_item(request, records or [FLARE], ur_date="2015-09-20")
    result = next(r for r in item.criteria if r.id == "cyclobenzaprine.short_course")
    return item.decision, f"{result.result}: {result.finding}"


def test_refills_count_in_the_supply() -> None:
    decision, why = _short_course("Cyclobenzaprine 10mg #60 with 2 refills")
    assert decision == "Upheld"
    assert why.startswith("not_met")
    assert "#60 with 2 refills, 180 in all, at no more than 3 a day" in why


def test_a_supply_without_frequency_lasts_at_least_quantity_over_most_doses() -> None:
    decision, why = _short_course("Flexeril 10 mg #30")
    assert decision == "Overturned"
    assert why.startswith("met") and "10 days" in why


def test_a_course_ended_long_before_is_not_added_to_a_renewal() -> None:
    earlier = record(
        "pr2-old",
        "progress_report",
        "2014-03-10",
        "Cyclobenzaprine 10 mg was prescribed for 2 weeks in 3/2014 for a flare and then stopped.",
    )
    later = dict(FLARE, text=FLARE["text"] + " No cyclobenzaprine since 3/2014.")
    decision, why = _short_course("Flexeril 10 mg #30", [earlier, later])
    assert decision == "Overturned", why
    assert "10 days" in why


def test_a_hypnotic_is_counted_at_one_dose_a_night() -> None:
    insomnia = record(
        "pr2",
        "progress_report",
        "2016-10-04",
        "SUBJECTIVE: Poor sleep for the past 6 weeks, mind racing. DIAGNOSES: Insomnia. "
        "PLAN: Ambien 10 mg qhs nightly for sleep.",
    )
    refilled = draft_item("Ambien 10 mg #30 with 2 refills", [insomnia], ur_date="2016-10-18")
    result = next(r for r in refilled.criteria if r.id == "hypnotics.short_term")
    assert result.result == "not_met", result.finding
    assert "90 days" in result.finding
    assert refilled.decision == "Upheld"
    month = draft_item("Ambien 10 mg #30", [insomnia], ur_date="2016-10-18")
    assert next(r for r in month.criteria if r.id == "hypnotics.short_term").result == "met"
