"""Sample cases and reviewers for the storage, workflow and API tests."""

from __future__ import annotations

from typing import Any

SUMMARY = (
    "The injured worker is a 46 year old male who sustained an industrial injury on 11/6/2008. "
    "Treatment to date has included medications, physical therapy and acupuncture. He reports neck and low "
    "back pain that worsens with prolonged sitting and overhead work, and he sleeps poorly because of it."
)
PROGRESS = (
    "Progress report 2/25/2015: neck pain 6/10, low back pain 7/10. Paraspinal muscle spasm on "
    "examination. Request acupuncture 15 visits and Flexeril 5mg #60."
)


UR_CITED = "MTUS Chronic Pain Medical Treatment Guidelines"


def case_file(
    case_id: str | None = "CM15-0000001",
    *,
    items: tuple[str, ...] = ("Acupuncture 15 visits", "Flexeril 5mg #60"),
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "expedited": False,
        "worker": {"age": 46, "sex": "male"},
        "date_of_injury": "2014-11-06",
        # the treatment was requested under the 2009 guidelines the engine encodes (a request from
        # 2017-12-01 on falls under ACOEM editions it leaves to the physician)
        "request_date": "2015-02-25",
        "ur": {"date": "2026-03-02", "claims_administrator": "Golden State Claims Services"},
        "parties": [
            {"role": "employer", "name": "Acme Drilling Inc."},
            {"role": "claims_administrator", "name": "Golden State Claims Services"},
            {"role": "treating_provider", "name": "Dr. Jane Smith"},
        ],
        "records": [
            {"id": "r1", "kind": "clinical_summary", "date": "2026-02-25", "text": SUMMARY},
            {"id": "r2", "kind": "progress_report", "date": "2026-02-25", "text": PROGRESS},
        ],
        "items": [
            {"request": request, "ur_decision": "non-certified", "claims_administrator_guideline": UR_CITED}
            for request in items
        ],
    }
    if case_id is not None:
        data["case_id"] = case_id
    return data


def application(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "submitted_on": "2026-03-10",
        "signed_by": "worker",
        "signature_present": True,
        "ur_decision_date": "2026-03-02",
        "ur_decision_served_on": "2026-03-03",
        "ur_decision_attached": True,
        "ur_decision_kind": "non-certified",
        "worker_id": "W-1001",
        "date_of_injury": "2014-11-06",
    }
    data.update(changes)
    return data


def submission(case_id: str | None = "CM15-0000001", **app_changes: Any) -> dict[str, Any]:
    return {"case": case_file(case_id), "application": application(**app_changes)}


def reviewer(reviewer_id: str = "rev-1", **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": reviewer_id,
        "name": "Dr. Reviewer",
        "specialties": ["Physical Medicine and Rehabilitation", "Pain Medicine"],
        "board_certifications": ["Physical Medicine and Rehabilitation"],
        "licensure_states": ["California"],
        "years_in_practice": 15,
        "hours_per_week_active": 30,
        "affiliations": [],
    }
    data.update(changes)
    return data
