"""The Markdown letter: standard structure, drafts, needs-review items, signed letters."""

from __future__ import annotations

import datetime as dt

import pytest
from letter_texts import SIGNED_RATIONALE
from letters_golden import assert_golden
from pydantic import ValidationError

from imr.errors import RenderError
from imr.knowledge import load_knowledge
from imr.letters import LetterContext, SignatureBlock, render_markdown, render_worksheet_markdown
from imr.models import Decision, GuidelineRef, ItemDetermination
from imr.published.layout import HEADING_CASE_SUMMARY, HEADING_HOW_MADE, HEADING_ISSUES, NO_EVIDENCE_CITED

KNOWLEDGE = load_knowledge()

AI_DISCLOSURE = "This draft was prepared with software assistance; the decision is the physician reviewer's."


def test_seed000_letter_matches_golden(seed000_context: LetterContext) -> None:
    assert_golden("seed000_draft.md", render_markdown(seed000_context, knowledge=KNOWLEDGE))


def test_sections_in_order_with_credentials(seed000_context: LetterContext) -> None:
    text = render_markdown(seed000_context, knowledge=KNOWLEDGE)
    lines = text.splitlines()
    positions = [lines.index(h) for h in (HEADING_HOW_MADE, HEADING_CASE_SUMMARY, HEADING_ISSUES)]
    assert positions == sorted(positions)
    assert "State(s) of Licensure: Pennsylvania" in lines
    assert "Certification(s)/Specialty: Internal Medicine" in lines


def test_item_lines(mixed_context: LetterContext) -> None:
    lines = render_markdown(mixed_context, knowledge=KNOWLEDGE).splitlines()
    assert "Flexeril 5mg #60: Upheld" in lines
    assert "Prilosec 40mg #30: Overturned" in lines
    assert (
        "Independent Medical Review Organization guideline: Decision based on MTUS Chronic Pain Treatment "
        "Guidelines cyclobenzaprine p. 41-42 muscle relaxants p. 63-66 Page(s): 41-42, 63-66."
    ) in lines
    assert (
        "Independent Medical Review Organization guideline: The Expert Reviewer did not base their decision "
        "on the MTUS. Decision based on Non-MTUS Citation Official Disability Guidelines (ODG) Low Back and "
        "Neck/Upper Back Chapters, Office visits."
    ) in lines
    assert f"Claims Administrator guideline: {NO_EVIDENCE_CITED}" in lines
    assert any(line.startswith("Decision rationale: California MTUS does not") for line in lines)


def test_organisation_is_configurable(mixed_context: LetterContext) -> None:
    text = render_markdown(
        mixed_context.model_copy(update={"organisation": "Acme Review Services"}), knowledge=KNOWLEDGE
    )
    assert "Acme Review Services sent the complete case file" in text
    assert "\nAcme Review Services guideline: Decision based on MTUS" in text
    assert "Independent Medical Review Organization" not in text


def test_draft_is_marked_with_notice_and_disclosure(seed000_context: LetterContext) -> None:
    text = render_markdown(seed000_context, knowledge=KNOWLEDGE)
    assert "DRAFT - AWAITING PHYSICIAN SIGNATURE" in text
    assert AI_DISCLOSURE in text
    assert "Awaiting the physician reviewer's signature." in text


def test_unassigned_reviewer_has_no_credentials(seed000_context: LetterContext) -> None:
    text = render_markdown(seed000_context.model_copy(update={"reviewer": None}), knowledge=KNOWLEDGE)
    assert "State(s) of Licensure" not in text
    assert "No expert reviewer has been assigned yet" in text


