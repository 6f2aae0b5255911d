"""An adverse draft goes to a physician when it would rest on a record that could not be read, on
nothing but an absence in a thin file, or on a finding the records contradict."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from imr.engine import draft
from imr.knowledge import load_knowledge
from imr.models import CaseFile, ItemDetermination

KNOWLEDGE = load_knowledge()
LONG_NOTE = (
    "SUBJECTIVE: Pt c/o chronic low back pain for two years after a lifting injury at work, worse with "
    "prolonged sitting and bending, rated 6/10. She takes ibuprofen as needed and does her home exercises. "
    "OBJECTIVE: Tenderness over the lumbar paraspinals, range of motion reduced by a quarter in flexion, "
    "strength and sensation intact in both legs, reflexes symmetric, straight leg raise negative. "
    "ASSESSMENT: Chronic lumbar strain. PLAN: Flexeril 10 mg at night, continue home exercises."
)


def with_findings(findings: str) -> str:
    """The note with more findings written before its assessment and plan (a plan is not a finding)."""
    return LONG_NOTE.replace(" ASSESSMENT:", f" {findings} ASSESSMENT:")


def item(request: str, records: list[dict[str, Any]], tmp: Path | None = None) -> ItemDetermination:
    case = CaseFile.model_validate(
        {"ur": {"date": "2015-06-01"}, "records": records, "items": [{"request": request}]}
    )
    return draft(case, KNOWLEDGE, base_dir=tmp).items[0]


def test_a_denial_on_an_absence_with_an_unreadable_record_goes_to_review(tmp_path: Path) -> None:
    records = [
        {"id": "pr2", "kind": "progress_report", "date": "2015-05-01", "text": LONG_NOTE},
        {"id": "exam", "kind": "progress_report", "date": "2015-05-20", "path": "missing.pdf"},
    ]
    result = item("Flexeril 10 mg #30", records, tmp_path)
    assert result.needs_review
    assert "could not be read" in (result.review_reason or "")


def test_the_same_denial_stands_when_every_record_was_read() -> None:
    records = [{"id": "pr2", "kind": "progress_report", "date": "2015-05-01", "text": LONG_NOTE}]
    assert item("Flexeril 10 mg #30", records).decision is not None


def test_a_denial_resting_only_on_absence_in_a_thin_file_goes_to_review() -> None:
    records = [
        {"id": "n", "kind": "progress_report", "date": "2015-05-01", "text": "Back pain. Flexeril requested."}
    ]
    result = item("Flexeril 10 mg #30", records)
    assert result.needs_review and "words" in (result.review_reason or "")


def test_a_deciding_finding_contradicted_in_records_a_week_apart_goes_to_review() -> None:
    records = [
        {
            "id": "a",
            "kind": "progress_report",
            "date": "2015-05-01",
            "text": with_findings("Acute flare-up 3 days ago after lifting a box. Paraspinal spasm on exam."),
        },
        {
            "id": "b",
            "kind": "therapy_note",
            "date": "2015-05-06",
            "text": "PT eval: no muscle spasm palpated.",
        },
    ]
    result = item("Flexeril 10 mg #30", records)
    assert result.needs_review
    assert "disagree" in (result.review_reason or "")
    assert "progress report of 5/1/2015" in (result.review_reason or "")


def test_a_decision_resting_on_a_badly_scanned_page_goes_to_review() -> None:
    text = with_findings("Acute flare-up 3 days ago after lifting a box. Paraspinal muscle spasm on exam.")
    scanned = {
        "id": "scan",
        "kind": "progress_report",
        "date": "2015-05-01",
        "text": text,
        "pages": [{"page": 1, "start": 0, "end": len(text), "source": "ocr", "confidence": 41.0}],
    }
    result = item("Flexeril 10 mg #30", [scanned])
    assert result.needs_review and result.decision is None
    assert "not read reliably" in (result.review_reason or "") and "41% confidence" in (
        result.review_reason or ""
    )
    clean = {
        **scanned,
        "pages": [{"page": 1, "start": 0, "end": len(text), "source": "ocr", "confidence": 96.0}],
    }
    assert item("Flexeril 10 mg #30", [clean]).decision is not None


def test_findings_of_different_concepts_do_not_clash() -> None:
    # back pain affirmed in one note and leg symptoms denied in the next are not a disagreement:
    # a visit resting on "persistent findings" stands on the back pain
    records = [
        {
            "id": "a",
            "kind": "progress_report",
            "date": "2015-04-14",
            "text": with_findings("LBP 5/10 after a fall at work. Flexion 70 deg. Modified duty."),
        },
        {
            "id": "b",
            "kind": "progress_report",
            "date": "2015-05-12",
            "text": "LBP 5/10, aching, worse at end of shift. No radiating sx. Follow-up visit in 4-6 weeks.",
        },
    ]
    result = item("Follow-up visit 4-6 weeks", records)
    assert not result.needs_review, result.review_reason
    assert result.decision is not None and result.decision.value == "Overturned"


def test_two_different_findings_of_one_group_do_not_clash() -> None:
    # impingement affirmed and a full-thickness tear denied are both "a lesion surgery treats", but
    # different lesions: the MRI does not contradict the impingement
    records = [
        {
            "id": "pr2",
            "kind": "progress_report",
            "date": "2017-07-10",
            "text": "SUBJECTIVE: L shoulder pain for 5 months after lifting boxes overhead at work, worse "
            "reaching and at night, rated 6/10. She completed 12 sessions of physical therapy and a "
            "subacromial injection without lasting relief, and does her home exercises daily. "
            "OBJECTIVE: Neer and Hawkins positive on the left, painful arc 70-120 degrees, strength 4/5 in "
            "abduction, sensation intact. "
            "ASSESSMENT: L shoulder impingement syndrome / rotator cuff tendinitis. "
            "PLAN: L shoulder arthroscopy, subacromial decompression.",
        },
        {
            "id": "mri",
            "kind": "imaging",
            "date": "2017-07-24",
            "text": "MRI L shoulder. IMPRESSION: Supraspinatus tendinosis; no full-thickness tear.",
        },
    ]
    case = CaseFile.model_validate(
        {
            "date_of_injury": "2017-02-01",
            "ur": {"date": "2017-08-01"},
            "records": records,
            "items": [{"request": "L shoulder arthroscopy, subacromial decompression"}],
        }
    )
    result = draft(case, KNOWLEDGE).items[0]
    assert "disagree on a finding" not in (result.review_reason or "")
    assert result.decision is not None


def _transport(therapy_note: str) -> ItemDetermination:
    surgeon = (
        "SUBJECTIVE: Six weeks after a right carpal tunnel release, numbness improving, grip weak and "
        "painful. She does not drive since surgery because she cannot grip the steering wheel; she lives "
        "alone and no one can drive her. OBJECTIVE: Incision healed, grip 18 lb on the right, 48 lb on "
        "the left, thenar strength 4/5. ASSESSMENT: Status post right carpal tunnel release. "
        "PLAN: Round-trip transportation to hand therapy x 4."
    )
    records = [
        {"id": "ot", "kind": "therapy_note", "date": "2016-11-03", "text": therapy_note},
        {"id": "pr2", "kind": "progress_report", "date": "2016-11-08", "text": surgeon},
    ]
    case = CaseFile.model_validate(
        {
            "date_of_injury": "2016-06-01",
            "ur": {"date": "2016-11-20"},
            "records": records,
            "items": [{"request": "Round-trip transportation to hand therapy x 4"}],
        }
    )
    return draft(case, KNOWLEDGE).items[0]


def test_a_finding_denied_by_a_contrary_one_in_another_record_goes_to_review() -> None:
    # cannot drive, says the surgeon; drove herself to the session, says the therapist five days before
    result = _transport("Hand therapy visit 4. Pt drove herself to session today. Grip 24 lb.")
    assert result.needs_review
    assert "inconsistent_record" in result.reasons
    assert "drove herself" in (result.review_reason or "")


def test_the_same_finding_stands_when_no_record_says_otherwise() -> None:
    result = _transport("Hand therapy visit 4. Her neighbor brought her to the session. Grip 24 lb.")
    assert result.decision is not None
