"""context_from: the letter context built from a determination and its case file."""

from __future__ import annotations

import datetime as dt

from imr.knowledge import load_knowledge
from imr.letters import LetterContext, context_from, render_markdown
from imr.models import CaseFile, Determination, ReviewerCredentials
from imr.published.layout import NO_EVIDENCE_CITED

KNOWLEDGE = load_knowledge()

CASE = {
    "case_id": "CM15-0000002",
    "worker": {"age": 52, "sex": "female"},
    "date_of_injury": "2012-03-21",
    "records": [
        {"id": "r1", "kind": "progress_report", "date": "2015-02-25", "text": "Neck pain 7/10. " * 40},
        {"id": "r2", "kind": "pdf", "path": "records/ur-2015-03-13.pdf"},
    ],
    "items": [
        {
            "request": "Flexeril 5mg #60",
            "claims_administrator_guideline": "MTUS Chronic Pain muscle relaxants",
        },
        {"request": "Follow up Visit"},
    ],
}


def _determination(seed000_determination: Determination) -> Determination:
    flexeril = seed000_determination.items[1]
    visit = flexeril.model_copy(update={"request": "Follow up Visit"})
    return seed000_determination.model_copy(update={"case_id": None, "items": [flexeril, visit]})


def test_generated_summary_documents_and_claims_administrator(seed000_determination: Determination) -> None:
    ctx = context_from(
        _determination(seed000_determination),
        CaseFile.model_validate(CASE),
        letter_date=dt.date(2015, 4, 1),
        knowledge=KNOWLEDGE,
    )
    assert ctx.case_id == "CM15-0000002"
    assert ctx.case_summary.startswith(
        "The injured worker is a 52-year-old female who sustained an industrial injury on 3/21/2012."
    )
    assert "Progress report dated 2/25/2015 (record r1): Neck pain 7/10." in ctx.case_summary
    assert ctx.case_summary.split("\n\n")[1].endswith(" …")  # long records are cut, not pasted whole
    assert "Document (PDF) (record r2): file records/ur-2015-03-13.pdf, not quoted here." in ctx.case_summary
    assert [(d.id, d.kind, d.title) for d in ctx.documents_reviewed] == [
        ("r1", "progress_report", None),
        ("r2", "pdf", "ur-2015-03-13.pdf"),
    ]
    assert ctx.claims_administrator_guidelines == ["MTUS Chronic Pain muscle relaxants", None]
    assert ctx.draft and ctx.reviewer is None
    lines = render_markdown(ctx, knowledge=KNOWLEDGE).splitlines()
    assert "Claims Administrator guideline: MTUS Chronic Pain muscle relaxants." in lines
    assert f"Claims Administrator guideline: {NO_EVIDENCE_CITED}" in lines


def test_clinical_summary_record_is_the_summary(seed000_determination: Determination) -> None:
    case = CaseFile.model_validate(
        {
            **CASE,
            "records": [
                *CASE["records"],
                {"id": "s1", "kind": "clinical_summary", "text": "  The reviewer's own summary.\n"},
            ],
        }
    )
    reviewer = ReviewerCredentials(specialties=["Family Practice"], licensure=["New Jersey"])
    ctx = context_from(_determination(seed000_determination), case, reviewer=reviewer, knowledge=KNOWLEDGE)
    assert ctx.case_summary == "The reviewer's own summary."
    assert ctx.reviewer == reviewer
    assert ctx.letter_date == dt.date.today()


def test_case_without_claims_administrator_data(seed000_context: LetterContext) -> None:
    case = CaseFile.model_validate({"records": [{"id": "r1", "text": "x"}], "items": [{"request": "a"}]})
    ctx = context_from(seed000_context.determination, case, knowledge=KNOWLEDGE)
    assert ctx.claims_administrator_guidelines == []
    assert ctx.case_id == "CM15-0000001"  # from the determination
    assert ctx.case_summary == "Other record (record r1): x"


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