def test_needs_review_item_never_shows_a_decision(seed000_context: LetterContext) -> None:
    unknown = ItemDetermination(
        request="Magnetic acupressure bracelet",
        decision=None,
        needs_review=True,
        review_reason="no guideline topic covers this request",
    )
    determination = seed000_context.determination.model_copy(
        update={"items": [*seed000_context.determination.items, unknown]}
    )
    ctx = seed000_context.model_copy(
        update={"determination": determination, "claims_administrator_guidelines": []}
    )
    lines = render_markdown(ctx, knowledge=KNOWLEDGE).splitlines()
    assert "Magnetic acupressure bracelet: Needs physician review" in lines
    assert "Reason: no guideline topic covers this request" in lines
    assert not any(line.startswith("Magnetic acupressure bracelet: Upheld") for line in lines)
    assert not any(line.startswith("Magnetic acupressure bracelet: Overturned") for line in lines)


def test_needs_review_item_with_a_stray_decision_still_shows_none(seed000_context: LetterContext) -> None:
    items = list(seed000_context.determination.items)
    items[0] = items[0].model_copy(update={"needs_review": True, "review_reason": "conflicting records"})
    ctx = seed000_context.model_copy(
        update={"determination": seed000_context.determination.model_copy(update={"items": items})}
    )
    lines = render_markdown(ctx, knowledge=KNOWLEDGE).splitlines()
    assert "Acupuncture 15 visits: Needs physician review" in lines
    assert "Acupuncture 15 visits: Upheld" not in lines


def test_signed_letter_has_no_draft_marking_and_shows_override(signed_context: LetterContext) -> None:
    text = render_markdown(signed_context, knowledge=KNOWLEDGE)
    assert "DRAFT" not in text
    assert "Acupuncture 15 visits: Overturned" in text.splitlines()
    assert "Acupuncture 15 visits: Upheld" not in text
    assert f"Decision rationale: {SIGNED_RATIONALE}" in text
    # the override's reason is the worksheet's, never the published rationale
    assert "Prior sessions were documented in r2." not in text
    assert "Signed electronically by the physician reviewer (rev-7f3a) on 4/10/2015 at 15:30 UTC." in text
    assert "the decisions are the physician reviewer's" in text
    assert "REVIEWER WORKSHEET" not in text
    # the worksheet, a document of its own, records the engine's draft next to the physician's decision
    worksheet = render_worksheet_markdown(signed_context, KNOWLEDGE)
    assert "Decision Overturned by the physician reviewer; the engine drafted Upheld." in worksheet
    assert "Reason for the physician's decision: Prior sessions were documented in r2." in worksheet


def test_override_on_needs_review_item_gives_it_a_decision(seed000_context: LetterContext) -> None:
    items = list(seed000_context.determination.items)
    items[1] = ItemDetermination(
        request="Flexeril 5mg #60", decision=None, needs_review=True, review_reason="x"
    )
    signature = SignatureBlock(
        signed=True,
        signed_at=dt.datetime(2015, 4, 11, 9, 0),
        reviewer_id="rev-1",
        overrides=[
            {
                "item": 1,
                "decision": "Upheld",
                "reason": "Used for months.",
                "rationale": "Cyclobenzaprine is for a short course; it was prescribed for months.",
                "guideline": GuidelineRef(
                    source="MTUS",
                    title="Chronic Pain Treatment Guidelines",
                    section="cyclobenzaprine",
                    pages="41-42",
                ),
            }
        ],
    )
    ctx = seed000_context.model_copy(
        update={
            "determination": seed000_context.determination.model_copy(update={"items": items}),
            "signature": signature,
        }
    )
    text = render_markdown(ctx, knowledge=KNOWLEDGE)
    assert "Flexeril 5mg #60: Upheld" in text.splitlines()
    assert "Decision rationale: Cyclobenzaprine is for a short course; it was prescribed for months." in text
    assert "Chronic Pain Treatment Guidelines cyclobenzaprine Page(s): 41-42." in text


def test_signed_letter_with_undecided_item_is_refused(seed000_context: LetterContext) -> None:
    items = list(seed000_context.determination.items)
    items[3] = items[3].model_copy(update={"decision": None, "needs_review": True})
    ctx = seed000_context.model_copy(
        update={
            "determination": seed000_context.determination.model_copy(update={"items": items}),
            "signature": SignatureBlock(signed=True, signed_at=dt.datetime(2015, 4, 11), reviewer_id="rev-1"),
        }
    )
    with pytest.raises(RenderError, match=r"item 4 \('Deep tissue massage"):
        render_markdown(ctx, knowledge=KNOWLEDGE)


