"""The reviewer worksheet: its own document, never part of what the parties receive.

For each item: what the engine drafted and what the physician decided (and why, for an override),
the guideline applied, the criteria with the record text each finding rests on, and the
documentation that would change the outcome; then where each sentence of the case summary came from.
"""

from __future__ import annotations

from dataclasses import dataclass

from imr.knowledge import Knowledge
from imr.knowledge.wording import LetterWording, ResultLabels, WorksheetWording, fill
from imr.letters.citation import guideline_name
from imr.letters.context import ItemOverride, LetterContext, SummarySource
from imr.letters.decisions import rationale_of
from imr.letters.viewmodel import Line, one_line, paragraphs, us_date
from imr.models import CriterionResult, ItemDetermination

UNCONFIRMED_MARK = "†"


@dataclass(frozen=True)
class EvidenceView:
    record: str
    span: str
    quote: str


@dataclass(frozen=True)
class CriterionView:
    number: int
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
    draft_rationale: tuple[str, ...]  # the engine's, when the published rationale differs from it
    guideline_applied: str
    governing_date: str
    criteria: tuple[CriterionView, ...]
    gaps: tuple[str, ...]
    problems: tuple[str, ...]


@dataclass(frozen=True)
class SourceView:
    text: str
    records: str


@dataclass(frozen=True)
class WorksheetView:
    organisation: str
    title: str
    heading: str
    intro: str
    case_id: str
    header: tuple[Line, ...]
    notes: tuple[Line, ...]
    items: tuple[WorksheetItemView, ...]
    unconfirmed_note: str
    summary_heading: str
    summary_sources: tuple[SourceView, ...]
    stylesheet_href: str | None = None


def build_worksheet(
    ctx: LetterContext, knowledge: Knowledge, *, stylesheet_href: str | None = None
) -> WorksheetView:
    text = knowledge.wording_on(ctx.letter_date)
    words = text.worksheet
    case_id = ctx.case_id or ctx.determination.case_id or "not assigned"
    overrides = {o.item: o for o in ctx.signature.overrides}
    items = tuple(
        _item(index, item, overrides.get(index), ctx, text)
        for index, item in enumerate(ctx.determination.items)
    )
    unconfirmed = any(not c.confirmed for item in ctx.determination.items for c in item.criteria)
    return WorksheetView(
        organisation=ctx.organisation,
        title=words.title,
        heading=words.heading,
        intro=one_line(words.intro),
        case_id=case_id,
        header=(
            Line(text.header_labels.case_number, case_id),
            Line(words.letter_date, us_date(ctx.letter_date)),
            Line(words.status, words.status_signed if ctx.signature.signed else words.status_draft),
        ),
        notes=_notes(ctx, words),
        items=items,
        unconfirmed_note=f"{UNCONFIRMED_MARK} {one_line(words.unconfirmed_note)}" if unconfirmed else "",
        summary_heading=words.summary_heading,
        summary_sources=tuple(_source(s) for s in ctx.summary_sources),
        stylesheet_href=stylesheet_href,
    )


def _notes(ctx: LetterContext, words: WorksheetWording) -> tuple[Line, ...]:
    det = ctx.determination
    notes = [Line(words.knowledge_base_version, det.knowledge_base_version)]
    if det.engine_version:
        notes.append(Line(words.engine_version, det.engine_version))
    notes.extend(Line(words.case_problem, one_line(p)) for p in det.problems)
    return tuple(notes)


def _status(
    item: ItemDetermination, override: ItemOverride | None, signed: bool, words: WorksheetWording
) -> str:
    drafted = item.decision.value if item.decision and not item.needs_review else None
    # Worded (in the YAML) so that no line ends in ": Upheld" / ": Overturned" (the parser's
    # item-heading shape).
    if override is not None and drafted is None:
        return fill(words.decided, decision=override.decision.value)
    if override is not None and drafted is not None:
        return fill(words.overridden, decision=override.decision.value, drafted=drafted)
    if drafted is None:
        return fill(words.needs_review, reason=one_line(item.review_reason or words.no_reason))
    return fill(words.confirmed if signed else words.as_drafted, decision=drafted)


def _item(
    index: int,
    item: ItemDetermination,
    override: ItemOverride | None,
    ctx: LetterContext,
    text: LetterWording,
) -> WorksheetItemView:
    guideline = override.guideline if override and override.guideline else item.guideline
    applied = ""
    if guideline is not None:
        details = [
            f"edition {guideline.edition}" if guideline.edition else "",
            f"topic {guideline.topic_id}" if guideline.topic_id else "",
            guideline.regulation or "",
        ]
        extra = "; ".join(d for d in details if d)
        cited = guideline_name(guideline)
        applied = f"{cited} ({extra})" if extra else cited
    governing = ""
    if item.governing_date:
        basis = f" ({item.governing_date_basis})" if item.governing_date_basis else ""
        governing = f"{us_date(item.governing_date)}{basis}"
    published = rationale_of(ctx, index, override)
    numbers = {c.id: n for n, c in enumerate(item.criteria, start=1)}
    return WorksheetItemView(
        number=index + 1,
        request=one_line(item.request),
        status=_status(item, override, ctx.signature.signed, text.worksheet),
        override_reason=one_line(override.reason) if override else "",
        draft_rationale=paragraphs(item.rationale) if one_line(published) != one_line(item.rationale) else (),
        guideline_applied=applied,
        governing_date=governing,
        criteria=tuple(_criterion(n, c, text.result_labels) for n, c in enumerate(item.criteria, start=1)),
        gaps=tuple(
            f"{one_line(g.missing)} - {one_line(g.effect)}"
            + (f" (criterion {numbers[g.criterion]})" if g.criterion in numbers else "")
            for g in item.documentation_gaps
        ),
        problems=tuple(one_line(p) for p in item.problems),
    )


def _criterion(number: int, criterion: CriterionResult, labels: ResultLabels) -> CriterionView:
    searched = ""
    if criterion.searched is not None:
        scope = criterion.searched
        where = ", ".join(scope.records) or "no records"
        terms = f" for: {', '.join(scope.terms)}" if scope.terms else ""
        sections = f" (sections: {', '.join(scope.sections)})" if scope.sections else ""
        searched = f"Searched records {where}{sections}{terms}."
    return CriterionView(
        number=number,
        id=criterion.id,
        result=labels.label(criterion.result),
        statement=one_line(criterion.statement),
        finding=one_line(criterion.finding),
        confirmed=criterion.confirmed,
        # A clause several facts rest on is listed once.
        evidence=tuple(
            dict.fromkeys(
                EvidenceView(record=e.record, span=f"{e.start}-{e.end}", quote=one_line(e.text))
                for e in criterion.evidence
            )
        ),
        searched=searched,
    )


def _source(source: SummarySource) -> SourceView:
    records = ", ".join(dict.fromkeys(source.records)) or "no record"
    return SourceView(text=one_line(source.text), records=records)
