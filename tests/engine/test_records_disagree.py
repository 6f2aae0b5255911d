"""Clinical records that disagree on what decides an item send it to review, naming both records;
records that only seem to disagree (a later, more specific record; a point that decides nothing) do not."""

from __future__ import annotations

from drafting import draft_item, record

from imr.models import Decision

OP = (
    "Procedure: Left L5-S1 microdiscectomy. Findings: extruded fragment compressing left S1 root, removed. "
    "Post-op PT to begin at 6 weeks."
)
PT_REEVAL = (
    "Dx: s/p L L5-S1 microdiscectomy 6/6/16. Visits: 8 of 8 authorized. Objective: Oswestry 18% (initial "
    "46%). Floor-to-waist lift 30 lbs x5 with good mechanics (initial 10 lbs). Sitting tolerance 60 min "
    "(initial 15 min). Plan: recommend 8 additional visits for lifting training."
)
SURGEON = (
    "SUBJECTIVE: s/p L L5-S1 microdiscectomy 6/6/16. Finished 8 post-op PT visits. Pt states no change with "
    "PT, pain still 7/10, unable to lift more than 10 lbs. TREATMENT PLAN: RFA additional post-op PT 2x4 "
    "lumbar. WORK STATUS: TTD."
)


def test_a_therapy_benefit_a_later_note_says_the_therapy_did_not_give_goes_to_review() -> None:
    records = [
        record("op", "operative_report", "2016-06-06", OP),
        record("pt", "therapy_note", "2016-09-12", PT_REEVAL, title="Post-operative PT Re-evaluation"),
        record("pr", "progress_report", "2016-09-27", SURGEON),
    ]
    item = draft_item("Additional post-op PT 2x4 lumbar", records, ur_date="2016-10-14", injury="2016-01-22")
    assert item.decision is None and item.needs_review
    assert item.reasons == ["inconsistent_record"]
    assert "no change with PT" in (item.review_reason or "")
    # without the surgeon's denial, the measured gains decide
    records[2] = record("pr", "progress_report", "2016-09-27", SURGEON.replace("no change with PT, ", ""))
    item = draft_item("Additional post-op PT 2x4 lumbar", records, ur_date="2016-10-14", injury="2016-01-22")
    assert item.decision == Decision.OVERTURNED
