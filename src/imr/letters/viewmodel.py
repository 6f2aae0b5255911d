"""LetterContext → plain data the templates only display: every wording choice is made here."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from imr.errors import RenderError
from imr.knowledge import Knowledge
from imr.knowledge.wording import LetterWording
from imr.letters.citation import claims_administrator_text, reviewer_guideline_text
from imr.letters.completeness import missing_parts
from imr.letters.context import DocumentReviewed, ItemOverride, LetterContext
from imr.letters.decisions import decision_of, rationale_of
from imr.models import Decision, ItemDetermination, ReviewerCredentials, Worker
from imr.published import layout


@dataclass(frozen=True)
class Line:
    """A labelled line, e.g. ``State(s) of Licensure: Pennsylvania``."""

    label: str
    value: str


@dataclass(frozen=True)
class ItemView:
    number: int
    request: str
    heading: str
    decided: bool
    decision: str
    review_reason_label: str
    review_reason: str
    claims_administrator_label: str
    claims_administrator: str
    guideline_label: str
    guideline: str
    rationale_label: str
    rationale: tuple[str, ...]


@dataclass(frozen=True)
class DocumentView:
    id: str
    kind: str
    date: str
    title: str


@dataclass(frozen=True)
class AppealView:
    heading: str
    intro: str
    grounds: tuple[str, ...]
    closing: str


@dataclass(frozen=True)
class LetterView:
    organisation: str
    title: str
    draft: bool
    draft_banner: str
    draft_notice: str
    ai_disclosure: str
    case_id: str
    header: tuple[Line, ...]
    overall: Line
    heading_how_made: str
    how_made: str
    credentials_intro: str
    credentials: tuple[Line, ...]
    reviewer_unassigned: str
    documents_heading: str
    documents_intro: str
    documents: tuple[DocumentView, ...]
    documents_none: str
    heading_case_summary: str
    case_summary_intro: str
    case_summary: tuple[str, ...]
    heading_issues: str
    issues_intro: str
    items: tuple[ItemView, ...]
    appeal: AppealView
    signature_heading: str
    signature: str
    stylesheet_href: str | None = None  # the web preview links the stylesheet; files carry it inline


def build_view(ctx: LetterContext, knowledge: Knowledge, *, stylesheet_href: str | None = None) -> LetterView:
    """The view model of one letter; a signed letter with anything missing (an undecided item, no
    rationale, no credentials …) is a RenderError, so no placeholder reaches an issued letter."""
    text = knowledge.wording_on(ctx.letter_date)
    case_id = ctx.case_id or ctx.determination.case_id or "not assigned"
    if ctx.signature.signed:
        missing = missing_parts(ctx)
        if missing:
            raise RenderError(
                f"case {case_id}: the letter cannot be signed yet; it needs: {'; '.join(missing)}"
            )
    overrides = {o.item: o for o in ctx.signature.overrides}
    items = tuple(
        _item_view(index, item, overrides.get(index), ctx, text)
        for index, item in enumerate(ctx.determination.items)
    )
    appeal = knowledge.appeal_rights_on(ctx.letter_date)
    return LetterView(
        organisation=ctx.organisation,
        title=text.title,
        draft=ctx.draft,
        draft_banner=text.draft_banner,
        draft_notice=text.draft_notice,
        ai_disclosure=text.ai_disclosure_draft if ctx.draft else text.ai_disclosure_signed,
        case_id=case_id,
        header=_header(ctx, case_id, text),
        overall=Line(text.overall_label, overall_determination(ctx, text)),
        heading_how_made=layout.HEADING_HOW_MADE,
        how_made=text.fill("how_made", organisation=ctx.organisation),
        credentials_intro=layout.CREDENTIALS_INTRO,
        credentials=_credentials(ctx.reviewer, text),
        reviewer_unassigned=text.reviewer_unassigned,
        documents_heading=layout.HEADING_DOCUMENTS_REVIEWED,
        documents_intro=text.documents_intro,
        documents=tuple(_document(d, text) for d in ctx.documents_reviewed),
        documents_none=text.documents_none,
        heading_case_summary=layout.HEADING_CASE_SUMMARY,
        case_summary_intro=layout.CASE_SUMMARY_INTRO,
        case_summary=paragraphs(ctx.case_summary) or (text.summary_missing,),
        heading_issues=layout.HEADING_ISSUES,
        issues_intro=layout.ISSUES_INTRO,
        items=items,
        appeal=AppealView(
            heading=appeal.heading,
            intro=one_line(appeal.intro),
            grounds=tuple(one_line(g) for g in appeal.grounds),
            closing=one_line(appeal.fill("closing", citation=appeal.citation)),
        ),
        signature_heading=text.signature_heading,
        signature=_signature(ctx, text),
        stylesheet_href=stylesheet_href,
    )


def reviewer_guideline_label(organisation: str) -> str:
    """The reviewer-guideline label, e.g. "MAXIMUS guideline:" in the published letters."""
    return f"{organisation} guideline:"


def us_date(date: dt.date) -> str:
    """The letters' date style: 11/6/2008."""
    return f"{date.month}/{date.day}/{date.year}"


def one_line(text: str) -> str:
    return " ".join(text.split())


def paragraphs(text: str) -> tuple[str, ...]:
    """Text split at blank lines, each paragraph on one line."""
    return tuple(one_line(p) for p in re.split(r"\n\s*\n", text) if p.strip())


