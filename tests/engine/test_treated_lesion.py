"""A tear an operative report found was treated at that operation: it is no sign of a tear now, so it
does not make a new knee MRI a study for a suspected tear."""

from __future__ import annotations

from imr.engine import draft
from imr.knowledge import load_knowledge
from imr.models import CaseFile, ItemDetermination

NOTE = (
    "L knee pain 7/10 with stairs. s/p L knee scope 8/2012. PT x18 and daily HEP. {symptoms} "
    "Exam: medial joint line TTP, crepitus. Lachman neg."
)


def knee_mri(symptoms: str) -> ItemDetermination:
    case = CaseFile.model_validate(
        {
            "ur": {"date": "2017-02-14"},
            "date_of_injury": "2012-04-03",
            "records": [
                {
                    "id": "op",
                    "kind": "operative_report",
                    "date": "2012-08-21",
                    "text": "OPERATIVE REPORT. Procedure: L knee arthroscopic partial medial meniscectomy. "
                    "Findings: Complex posterior horn medial meniscus tear.",
                },
                {
                    "id": "pr2",
                    "kind": "progress_report",
                    "date": "2016-12-06",
                    "text": NOTE.format(symptoms=symptoms),
                },
            ],
            "items": [{"request": "MRI left knee without contrast", "ur_decision": "non-certified"}],
        }
    )
    return draft(case, load_knowledge()).items[0]


def test_a_tear_treated_at_an_earlier_operation_is_no_suspected_tear() -> None:
    item = knee_mri("Denies locking, catching or giving way.")
    assert item.decision == "Upheld"
    assert "meniscus tear" not in (item.rationale or "")


def test_mechanical_symptoms_now_still_suggest_a_tear() -> None:
    item = knee_mri("Reports locking and giving way of the L knee.")
    assert item.decision == "Overturned"
