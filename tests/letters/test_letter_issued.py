"""The letter as issued: no placeholder can reach it (every template path), the overall determination,
the appeal paragraph, the issue date, parties and UR date, and what the engine drafted kept apart
from what the physician decided."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest

from imr.errors import RenderError
from imr.knowledge import load_knowledge
from imr.letters import LetterContext, SignatureBlock, render_html, render_markdown, render_worksheet_markdown
from imr.models import Decision, GuidelineRef, ItemDetermination, Party, ReviewerCredentials

SIGNED_AT = dt.datetime(2015, 4, 10, 15, 30, tzinfo=dt.UTC)
KNOWLEDGE = load_knowledge()
WORDING = KNOWLEDGE.wording_on(dt.date(2015, 4, 10))
# Every text a draft puts where something is missing: none may reach a signed letter.
PLACEHOLDERS = (
    WORDING.reviewer_unassigned,
    WORDING.summary_missing,
    WORDING.needs_review_word,
    " ".join(WORDING.claims_administrator_unknown.split()),
    WORDING.no_reviewer_guideline,
    WORDING.no_rationale,
    WORDING.signature_pending,
    WORDING.draft_banner,
    "draft of ",
    "not stated",
)
REVIEWERS: dict[str, ReviewerCredentials | None] = {
    "credentials": ReviewerCredentials(specialties=["Internal Medicine"], licensure=["California"]),
    "no licensure": ReviewerCredentials(specialties=["Internal Medicine"]),
    "unassigned": None,
}
SUMMARIES = {"written": "The injured worker is a 46 year old male.", "empty": ""}
CLAIMS = {"cited": ["MTUS Chronic Pain"], "cited nothing": [None], "unknown": [""], "nobody said": []}
GUIDELINE = GuidelineRef(source="MTUS", title="Chronic Pain Medical Treatment Guidelines", pages="41-42")
# How the one item was decided: (draft decision, needs_review, override, override rationale, edited rationale)
ITEMS: dict[str, tuple[Decision | None, bool, Decision | None, str | None, str | None]] = {
    "confirmed as drafted": (Decision.UPHELD, False, None, None, None),
    "confirmed, rationale edited": (Decision.UPHELD, False, None, None, "Edited by the physician."),
    "overridden with a rationale": (Decision.UPHELD, False, Decision.OVERTURNED, "Supported because …", None),
    "overridden without a rationale": (Decision.UPHELD, False, Decision.OVERTURNED, None, None),
    "needs review, decided": (None, True, Decision.UPHELD, "Not supported because …", None),
    "needs review, undecided": (None, True, None, None, None),
}
GUIDELINES = {"drafted": GUIDELINE, "none": None}


def _context(reviewer: str, summary: str, claims: str, item: str, guideline: str) -> LetterContext:
    drafted, needs_review, override, override_rationale, edited = ITEMS[item]
    determination_item = ItemDetermination(
        request="Flexeril 5mg #60",
        decision=drafted,
        needs_review=needs_review,
        review_reason="no topic" if needs_review else None,
        guideline=GUIDELINES[guideline],
        rationale="The draft's rationale." if drafted else "",
    )
    overrides: list[dict[str, Any]] = []
    if override is not None:
        overrides.append(
            {
                "item": 0,
                "decision": override,
                "reason": "the physician's reason",
                "rationale": override_rationale,
            }
        )
    return LetterContext.model_validate(
        {
            "determination": {
                "case_id": "CM15-1",
                "knowledge_base_version": "kb",
                "items": [determination_item],
            },
            "case_summary": SUMMARIES[summary],
            "reviewer": REVIEWERS[reviewer],
            "documents_reviewed": [{"id": "r1", "kind": "progress_report"}],
            "claims_administrator_guidelines": CLAIMS[claims],
            "rationales": [edited],
            "signature": SignatureBlock(
                signed=True, signed_at=SIGNED_AT, reviewer_id="rev-1", overrides=overrides
            ),
            "letter_date": dt.date(2015, 4, 10),
        }
    )


def _complete(reviewer: str, summary: str, claims: str, item: str, guideline: str) -> bool:
    _drafted, _review, override, override_rationale, _edited = ITEMS[item]
    return (
        reviewer == "credentials"
        and summary == "written"
        and claims in ("cited", "cited nothing")
        and item not in ("overridden without a rationale", "needs review, undecided")
        and guideline == "drafted"
        and (override is None or override_rationale is not None)
    )


@pytest.mark.parametrize(
    ("reviewer", "summary", "claims", "item", "guideline"),
    list(itertools.product(REVIEWERS, SUMMARIES, CLAIMS, ITEMS, GUIDELINES)),
)
def test_no_placeholder_reaches_a_signed_letter(
    reviewer: str, summary: str, claims: str, item: str, guideline: str
) -> None:
    ctx = _context(reviewer, summary, claims, item, guideline)
    if not _complete(reviewer, summary, claims, item, guideline):
        with pytest.raises(RenderError, match="the letter cannot be signed yet; it needs: "):
            render_markdown(ctx, KNOWLEDGE)
        with pytest.raises(RenderError):
            render_html(ctx, KNOWLEDGE)
        return
    for text in (render_markdown(ctx, KNOWLEDGE), render_html(ctx, KNOWLEDGE)):
        flat = " ".join(text.split())
        found = [p for p in PLACEHOLDERS if p in flat]
        assert found == [], f"placeholders in a signed letter: {found}"
        assert "the physician's reason" not in flat  # an override's reason is never published


def test_the_refusal_names_every_missing_part() -> None:
    ctx = _context("unassigned", "empty", "unknown", "overridden without a rationale", "none")
    with pytest.raises(RenderError) as caught:
        render_markdown(ctx, KNOWLEDGE)
    message = str(caught.value)
    for part in (
        "the reviewer's credentials",
        "the clinical case summary",
        "item 1 ('Flexeril 5mg #60'): the guideline the Claims Administrator cited",
        "item 1 ('Flexeril 5mg #60'): the guideline the decision is based on",
        "item 1 ('Flexeril 5mg #60'): the decision rationale",
    ):
        assert part in message


def test_the_worksheet_says_what_the_engine_drafted_when_the_physician_overrode_it() -> None:
    ctx = _context("credentials", "written", "cited", "overridden with a rationale", "drafted")
    assert "Flexeril 5mg #60: Overturned" in render_markdown(ctx, KNOWLEDGE).splitlines()
    worksheet = render_worksheet_markdown(ctx, KNOWLEDGE)
    assert "Decision Overturned by the physician reviewer; the engine drafted Upheld." in worksheet
    assert "Reason for the physician's decision: the physician's reason" in worksheet
    assert "The draft's rationale." in worksheet  # kept beside the physician's own


def test_a_confirmed_item_is_said_to_be_confirmed() -> None:
    worksheet = render_worksheet_markdown(
        _context("credentials", "written", "cited", "confirmed as drafted", "drafted"), KNOWLEDGE
    )
    assert "Decision Upheld: the engine's draft, confirmed by the physician reviewer." in worksheet


def test_the_signed_letter_is_dated_the_issue_date_and_names_parties_and_ur_date() -> None:
    ctx = _context("credentials", "written", "cited", "confirmed as drafted", "drafted").model_copy(
        update={
            "parties": [
                Party(role="employer", name="Acme Drilling Inc."),
                Party(role="insurer", name="Bay Mutual"),
            ],
            "ur_date": dt.date(2015, 3, 13),
        }
    )
    lines = render_markdown(ctx, KNOWLEDGE).splitlines()
    assert "Date: 4/10/2015  " in lines
    assert "Utilization review decision date: 3/13/2015  " in lines
    assert "Employer: Acme Drilling Inc.  " in lines
    assert "Insurer: Bay Mutual" in lines
    draft = render_markdown(ctx.model_copy(update={"signature": SignatureBlock()}), KNOWLEDGE)
    assert "Date: draft of 4/10/2015; the letter is dated on the day it is issued" in draft


@pytest.mark.parametrize(
    ("decisions", "expected"),
    [
        (
            [Decision.UPHELD, Decision.UPHELD],
            "Upheld: the utilization review decision stands; the disputed "
            "items/services are not medically necessary.",
        ),
        ([Decision.OVERTURNED], "Overturned: the disputed item/service is medically necessary."),
        (
            [Decision.OVERTURNED, Decision.UPHELD, Decision.UPHELD],
            "Upheld in part: 1 of the 3 disputed "
            "items/services is medically necessary (Overturned); the other 2 are not (Upheld).",
        ),
        (
            [Decision.UPHELD, None],
            "Not yet determined: 1 of the 2 disputed items/services still await the "
            "physician reviewer's decision.",
        ),
    ],
)
def test_the_overall_determination(decisions: list[Decision | None], expected: str) -> None:
    items = [
        ItemDetermination(request=f"Item {n}", decision=d, needs_review=d is None, guideline=GUIDELINE)
        for n, d in enumerate(decisions)
    ]
    ctx = LetterContext.model_validate(
        {
            "determination": {"knowledge_base_version": "kb", "items": items},
            "letter_date": dt.date(2015, 4, 10),
        }
    )
    text = render_markdown(ctx, KNOWLEDGE)
    assert f"**Overall determination:** {expected}" in text
    # Worded so that the published-letter parser never reads it as an item heading.
    assert not any(
        line.startswith("**Overall") and line.endswith(("Upheld", "Overturned")) for line in text.splitlines()
    )


def test_the_appeal_paragraph_states_the_30_days_and_the_five_grounds_with_its_citation() -> None:
    ctx = _context("credentials", "written", "cited", "confirmed as drafted", "drafted")
    text = " ".join(render_markdown(ctx, KNOWLEDGE).split())
    appeal = KNOWLEDGE.appeal_rights_on(ctx.letter_date)
    assert appeal.citation == "California Labor Code section 4610.6(h)"
    assert KNOWLEDGE.appeal_rights.first() == dt.date(2013, 1, 1)
    assert "APPEAL RIGHTS" in text
    assert "verified petition with the Workers' Compensation Appeals Board (WCAB) within 30 days" in text
    assert len(appeal.grounds) == 5
    for ground in appeal.grounds:
        assert " ".join(ground.split()) in text
    for words in (
        "fraud",
        "conflict of interest",
        "139.5",
        "bias",
        "plainly erroneous",
        "ordinary knowledge",
    ):
        assert words in text
    assert "(California Labor Code section 4610.6(h))" in text
    # The appeal and signature come after the items: the parser's last rationale does not run into them.
    assert text.index("DOCUMENTS REVIEWED") < text.index("APPEAL RIGHTS") < text.index("SIGNATURE")


def test_no_edition_of_the_appeal_paragraph_before_the_statute() -> None:
    with pytest.raises(RenderError, match="no edition of the appeal paragraph is in force on 2012-06-01"):
        KNOWLEDGE.appeal_rights_on(dt.date(2012, 6, 1))
