"""context_from: the letter context built from a determination and its case file."""

from __future__ import annotations

import datetime as dt

from imr.knowledge import load_knowledge
from imr.letters import LetterContext, context_from, render_markdown
from imr.models import CaseFile, Determination, ReviewerCredentials
from imr.published.layout import NO_EVIDENCE_CITED

KNOWLEDGE = load_knowledge()
UR_TEXT = (
    "UTILIZATION REVIEW DETERMINATION\n\n"
    "1. Flexeril 5mg #60: non-certified. Per the MTUS Chronic Pain Medical Treatment Guidelines, "
    "muscle relaxants are for short-term use.\n"
    "2. Follow up Visit: certified.\n"
)
CASE = {
    "case_id": "CM15-0000002",
    "worker": {"age": 52, "sex": "female"},
    "date_of_injury": "2012-03-21",
    "parties": [{"role": "employer", "name": "Acme Drilling Inc."}],
    "records": [
        {
            "id": "r1",
            "kind": "progress_report",
            "date": "2015-02-25",
            "text": "SUBJECTIVE COMPLAINTS: Neck pain 7/10 with muscle spasm.\n\nDIAGNOSES: Cervical strain.",
        },
        {"id": "r2", "kind": "pdf", "path": "records/ur-2015-03-13.pdf"},
        {"id": "r3", "kind": "ur_decision", "date": "2015-03-13", "text": UR_TEXT},
    ],
    "items": [
        {"request": "Flexeril 5mg #60"},
        {"request": "Follow up Visit", "claims_administrator_guideline": "ODG Pain office visits"},
    ],
}


def _determination(seed000_determination: Determination) -> Determination:
    flexeril = seed000_determination.items[1]
    visit = flexeril.model_copy(update={"request": "Follow up Visit"})
    return seed000_determination.model_copy(update={"case_id": None, "items": [flexeril, visit]})


def test_summary_documents_parties_ur_date_and_claims_administrator(
    seed000_determination: Determination,
) -> None:
    ctx = context_from(
        _determination(seed000_determination),
        CaseFile.model_validate(CASE),
        letter_date=dt.date(2015, 4, 1),
        knowledge=KNOWLEDGE,
    )
    assert ctx.case_id == "CM15-0000002"
    # The summary is written from the facts, not pasted from the records.
    assert ctx.case_summary.startswith(
        "The injured worker is a 52-year-old female who sustained an industrial injury on 3/21/2012."
    )
    assert "The injured worker was diagnosed as having cervical strain." in ctx.case_summary
    assert "…" not in ctx.case_summary
    assert "(record r1)" not in ctx.case_summary
    assert [(d.id, d.kind, d.title) for d in ctx.documents_reviewed] == [
        ("r1", "progress_report", None),
        ("r2", "pdf", "ur-2015-03-13.pdf"),
        ("r3", "ur_decision", None),
    ]
    # What the UR decision record cites for the item, unless the case item says it itself.
    assert ctx.claims_administrator_guidelines == [
        "MTUS Chronic Pain Medical Treatment Guidelines",
        "ODG Pain office visits",
    ]
    assert ctx.ur_date == dt.date(2015, 3, 13)  # from the UR record, the case file giving none
    assert [p.name for p in ctx.parties] == ["Acme Drilling Inc."]
    assert ctx.draft and ctx.reviewer is None
    lines = render_markdown(ctx, KNOWLEDGE).splitlines()
    assert "Claims Administrator guideline: MTUS Chronic Pain Medical Treatment Guidelines." in lines
    assert "Claims Administrator guideline: ODG Pain office visits." in lines
    assert any(line.startswith("Utilization review decision date: 3/13/2015") for line in lines)
    assert any(line.startswith("Employer: Acme Drilling Inc.") for line in lines)


def test_the_physicians_summary_and_citations_replace_the_written_ones(
    seed000_determination: Determination,
) -> None:
    reviewer = ReviewerCredentials(specialties=["Family Practice"], licensure=["New Jersey"])
    ctx = context_from(
        _determination(seed000_determination),
        CaseFile.model_validate(CASE),
        KNOWLEDGE,
        reviewer=reviewer,
        case_summary="The reviewer's own summary.",
        claims_administrator=["ODG Pain chapter", "none"],
    )
    assert ctx.case_summary == "The reviewer's own summary."
    assert ctx.claims_administrator_guidelines == ["ODG Pain chapter", None]  # "none": UR cited nothing
    assert ctx.reviewer == reviewer
    assert ctx.letter_date == dt.date.today()
    assert (
        f"Claims Administrator guideline: {NO_EVIDENCE_CITED}" in render_markdown(ctx, KNOWLEDGE).splitlines()
    )


def test_case_without_claims_administrator_data(seed000_context: LetterContext) -> None:
    case = CaseFile.model_validate({"records": [{"id": "r1", "text": "x"}], "items": [{"request": "a"}]})
    ctx = context_from(seed000_context.determination, case, knowledge=KNOWLEDGE)
    assert ctx.claims_administrator_guidelines == []
    assert ctx.case_id == "CM15-0000001"  # from the determination
    assert ctx.case_summary.startswith("The records reviewed do not state the injured worker's age")


def test_two_items_with_the_same_request_keep_their_own_claims_administrator_line(
    seed000_determination: Determination,
) -> None:
    flexeril = seed000_determination.items[1]
    determination = seed000_determination.model_copy(update={"items": [flexeril, flexeril]})
    case = CaseFile.model_validate(
        {
            "records": [{"id": "r1", "text": "x"}],
            "items": [
                {"request": flexeril.request, "claims_administrator_guideline": "MTUS A"},
                {"request": flexeril.request, "claims_administrator_guideline": "ODG B"},
            ],
        }
    )
    assert context_from(determination, case, knowledge=KNOWLEDGE).claims_administrator_guidelines == [
        "MTUS A",
        "ODG B",
    ]
