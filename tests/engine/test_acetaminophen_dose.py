"""Acetaminophen: the daily total from every product that contains it (combinations included) against
the 4 g ceiling, worked out from each sig the record lists."""

from __future__ import annotations

import datetime as dt

from imr.engine import draft
from imr.knowledge import load_knowledge
from imr.models import CaseFile, Decision, ItemDetermination

KNOWLEDGE = load_knowledge()


def _item(note: str, request: str) -> ItemDetermination:
    case = CaseFile.model_validate(
        {
            "case_id": "APAP-1",
            "date_of_injury": "2013-05-22",
            "ur": {"date": "2015-10-27"},
            "records": [{"id": "pr2", "kind": "progress_report", "date": "2015-10-06", "text": note}],
            "items": [{"request": request}],
        }
    )
    return draft(case, as_of=dt.date(2015, 10, 27), knowledge=KNOWLEDGE).items[0]


def _ceiling(item: ItemDetermination) -> str:
    return next(c.finding for c in item.criteria if c.id == "acetaminophen.max_daily_dose")


def test_acetaminophen_in_a_combination_product_counts_toward_the_ceiling() -> None:
    note = (
        "Neck pain 8/10. Meds: Percocet 10/325 1 q4h prn; Tylenol Extra Strength 500 mg 2 tabs QID, "
        "pt taking it daily. Plan: refill Percocet, refill Tylenol ES 500 mg #240."
    )
    item = _item(note, "Tylenol Extra Strength 500mg #240")
    # 325 mg x 6 a day + 500 mg x 2 x 4 a day
    assert "about 5,950 mg" in _ceiling(item)
    assert item.decision == Decision.UPHELD
    assert item.reasons[0] == "dose_exceeds_limit"


def test_a_dose_within_four_grams_is_within_the_ceiling() -> None:
    note = "Knee pain 5/10. Meds: acetaminophen 500 mg 2 tabs BID. Plan: continue acetaminophen 500 mg #120."
    item = _item(note, "Acetaminophen 500 mg #120")
    assert "about 2,000 mg" in _ceiling(item)
    assert item.decision == Decision.OVERTURNED


def test_an_opioid_combined_with_acetaminophen_adds_to_the_other_acetaminophen() -> None:
    note = (
        "Neck pain 8/10 w/o meds, 4/10 w/ meds; walks 30 min vs 10 min. UDS 9/2015 consistent, CURES "
        "reviewed. Meds: Norco 10/325 1 q4h; Tylenol 500 mg 2 tabs QID. Plan: refill Norco 10/325 #180."
    )
    item = _item(note, "Norco 10/325 #180")
    finding = next(c for c in item.criteria if c.id == "opioids.acetaminophen_ceiling")
    assert finding.result == "not_met"
    assert "about 5,950 mg" in finding.finding


def test_an_opioid_without_acetaminophen_is_not_held_to_it() -> None:
    note = "Meds: OxyContin 20 mg q12h; Percocet 10/325 1 q4h; Tylenol 500 mg 2 tabs QID."
    item = _item(note, "OxyContin 20 mg #60")
    finding = next(c for c in item.criteria if c.id == "opioids.acetaminophen_ceiling")
    assert finding.result == "not_applicable"
    # said as not applying, not as a dose "not documented" that could not be worked out
    assert finding.finding == "Does not apply to this request."


def test_a_request_the_record_gives_no_sig_for_counts_as_a_months_supply() -> None:
    note = (
        "C/o neck pain 6/10. MEDS: Percocet 10/325 1 po q4h prn. Requests Tylenol ES for breakthrough pain."
    )
    item = _item(note, "Tylenol Extra Strength 500mg #240")
    finding = _ceiling(item)
    assert "Percocet 1,950 mg/day" in finding and "4,000 mg/day as requested" in finding
    assert item.reasons[0] == "dose_exceeds_limit"
    decisive = next(c for c in item.criteria if c.id == "acetaminophen.max_daily_dose")
    assert any("Percocet 10/325 1 po q4h prn" in e.text for e in decisive.evidence)


def test_tramadol_above_400_mg_a_day_exceeds_its_ceiling() -> None:
    note = (
        "LBP 7/10 w/o meds, 4/10 w/ meds; walks 30 min vs 10. UDS 9/2015 consistent. "
        "Meds: Ultram 50 mg 2 tabs q4h. Plan: refill Ultram 50 mg #360."
    )
    item = _item(note, "Ultram 50 mg #360")
    finding = next(c for c in item.criteria if c.id == "tramadol.max_dose")
    assert finding.result == "not_met"
    assert "about 600 mg" in finding.finding
