"""A service asked only for a surgery (an inpatient stay) follows the surgery disputed with it when the
surgery is not medically necessary; with no surgery disputed, a physician decides it."""

from __future__ import annotations

from imr.engine import draft
from imr.knowledge import load_knowledge
from imr.models import CaseFile, Determination

NOTE = (
    "SUBJECTIVE: Chronic low back pain 6/10 for 2 years, no leg pain. OBJECTIVE: SLR negative. "
    "ASSESSMENT: Lumbar degenerative disc disease L4-5. Flexion/extension films show no instability; "
    "no spondylolisthesis. MRI: disc desiccation L4-5, no nerve root compression. "
    "PLAN: L4-5 lumbar fusion, 3 day inpatient stay."
)


def decide(requests: list[str]) -> Determination:
    case = CaseFile.model_validate(
        {
            "ur": {"date": "2014-07-15"},
            "date_of_injury": "2012-03-02",
            "records": [{"id": "r1", "kind": "progress_report", "date": "2014-07-01", "text": NOTE}],
            "items": [{"request": r, "ur_decision": "non-certified"} for r in requests],
        }
    )
    return draft(case, load_knowledge())


def test_a_stay_for_a_surgery_that_is_not_necessary_is_not_necessary() -> None:
    surgery, stay = decide(["L4-5 lumbar fusion", "Inpatient hospital stay x 3 days"]).items
    assert surgery.decision == "Upheld"
    assert stay.decision == "Upheld"
    assert stay.guideline == surgery.guideline
    assert stay.reasons == surgery.reasons[:1]
    assert "L4-5 lumbar fusion is not medically necessary" in stay.rationale


def test_a_stay_with_no_surgery_disputed_goes_to_the_physician() -> None:
    (stay,) = decide(["Inpatient hospital stay x 3 days"]).items
    assert stay.needs_review
    assert stay.decision is None
