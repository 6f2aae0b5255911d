"""Studies and referrals that serve a surgical decision: a worker who declines surgery is no surgical
candidate (ACOEM ch. 12: imaging for nerve compromise in a worker who would consider surgery)."""

from __future__ import annotations

import pytest
from drafting import KNOWLEDGE, draft_item, record

from imr.facts import extract_text
from imr.models import Decision

L5_EXAM = (
    "SUBJECTIVE: LBP and R leg pain to the lateral calf, 6/10. Has tried PT x12, chiro x6 and naproxen "
    "without benefit. {wish}\n"
    "OBJECTIVE: SLR + R at 50 deg. Decr sensation R L5 dermatome. EHL 5/5. DTRs 2+ sym.\n"
    "DIAGNOSES: R L5 radiculopathy.\n"
    "TREATMENT PLAN: MRI L-spine w/o contrast."
)


def _declined(text: str) -> list[bool]:
    return [
        f.affirmed for f in extract_text(text, knowledge=KNOWLEDGE) if f.concept == "event.surgery_declined"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Pt states she does not want surgery or injections under any circumstances.",
        "He states he does not want surgery and would not consider an operation.",
        "Discussed ESI and spine surgery referral; pt declines, 'scared of needles and surgery.'",
        "She is not interested in surgery at this time.",
    ],
)
def test_a_refusal_of_surgery_is_read(text: str) -> None:
    found = _declined(text)
    assert found and all(found)


@pytest.mark.parametrize(
    "text",
    [
        "She would consider surgery if the MRI shows a lesion.",
        "Pt wishes to proceed with surgery.",
        "Plan: spine surgery consult; patient declines injections.",
        "She does not want injections.",
    ],
)
def test_willingness_or_a_refused_injection_is_no_refusal_of_surgery(text: str) -> None:
    assert not any(_declined(text))


def _lumbar_mri(wish: str) -> Decision:
    records = [record("pr2", "progress_report", "2016-02-16", L5_EXAM.format(wish=wish))]
    return draft_item(
        "MRI lumbar spine w/o contrast", records, ur_date="2016-02-24", injury="2014-03-12"
    ).decision


def test_a_lumbar_mri_for_a_worker_who_declines_surgery_is_not_supported() -> None:
    assert _lumbar_mri("She does not want surgery under any circumstances.") == Decision.UPHELD


def test_a_lumbar_mri_for_a_worker_who_would_consider_surgery_is_supported() -> None:
    assert _lumbar_mri("She would consider surgery if a lesion is found.") == Decision.OVERTURNED
