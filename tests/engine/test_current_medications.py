"""What the worker takes now: a drug stopped, never taken, only planned or told in the past tense is
not current, and a criterion that asks for a route (an oral NSAID) is not met by a topical gel."""

from __future__ import annotations

import datetime as dt

from imr.engine import draft
from imr.facts import extract_facts
from imr.knowledge import load_knowledge
from imr.models import CaseFile, Decision

KNOWLEDGE = load_knowledge()
NOTE = (
    "S: R knee OA. Oral NSAIDs: took ibuprofen 600 TID for 6 weeks in 2014 and then naproxen - both "
    "stopped for stomach upset. Acetaminophen 500 mg 2 tabs BID modest relief.\n"
    "P: Voltaren 1% gel 4 g to R knee QID - first trial of a topical NSAID. Prilosec 20 mg daily #30."
)


def _case(note: str, request: str) -> CaseFile:
    return CaseFile.model_validate(
        {
            "case_id": "MED-1",
            "date_of_injury": "2014-02-26",
            "ur": {"date": "2015-07-21"},
            "records": [{"id": "pr2", "kind": "progress_report", "date": "2015-06-30", "text": note}],
            "items": [{"request": request}],
        }
    )


def test_drugs_stopped_or_taken_before_are_not_current_medications() -> None:
    current = extract_facts(_case(NOTE, "Prilosec 20mg #30"), KNOWLEDGE).value("medications_current")
    assert current is not None
    assert "ibuprofen" not in current.value and "naproxen" not in current.value
    assert "acetaminophen" in current.value


def test_a_ppi_needs_an_oral_nsaid_in_use_not_a_topical_gel_or_one_stopped() -> None:
    item = draft(_case(NOTE, "Prilosec 20mg #30"), as_of=dt.date(2015, 7, 21), knowledge=KNOWLEDGE).items[0]
    assert item.decision == Decision.UPHELD
    in_use = next(c for c in item.criteria if c.id == "ppi_gi_risk.nsaid_in_use")
    assert in_use.result == "not_met"
    assert "(oral)" in in_use.finding


def test_an_oral_nsaid_taken_now_still_counts() -> None:
    note = "C/o knee pain. Taking naproxen 500 mg BID; h/o GI bleed 2012. Prilosec 20 mg daily requested."
    item = draft(_case(note, "Prilosec 20mg #30"), as_of=dt.date(2015, 7, 21), knowledge=KNOWLEDGE).items[0]
    assert item.decision == Decision.OVERTURNED


def _notes(*notes: tuple[str, str], request: str) -> CaseFile:
    return CaseFile.model_validate(
        {
            "case_id": "MED-2",
            "date_of_injury": "2011-06-01",
            "ur": {"date": "2015-04-22"},
            "records": [
                {"id": f"pr{i}", "kind": "progress_report", "date": day, "text": text}
                for i, (day, text) in enumerate(notes, 1)
            ],
            "items": [{"request": request}],
        }
    )


EARLIER = (
    ("2014-09-05", "S: Neck and LBP. Naproxen 500 BID.\nP: Cont naproxen. HEP."),
    (
        "2014-11-18",
        "S: New c/o dyspepsia on naproxen.\nA: NSAID dyspepsia.\n"
        "P: D/c naproxen. Start omeprazole 20 mg daily.",
    ),
)


def test_a_drug_whose_latest_word_is_a_stop_is_not_current() -> None:
    later = (
        "2015-04-07",
        "S: Naproxen d/c'd 11/2014 d/t dyspepsia, none since. Taking acetaminophen.\n"
        "P: Refill omeprazole 20 mg #30.",
    )
    case = _notes(*EARLIER, later, request="Omeprazole 20 mg #30")
    current = extract_facts(case, KNOWLEDGE).value("medications_current")
    assert current is not None and "naproxen" not in current.value
    item = draft(case, KNOWLEDGE).items[0]
    assert item.decision == Decision.UPHELD
    assert "no_nsaid_or_gi_risk" in item.reasons


def test_a_plan_to_stop_leaves_the_drug_current_until_a_note_says_it_stopped() -> None:
    later = (
        "2015-04-07",
        "S: Dyspepsia on naproxen 500 BID.\n"
        "P: Taper and d/c naproxen over 4 wks. Refill omeprazole 20 mg #30.",
    )
    case = _notes(EARLIER[0], later, request="Omeprazole 20 mg #30")
    current = extract_facts(case, KNOWLEDGE).value("medications_current")
    assert current is not None and "naproxen" in current.value
