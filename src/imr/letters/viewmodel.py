"""LetterContext → plain data the templates only display: every wording choice is made here."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from imr.errors import RenderError
from imr.knowledge import Knowledge
from imr.knowledge.wording import LetterWording, fill
from imr.letters.citation import claims_administrator_text, reviewer_guideline_text
from imr.letters.context import DocumentReviewed, ItemOverride, LetterContext
from imr.models import CriterionResult, Decision, ItemDetermination, ReviewerCredentials, Worker
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
class EvidenceView:
    record: str
    span: str
    quote: str


@dataclass(frozen=True)
class CriterionView:
    id: str
    result: str
    statement: str
    finding: str
    confirmed: bool
    evidence: tuple[EvidenceView, ...]
    searched: str


@dataclass(frozen=True)
class WorksheetItemView:
    number: int
    request: str
    status: str
    override_reason: str
    guideline_applied: str
    governing_date: str
    criteria: tuple[CriterionView, ...]
    gaps: tuple[str, ...]
    problems: tuple[str, ...]


@dataclass(frozen=True)
class DocumentView:
    id: str
    kind: str
    date: str
    title: str


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
    signature_heading: str
    signature: str
    worksheet_heading: str
    worksheet_intro: str
    worksheet: tuple[WorksheetItemView, ...]
    worksheet_notes: tuple[Line, ...]


def build_view(ctx: LetterContext, knowledge: Knowledge) -> LetterView:
    """The view model of one letter; a signed letter with an undecided item is a RenderError."""
    text = knowledge.wording_on(ctx.letter_date)
    case_id = ctx.case_id or ctx.determination.case_id or "not assigned"
    overrides = {o.item: o for o in ctx.signature.overrides}
    items = tuple(
        _item_view(index, item, overrides.get(index), ctx, text)
        for index, item in enumerate(ctx.determination.items)
    )
    undecided = [item for item in items if not item.decided]
    if ctx.signature.signed and undecided:
        names = "; ".join(f"item {i.number} ({i.request!r})" for i in undecided)
        raise RenderError(
            f"case {case_id}: a signed letter needs the physician's decision on every item; {names} "
            "has none (expected an override in signature.overrides)"
        )
    return LetterView(
        organisation=ctx.organisation,
        title=text.title,
        draft=ctx.draft,
        draft_banner=text.draft_banner,
        draft_notice=text.draft_notice,
        ai_disclosure=text.ai_disclosure_draft if ctx.draft else text.ai_disclosure_signed,
        case_id=case_id,
        header=_header(ctx, case_id, text),
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
        signature_heading=text.signature_heading,
        signature=_signature(ctx, text),
        worksheet_heading=text.worksheet_heading,
        worksheet_intro=text.worksheet_intro,
        worksheet=tuple(
            _worksheet_item(index, item, overrides.get(index), text)
            for index, item in enumerate(ctx.determination.items)
        )
        if ctx.include_worksheet
        else (),
        worksheet_notes=_worksheet_notes(ctx, text) if ctx.include_worksheet else (),
    )


def reviewer_guideline_label(organisation: str) -> str:
    """The reviewer-guideline label, e.g. "MAXIMUS guideline:" in the published letters."""
    return f"{organisation} guideline:"


def us_date(date: dt.date) -> str:
    """The letters' date style: 11/6/2008."""
    return f"{date.month}/{date.day}/{date.year}"


