"""A drug screen the laboratory calls inconsistent (the prescribed opioid absent, another present) is
aberrant behaviour; a patient's denial of another behaviour ("no early refills") does not contradict it,
while a progress note calling the same screen consistent does."""

from __future__ import annotations

from imr.engine import draft
from imr.knowledge import load_knowledge
from imr.models import CaseFile, Decision, ItemDetermination

KNOWLEDGE = load_knowledge()
NOTE = (
    "On oxycodone IR 10 mg QID (60 MED) since 2013. Pain 9/10 w/o meds, 5/10 w/ meds. States oxycodone "
    "lets her walk her dog 20 min vs 5 min. Denies sedation. {extra} Opioid agreement signed 2/2014. "
    "PLAN: Refill oxycodone 10 mg #120. CURES checked."
)
LAB = (
    "COMPREHENSIVE URINE DRUG TEST. Reported medications: oxycodone.\nOxycodone: NEGATIVE. Hydrocodone: "
    "POSITIVE (1,210 ng/mL).\nInterpretation: INCONSISTENT - prescribed oxycodone not detected; hydrocodone "
    "detected, not reported as prescribed."
)


def _item(extra: str) -> ItemDetermination:
    case = CaseFile.model_validate(
        {
            "case_id": "UDS-1",
            "date_of_injury": "2010-05-14",
            "ur": {"date": "2015-09-03"},
            "records": [
                {
                    "id": "pr2",
                    "kind": "progress_report",
                    "date": "2015-08-18",
                    "text": NOTE.format(extra=extra),
                },
                {"id": "uds", "kind": "lab", "date": "2015-07-21", "text": LAB},
            ],
            "items": [{"request": "Oxycodone 10 mg #120"}],
        }
    )
    return draft(case, KNOWLEDGE).items[0]


def test_an_inconsistent_screen_is_aberrant_whatever_other_behaviour_is_denied() -> None:
    item = _item("Pt reports no early refills.")
    assert item.decision == Decision.UPHELD
    assert item.reasons[0] == "aberrant_behavior"


def test_a_note_calling_the_screen_consistent_contradicts_the_laboratory() -> None:
    item = _item("UDS 7/21/15 consistent with prescribed oxycodone.")
    assert item.decision is None
    assert item.needs_review
    assert "consistent with prescribed" in (item.review_reason or "")