def test_signature_needs_reviewer_and_time() -> None:
    with pytest.raises(ValidationError, match="signed_at"):
        SignatureBlock(signed=True, reviewer_id="rev-1")


def test_misaligned_claims_administrator_guidelines_are_refused(seed000_context: LetterContext) -> None:
    data = seed000_context.model_dump()
    data["claims_administrator_guidelines"] = ["only one"]
    with pytest.raises(ValidationError, match="expected 0 or one per item"):
        LetterContext.model_validate(data)


def test_override_of_missing_item_is_refused(seed000_context: LetterContext) -> None:
    data = seed000_context.model_dump()
    data["signature"]["overrides"] = [{"item": 9, "decision": "Upheld", "reason": "r"}]
    with pytest.raises(ValidationError, match="names item 9"):
        LetterContext.model_validate(data)


def test_worksheet_lists_a_clause_several_findings_rest_on_once(seed000_context: LetterContext) -> None:
    determination = seed000_context.determination
    first = determination.items[0]
    criterion = next(c for c in first.criteria if c.evidence)
    doubled = criterion.model_copy(update={"evidence": [*criterion.evidence, *criterion.evidence]})
    item = first.model_copy(update={"criteria": [doubled if c is criterion else c for c in first.criteria]})
    ctx = seed000_context.model_copy(
        update={"determination": determination.model_copy(update={"items": [item, *determination.items[1:]]})}
    )
    quote = criterion.evidence[0]
    line = f"(record {quote.record}, characters {quote.start}-{quote.end})"
    assert render_worksheet_markdown(ctx, KNOWLEDGE).count(line) == render_worksheet_markdown(
        seed000_context, KNOWLEDGE
    ).count(line)


def test_worksheet_lists_criteria_evidence_and_gaps(seed000_context: LetterContext) -> None:
    worksheet = render_worksheet_markdown(seed000_context, KNOWLEDGE)
    assert "REVIEWER WORKSHEET" in worksheet
    assert "not sent to the parties" in worksheet
    assert '"requesting 15 acupuncture visits" (record r1, characters 812-846)' in worksheet
    assert "Searched records r1, r2 for: functional improvement, ADL, work status." in worksheet
    assert "Dates, number and outcome of prior acupuncture sessions" in worksheet
    assert "(criterion 2)" in worksheet  # gaps name the criterion by its number, not an internal id
    assert "edition 2009" in worksheet
    # The letter the parties receive has none of it.
    letter = render_markdown(seed000_context, KNOWLEDGE)
    assert "REVIEWER WORKSHEET" not in letter
    assert "requesting 15 acupuncture visits" not in letter


def test_documents_reviewed_are_listed(seed000_context: LetterContext) -> None:
    text = render_markdown(seed000_context, knowledge=KNOWLEDGE)
    assert "- 2/25/2015: Progress report, PR-2 progress report (record r1)" in text
    assert "- 3/13/2015: Utilization review decision (record r2)" in text


def test_decision_words_come_from_the_shared_layout(mixed_context: LetterContext) -> None:
    text = render_markdown(mixed_context, knowledge=KNOWLEDGE)
    headings = [line for line in text.splitlines() if line.endswith((": Upheld", ": Overturned"))]
    decisions = [Decision.OVERTURNED if h.endswith("Overturned") else Decision.UPHELD for h in headings]
    assert decisions == [item.decision for item in mixed_context.determination.items]


def test_unknown_claims_administrator_citation_is_not_called_none(seed000_context: LetterContext) -> None:
    text = render_markdown(
        seed000_context.model_copy(update={"claims_administrator_guidelines": []}), knowledge=KNOWLEDGE
    )
    assert NO_EVIDENCE_CITED not in text
    assert text.count("Claims Administrator guideline: Not stated in the case file") == 4
