"""A tear an operative report found was treated at that operation: it is no sign of a tear now, so it
does not make a new knee MRI a study for a suspected tear."""

from __future__ import annotations

from drafting import draft_item, record

from imr.models import ItemDetermination

NOTE = (
    "L knee pain 7/10 with stairs. s/p L knee scope 8/2012. PT x18 and daily HEP. {symptoms} "
    "Exam: medial joint line TTP, crepitus. Lachman neg."
)


def knee_mri(symptoms: str) -> ItemDetermination:
    operation = (
        "OPERATIVE REPORT. Procedure: L knee arthroscopic partial medial meniscectomy. "
        "Findings: Complex posterior horn medial meniscus tear."
    )
    records = [
        record("op", "operative_report", "2012-08-21", operation),
        record("pr2", "progress_report", "2016-12-06", NOTE.format(symptoms=symptoms)),
    ]
    return draft_item("MRI left knee without contrast", records, ur_date="2017-02-14", injury="2012-04-03")


def test_a_tear_treated_at_an_earlier_operation_is_no_suspected_tear() -> None:
    item = knee_mri("Denies locking, catching or giving way.")
    assert item.decision == "Upheld"
    assert "meniscus tear" not in (item.rationale or "")


def test_mechanical_symptoms_now_still_suggest_a_tear() -> None:
    item = knee_mri("Reports locking and giving way of the L knee.")
    assert item.decision == "Overturned"
