"""Continued opioids: the total daily dose in morphine equivalents against the ceiling, worked out from
the request and the other opioids the record lists (or the record's own total), and aberrant behaviour."""

from __future__ import annotations

import datetime as dt

from imr.engine import draft
from imr.knowledge import load_knowledge
from imr.models import CaseFile, Decision, ItemDetermination

KNOWLEDGE = load_knowledge()
BENEFIT = (
    "Pain 8/10 w/o meds, 4/10 w/ meds. With his medications he walks 30 min vs 10 min before. "
    "No sedation. UDS 6/2015 consistent. CURES reviewed, single prescriber. "
)


def _item(note: str, request: str) -> ItemDetermination:
    case = CaseFile.model_validate(
        {
            "case_id": "MME-1",
            "date_of_injury": "2011-02-01",
            "ur": {"date": "2015-08-13"},
            "records": [{"id": "pr2", "kind": "progress_report", "date": "2015-08-01", "text": note}],
            "items": [{"request": request}],
        }
    )
    return draft(case, as_of=dt.date(2015, 8, 13), knowledge=KNOWLEDGE).items[0]


def _ceiling(item: ItemDetermination) -> str:
    return next(c.finding for c in item.criteria if c.id == "opioids.med_ceiling")


def test_the_dose_is_worked_out_from_each_sig_and_a_total_above_the_ceiling_is_upheld() -> None:
    note = "MEDS: OxyContin 40 mg 1 po q12h; Percocet 10/325 1 po q6h prn (uses 4/day). " + BENEFIT
    item = _item(note, "OxyContin 40 mg #60")
    assert item.decision == Decision.UPHELD
    assert item.reasons[0] == "dose_exceeds_limit"
    # oxycodone 80 + 40 mg a day, times 1.5
    assert "about 180 mg morphine equivalents" in _ceiling(item)


def test_a_patch_counts_by_its_rate() -> None:
    note = "MEDS: Fentanyl patch 75 mcg/hr q72h. " + BENEFIT
    item = _item(note, "Fentanyl patch 75 mcg/hr #10")
    assert "about 180 mg morphine equivalents" in _ceiling(item)
    assert item.decision == Decision.UPHELD


def test_the_records_own_total_is_taken_when_written() -> None:
    note = (
        "MEDS: MS Contin 30 mg po BID; Norco 10/325 1 po BID prn. MED: MS Contin 60 + Norco 20 = 80 mg/day. "
    )
    item = _item(note + BENEFIT, "MS Contin 30 mg #60")
    assert "about 80 mg morphine equivalents" in _ceiling(item)
    assert item.decision == Decision.OVERTURNED


def test_a_written_total_that_names_one_opioid_adds_the_others_taken() -> None:
    # the physician's MED counts only the OxyContin; the Norco taken with it adds 60 mg
    note = (
        "MEDS: OxyContin 30 mg 1 po q12h; Norco 10/325 1 q4h prn breakthrough, max 6/day. "
        "Current MED 90 mg/day from OxyContin, below the 120 mg threshold. "
    )
    for request in ("OxyContin 30 mg #60", "Norco 10/325 mg #180"):
        item = _item(note + BENEFIT, request)
        assert "about 150 mg morphine equivalents" in _ceiling(item)
        assert item.decision == Decision.UPHELD
        assert item.reasons == ["dose_exceeds_limit"]


def test_the_request_alone_gives_the_dose_when_the_record_has_no_sig() -> None:
    item = _item("Takes Norco for back pain. " + BENEFIT, "Norco 10/325 mg #120")
    # 120 tablets over the 30-day supply of vocab/mme.yaml: 4 a day, 40 mg
    assert "about 40 mg morphine equivalents" in _ceiling(item)


def test_borrowed_pills_and_running_out_early_are_aberrant_behaviour() -> None:
    note = (
        "MEDS: Norco 10/325 1 po QID. Pt reports he took a pain pill from his brother when he ran out "
        "of Norco 5 days early last month. " + BENEFIT
    )
    item = _item(note, "Norco 10/325 mg #120")
    assert item.decision == Decision.UPHELD
    assert item.reasons[0] == "aberrant_behavior"