def worker_description(worker: Worker | None) -> str | None:
    if worker is None or (worker.age is None and worker.sex is None):
        return None
    age = f"{worker.age}-year-old" if worker.age is not None else None
    return " ".join(part for part in (age, worker.sex or "worker") if part)


def overall_determination(ctx: LetterContext, text: LetterWording) -> str:
    """Upheld, Overturned or Upheld in part, over every item; "not yet determined" while any is open."""
    overrides = {o.item: o for o in ctx.signature.overrides}
    decisions = [decision_of(item, overrides.get(i)) for i, item in enumerate(ctx.determination.items)]
    total = len(decisions)
    pending = sum(d is None for d in decisions)
    overturned = sum(d == Decision.OVERTURNED for d in decisions)
    upheld = total - pending - overturned
    if pending:
        return one_line(text.fill("overall_pending", pending=str(pending), total=str(total)))
    noun = "item/service" if total == 1 else "items/services"
    if overturned == 0:
        return one_line(text.fill("overall_upheld", noun=noun, is_are=_is_are(total)))
    if upheld == 0:
        return one_line(text.fill("overall_overturned", noun=noun, is_are=_is_are(total)))
    return one_line(
        text.fill(
            "overall_mixed",
            overturned=str(overturned),
            upheld=str(upheld),
            total=str(total),
            overturned_is_are=_is_are(overturned),
            upheld_is_are=_is_are(upheld),
        )
    )


def _is_are(count: int) -> str:
    return "is" if count == 1 else "are"


def _document(document: DocumentReviewed, text: LetterWording) -> DocumentView:
    kind = text.document_kind(document.kind)
    title = one_line(document.title or "")
    return DocumentView(
        id=document.id,
        kind=kind,
        date=us_date(document.date) if document.date else "undated",
        title="" if title.lower() == kind.lower() else title,
    )


def _header(ctx: LetterContext, case_id: str, text: LetterWording) -> tuple[Line, ...]:
    labels = text.header_labels
    date = (
        us_date(ctx.letter_date)
        if not ctx.draft
        else text.fill("date_draft", prepared=us_date(ctx.letter_date))
    )
    lines = [Line(labels.case_number, case_id), Line(labels.date, date)]
    worker = worker_description(ctx.worker)
    if worker:
        lines.append(Line(labels.worker, worker))
    if ctx.date_of_injury:
        lines.append(Line(labels.date_of_injury, us_date(ctx.date_of_injury)))
    if ctx.ur_date:
        lines.append(Line(labels.ur_date, us_date(ctx.ur_date)))
    lines.extend(Line(f"{text.party_role(p.role)}:", one_line(p.name)) for p in ctx.parties)
    return tuple(lines)


def _credentials(reviewer: ReviewerCredentials | None, text: LetterWording) -> tuple[Line, ...]:
    if reviewer is None:
        return ()
    lines = [
        Line(layout.LICENSURE_LABEL, ", ".join(reviewer.licensure) or text.not_stated),
        Line(layout.SPECIALTY_LABEL, ", ".join(reviewer.specialties) or text.not_stated),
    ]
    if reviewer.board_certified is not None:
        answer = text.yes_no.yes if reviewer.board_certified else text.yes_no.no
        lines.append(Line(text.board_certified_label, answer))
    if reviewer.subspecialties:
        lines.append(Line(text.subspecialty_label, ", ".join(reviewer.subspecialties)))
    return tuple(lines)


def _item_view(
    index: int,
    item: ItemDetermination,
    override: ItemOverride | None,
    ctx: LetterContext,
    text: LetterWording,
) -> ItemView:
    decision = decision_of(item, override)
    guideline = override.guideline if override and override.guideline else item.guideline
    rationale = paragraphs(rationale_of(ctx, index, override))
    cited = ctx.claims_administrator_guidelines[index] if ctx.claims_administrator_guidelines else ""
    if cited is not None and not cited.strip():  # nobody said what UR cited: do not claim it cited nothing
        claims_administrator = text.claims_administrator_unknown
    else:
        claims_administrator = claims_administrator_text(cited)
    request = one_line(item.request)
    return ItemView(
        number=index + 1,
        request=request,
        heading=layout.item_heading(request, decision)
        if decision
        else f"{request}: {text.needs_review_word}",
        decided=decision is not None,
        decision=layout.DECISION_WORDS[decision] if decision else text.needs_review_word,
        review_reason_label=text.needs_review_reason_label,
        review_reason=one_line(item.review_reason or "not stated"),
        claims_administrator_label=layout.CLAIMS_ADMINISTRATOR_LABEL,
        claims_administrator=claims_administrator,
        guideline_label=reviewer_guideline_label(ctx.organisation),
        guideline=reviewer_guideline_text(guideline) if guideline else text.no_reviewer_guideline,
        rationale_label=layout.RATIONALE_LABEL,
        rationale=rationale or (text.no_rationale,),
    )


def _signature(ctx: LetterContext, text: LetterWording) -> str:
    block = ctx.signature
    if not block.signed or block.signed_at is None or block.reviewer_id is None:
        return text.signature_pending
    return text.fill("signature_signed", reviewer_id=block.reviewer_id, signed_at=timestamp(block.signed_at))


def timestamp(moment: dt.datetime) -> str:
    zone = f" {moment.tzname()}" if moment.tzinfo is not None else ""
    return f"{us_date(moment.date())} at {moment:%H:%M}{zone}"
