"""Home health: an aide asked only for homemaking is no medical treatment, whatever care others give."""

from __future__ import annotations

from typing import Any

from imr.engine import draft
from imr.knowledge import load_knowledge
from imr.models import CaseFile, ItemDetermination

NOTE = (
    "S: 10 days s/p I&D R foot, on IV cefazolin via PICC. Strict NWB R LE; leaves home only for MD"
    " visits with wheelchair transport. The home infusion RN gives skilled nursing: wound care and PICC care."
    "\nO: Wound VAC in place.\nPLAN: 1) Home health skilled nursing 3x/wk x 6 wks - wound VAC changes."
    " 2) Home health aide 4 hrs/day x 5 days/wk x 4 wks for housekeeping, laundry, grocery shopping and"
    " meal preparation."
)


def items(*requests: str, text: str = NOTE) -> list[ItemDetermination]:
    case: dict[str, Any] = {
        "ur": {"date": "2015-09-15"},
        "date_of_injury": "2015-02-02",
        "records": [{"id": "r1", "kind": "progress_report", "date": "2015-09-08", "text": text}],
        "items": [{"request": r, "ur_decision": "non-certified"} for r in requests],
    }
    return draft(CaseFile.model_validate(case), load_knowledge()).items


def test_an_aide_for_homemaking_only_is_not_medical_treatment_beside_skilled_nursing() -> None:
    (aide,) = items("Home health aide 4 hrs/day x 5 days/wk x 4 wks")
    assert aide.decision == "Upheld"
    assert "not_medical_treatment" in aide.reasons
    # an aide asked for a medical task is not
    medical = NOTE.replace(
        "housekeeping, laundry, grocery shopping and meal preparation", "wound VAC changes"
    )
    (other,) = items("Home health aide 4 hrs/day x 5 days/wk x 4 wks", text=medical)
    assert other.decision == "Overturned"


def test_a_homebound_worker_leaves_home_only_for_doctor_visits() -> None:
    (nursing,) = items("Home health skilled nursing 3x/wk x 6 wks")
    assert nursing.decision == "Overturned"
