"""Care tied to a surgery of the same case (post-op therapy) follows the surgery's decision when the
surgery is Upheld, and names it; with the surgery Overturned it keeps its own decision."""

from __future__ import annotations

from imr.engine import draft
from imr.knowledge import load_knowledge
from imr.models import CaseFile, Determination

EXAM = (
    "Exam: medial joint line TTP. McMurray equivocal. PT x12 and HEP failed. "
    "MRI: degenerative medial meniscus tear."
)


def case(symptoms: str) -> Determination:
    return draft(
        CaseFile.model_validate(
            {
                "ur": {"date": "2016-11-15"},
                "date_of_injury": "2016-05-02",
                "records": [
                    {
                        "id": "r1",
                        "kind": "consultation",
                        "date": "2016-10-20",
                        "text": f"L knee pain. {symptoms} {EXAM}",
                    }
                ],
                "items": [
                    {"request": "Post-operative PT x 6 visits L knee", "ur_decision": "non-certified"},
                    {
                        "request": "L knee arthroscopy w/ partial medial meniscectomy",
                        "ur_decision": "non-certified",
                    },
                ],
            }
        ),
        load_knowledge(),
    )


def test_post_op_care_for_a_surgery_upheld_is_upheld_and_names_it() -> None:
    pt, surgery = case("Pt denies locking or catching; knee does not give way.").items
    assert surgery.decision == "Upheld"
    assert pt.decision == "Upheld"
    assert pt.reasons == surgery.reasons[:1]
    assert f"The request for {surgery.request} is not medically necessary" in pt.rationale
    assert pt.phase == "initial"  # its own phase is kept
    assert pt.criteria[0].id == "case.surgery_necessary" and pt.criteria[0].decisive


def test_without_a_surgery_upheld_post_op_care_keeps_its_own_decision() -> None:
    pt, surgery = case("Pt reports locking and giving way of the L knee.").items
    assert surgery.decision != "Upheld"
    assert all(c.id != "case.surgery_necessary" for c in pt.criteria)
