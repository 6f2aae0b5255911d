"""Acronym services keep their capitals in the rationale ("TENS", not "tens"), and a prior trial that
is met names what the records document, not every trial the guideline would accept."""

from __future__ import annotations

import datetime as dt

from imr.engine import draft
from imr.knowledge import load_knowledge
from imr.models import CaseFile, ItemDetermination

KNOWLEDGE = load_knowledge()


def _tens() -> ItemDetermination:
    case = CaseFile.model_validate(
        {
            "case_id": "TENS-1",
            "date_of_injury": "2013-09-09",
            "ur": {"date": "2015-10-20"},
            "records": [
                {
                    "id": "pr2a",
                    "kind": "progress_report",
                    "date": "2015-08-04",
                    "text": "S: Chronic neck pain with R arm radicular pain. PT x12 and HEP ongoing.\n"
                    "P: 30-day TENS rental trial as adjunct to HEP.",
                },
                {
                    "id": "pr2b",
                    "kind": "progress_report",
                    "date": "2015-09-29",
                    "text": "S: TENS trial completed with benefit: able to sleep 6 hrs (was 3), "
                    "decreased Norco from 4/day to 2/day. Continues HEP daily.\nP: TENS unit purchase.",
                },
            ],
            "items": [{"request": "TENS unit purchase"}],
        }
    )
    return draft(case, as_of=dt.date(2015, 10, 20), knowledge=KNOWLEDGE).items[0]


def test_tens_keeps_its_capitals() -> None:
    item = _tens()
    assert "TENS was used before" in (item.rationale or "")
    assert " tens " not in (item.rationale or "")


def test_a_prior_trial_met_names_what_the_records_document() -> None:
    criterion = next(c for c in _tens().criteria if c.id == "tens.other_modalities_failed")
    assert criterion.result == "met"
    assert (criterion.finding or "").startswith(
        "The records document prior treatment (physical therapy and home"
    )