def paragraphs(text: str) -> tuple[str, ...]:
    """Text split at blank lines, each paragraph on one line."""
    return tuple(" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip())


def worker_description(worker: Worker | None) -> str | None:
    if worker is None or (worker.age is None and worker.sex is None):
        return None
    age = f"{worker.age}-year-old" if worker.age is not None else None
    return " ".join(part for part in (age, worker.sex or "worker") if part)


def _document(document: DocumentReviewed, text: LetterWording) -> DocumentView:
    kind = text.document_kind(document.kind)
    title = " ".join((document.title or "").split())
    return DocumentView(
        id=document.id,
        kind=kind,
        date=us_date(document.date) if document.date else "undated",
        title="" if title.lower() == kind.lower() else title,
    )


def _header(ctx: LetterContext, case_id: str, text: LetterWording) -> tuple[Line, ...]:
    labels = text.header_labels
    lines = [Line(labels.case_number, case_id), Line(labels.date, us_date(ctx.letter_date))]
    worker = worker_description(ctx.worker)
    if worker:
        lines.append(Line(labels.worker, worker))
    if ctx.date_of_injury:
        lines.append(Line(labels.date_of_injury, us_date(ctx.date_of_injury)))
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
    decision = _decision(item, override)
    guideline = override.guideline if override and override.guideline else item.guideline
    if override is not None:
        rationale = paragraphs(override.rationale or override.reason)
    else:
        rationale = paragraphs(item.rationale)
    if ctx.claims_administrator_guidelines:
        claims_administrator = claims_administrator_text(ctx.claims_administrator_guidelines[index])
    else:  # nobody said what UR cited: do not claim it cited nothing
        claims_administrator = text.claims_administrator_unknown
    return ItemView(
        number=index + 1,
        request=" ".join(item.request.split()),
        heading=layout.item_heading(" ".join(item.request.split()), decision)
        if decision
        else f"{' '.join(item.request.split())}: {text.needs_review_word}",
        decided=decision is not None,
        decision=layout.DECISION_WORDS[decision] if decision else text.needs_review_word,
        review_reason_label=text.needs_review_reason_label,
        review_reason=" ".join((item.review_reason or "not stated").split()),
        claims_administrator_label=layout.CLAIMS_ADMINISTRATOR_LABEL,
        claims_administrator=claims_administrator,
        guideline_label=reviewer_guideline_label(ctx.organisation),
        guideline=reviewer_guideline_text(guideline) if guideline else text.no_reviewer_guideline,
        rationale_label=layout.RATIONALE_LABEL,
        rationale=rationale or (text.no_rationale,),
    )


def _decision(item: ItemDetermination, override: ItemOverride | None) -> Decision | None:
    """The physician's decision when there is one; else the engine's, never for needs_review."""
    if override is not None:
        return override.decision
    if item.needs_review:
        return None
    return item.decision


def _signature(ctx: LetterContext, text: LetterWording) -> str:
    block = ctx.signature
    if not block.signed or block.signed_at is None or block.reviewer_id is None:
        return text.signature_pending
    return text.fill("signature_signed", reviewer_id=block.reviewer_id, signed_at=_timestamp(block.signed_at))


def _timestamp(moment: dt.datetime) -> str:
    zone = f" {moment.tzname()}" if moment.tzinfo is not None else ""
    return f"{us_date(moment.date())} at {moment:%H:%M}{zone}"


def _worksheet_item(
    index: int, item: ItemDetermination, override: ItemOverride | None, text: LetterWording
) -> WorksheetItemView:
    engine = item.decision.value if item.decision and not item.needs_review else None
    words = text.worksheet
    if override is not None:
        drafted = fill(words.engine_drafted, decision=engine) if engine else words.engine_left_for_review
        status = fill(words.overridden, decision=override.decision.value, drafted=drafted)
    elif engine:
        status = fill(words.as_drafted, decision=engine)
    else:
        reason = " ".join((item.review_reason or words.no_reason).split())
        status = fill(words.needs_review, reason=reason)
    guideline = item.guideline
    applied = ""
    if guideline is not None:
        details = [
            f"edition {guideline.edition}" if guideline.edition else "",
            f"topic {guideline.topic_id}" if guideline.topic_id else "",
            guideline.regulation or "",
        ]
        cited = " ".join(p for p in (guideline.source, guideline.title, guideline.section or "") if p)
        extra = "; ".join(d for d in details if d)
        applied = f"{cited} ({extra})" if extra else cited
    governing = ""
    if item.governing_date:
        basis = f" ({item.governing_date_basis})" if item.governing_date_basis else ""
        governing = f"{us_date(item.governing_date)}{basis}"
    return WorksheetItemView(
        number=index + 1,
        request=" ".join(item.request.split()),
        status=status,
        override_reason=" ".join(override.reason.split()) if override else "",
        guideline_applied=applied,
        governing_date=governing,
        criteria=tuple(_criterion(c, text) for c in item.criteria),
        gaps=tuple(f"{g.missing} - {g.effect} (criterion {g.criterion})" for g in item.documentation_gaps),
        problems=tuple(item.problems),
    )


def _criterion(criterion: CriterionResult, text: LetterWording) -> CriterionView:
    searched = ""
    if criterion.searched is not None:
        scope = criterion.searched
        where = ", ".join(scope.records) or "no records"
        terms = f" for: {', '.join(scope.terms)}" if scope.terms else ""
        sections = f" (sections: {', '.join(scope.sections)})" if scope.sections else ""
        searched = f"Searched records {where}{sections}{terms}."
    return CriterionView(
        id=criterion.id,
        result=getattr(text.result_labels, criterion.result, criterion.result),
        statement=" ".join(criterion.statement.split()),
        finding=" ".join(criterion.finding.split()),
        confirmed=criterion.confirmed,
        evidence=tuple(
            EvidenceView(record=e.record, span=f"{e.start}-{e.end}", quote=" ".join(e.text.split()))
            for e in criterion.evidence
        ),
        searched=searched,
    )


def _worksheet_notes(ctx: LetterContext, text: LetterWording) -> tuple[Line, ...]:
    det, words = ctx.determination, text.worksheet
    notes = [Line(words.knowledge_base_version, det.knowledge_base_version)]
    if det.engine_version:
        notes.append(Line(words.engine_version, det.engine_version))
    notes.extend(Line(words.case_problem, " ".join(p.split())) for p in det.problems)
    return tuple(notes)
