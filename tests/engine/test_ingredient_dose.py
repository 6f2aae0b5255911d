"""Acetaminophen's daily ceiling is on the sum over every product that holds it (Tylenol and the
acetaminophen inside Percocet or Norco), worked out from each product's sig and the request."""

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
            "date_of_injury": "2011-02-01",
            "ur": {"date": "2015-08-13"},
            "records": [{"id": "pr2", "kind": "progress_report", "date": "2015-08-01", "text": note}],
            "items": [{"request": request}],
        }
    )
    return draft(case, as_of=dt.date(2015, 8, 13), knowledge=KNOWLEDGE).items[0]


def _ceiling(item: ItemDetermination) -> str:
    return next(c.finding for c in item.criteria if c.id == "acetaminophen.max_daily_dose")


def test_acetaminophen_in_a_combination_opioid_counts_towards_the_ceiling() -> None:
    note = (
        "C/o neck pain 6/10. MEDS: Percocet 10/325 1 po q4h prn. Requests Tylenol ES for breakthrough pain."
    )
    item = _item(note, "Tylenol Extra Strength 500mg #240")
    assert item.decision == Decision.UPHELD
    assert item.reasons[0] == "dose_exceeds_limit"
    finding = _ceiling(item)
    assert "5,950 mg" in finding and "Percocet 1,950 mg/day" in finding
    decisive = next(c for c in item.criteria if c.id == "acetaminophen.max_daily_dose")
    assert any("Percocet 10/325 1 po q4h prn" in e.text for e in decisive.evidence)


def test_acetaminophen_alone_within_the_ceiling_is_not_held_against_the_request() -> None:
    item = _item("C/o knee pain 5/10, mild OA. No other medications.", "Tylenol 500 mg #120")
    assert item.decision == Decision.OVERTURNED
    assert "2,000 mg" in _ceiling(item) and "within" in _ceiling(item)


def test_a_sig_in_the_record_is_read_for_the_requested_product_itself() -> None:
    note = "C/o LBP 7/10. MEDS: Tylenol 500 mg 2 tabs QID, ibuprofen 600 mg TID. Continue Tylenol."
    item = _item(note, "Tylenol 500 mg #240")
    assert "4,000 mg" in _ceiling(item) and "within" in _ceiling(item)
