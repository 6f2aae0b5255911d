"""Medication history is read from use that happened: a plan to start a drug is no trial of it, though
a drug started with the request is the co-therapy a PPI goes with."""

from __future__ import annotations

from typing import Any

from imr.engine import draft
from imr.knowledge import load_knowledge
from imr.models import CaseFile, ItemDetermination

NEUROPATHIC = (
    "Burning pain radiating down the L leg to the lateral foot. SLR + on L reproducing leg pain. "
    "Decreased sensation L lateral foot (S1 dermatome). Dx: L S1 radiculopathy. "
)


def items(*requests: str, text: str) -> list[ItemDetermination]:
    case: dict[str, Any] = {
        "ur": {"date": "2015-01-10"},
        "date_of_injury": "2013-01-10",
        "records": [{"id": "r1", "kind": "progress_report", "date": "2014-12-16", "text": text}],
        "items": [{"request": r, "ur_decision": "non-certified"} for r in requests],
    }
    return draft(CaseFile.model_validate(case), load_knowledge()).items


def test_a_plan_to_start_gabapentin_is_no_first_line_trial_for_a_lidocaine_patch() -> None:
    text = NEUROPATHIC + (
        "He has not tried any anticonvulsant or antidepressant for the nerve pain.\n"
        "PLAN:\n1. Start gabapentin 300 mg TID #90 - first trial.\n2. Lidoderm 5% patch #30 to L leg."
    )
    lidoderm = items("Lidoderm 5% patch #30", text=text)[0]
    assert lidoderm.decision == "Upheld"


def test_a_failed_gabapentin_trial_is_a_first_line_trial_for_a_lidocaine_patch() -> None:
    text = NEUROPATHIC + (
        "Gabapentin 300 mg TID was tried for 3 months, stopped for dizziness.\n"
        "PLAN:\n1. Lidoderm 5% patch #30 to L leg."
    )
    lidoderm = items("Lidoderm 5% patch #30", text=text)[0]
    assert lidoderm.decision == "Overturned"


def test_a_ppi_ordered_with_a_new_oral_nsaid_is_co_therapy() -> None:
    text = (
        "Chronic LBP. H/o peptic ulcer 2009, treated. Takes Tylenol only.\n"
        "PLAN:\n1. Start naproxen 550 mg BID #60.\n2. Start ranitidine 150 mg BID #60 with naproxen."
    )
    assert items("Ranitidine 150mg BID #60", text=text)[0].decision == "Overturned"


def test_a_ppi_ordered_with_a_topical_nsaid_is_not_co_therapy() -> None:
    text = (
        "R knee OA. H/o peptic ulcer 2009. No oral NSAID now.\n"
        "PLAN:\n1. Start Voltaren 1% gel 4 g to R knee QID - first trial of a topical NSAID.\n"
        "2. Omeprazole 20 mg daily #30."
    )
    assert items("Omeprazole 20mg #30", text=text)[0].decision == "Upheld"


def test_an_nsaid_started_in_the_note_that_orders_the_ppi_counts_though_a_later_note_follows() -> None:
    case: dict[str, Any] = {
        "ur": {"date": "2015-08-10"},
        "date_of_injury": "2013-01-10",
        "records": [
            {
                "id": "pr2",
                "kind": "progress_report",
                "date": "2015-07-14",
                "text": "H/o peptic ulcer 2009.\nPLAN:\n1. Start naproxen 550 mg BID.\n2. Omeprazole 20 mg.",
            },
            {
                "id": "pt",
                "kind": "therapy_note",
                "date": "2015-07-28",
                "text": "PT visit 3 of 6. Tolerated well.",
            },
        ],
        "items": [{"request": "Omeprazole 20mg #30", "ur_decision": "non-certified"}],
    }
    item = draft(CaseFile.model_validate(case), load_knowledge()).items[0]
    assert item.decision == "Overturned"


def test_a_treatment_only_planned_today_is_no_prior_trial_of_it() -> None:
    text = (
        "Complains of trouble sleeping x 8 months, wakes 3-4 times a night. "
        "Has not tried any sleep hygiene measures or sleep medication.\n"
        "PLAN: Sleep hygiene handout given today. Polysomnography requested."
    )
    study = items("Polysomnography (sleep study)", text=text)[0]
    assert study.decision == "Upheld"
