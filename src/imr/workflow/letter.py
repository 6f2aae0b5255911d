"""The letter as it will be issued: the engine's draft, unchanged, with the physician's sign-offs
(decisions, rationales, the guideline UR cited, the reviewer's guideline), the reviewer's summary and
credentials, dated the day it is issued. The preview and the issued PDF come from the same context,
so what the reviewer previewed is what the parties receive."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from imr.errors import WorkflowError
from imr.knowledge import Knowledge
from imr.letters import (
    ItemOverride,
    LetterContext,
    SignatureBlock,
    context_from,
    letter_fingerprint,
    missing_parts,
    render_html,
)
from imr.letters.credentials import credentials_of
from imr.letters.from_case import claims_administrator_from
from imr.letters.summary import CaseSummary, record_texts
from imr.letters.ur_record import read_ur
from imr.models import CaseFile, Decision, Determination, GuidelineRef, Reviewer
from imr.store.tables import ItemRow

PDF = "application/pdf"
LETTER_STYLESHEET = "/ui/static/letter.css"


@dataclass(frozen=True)
class LetterPreview:
    """The letter as it would be issued now: its HTML (stylesheet inline, as the PDF is made from it,
    and linked, for a page served under a content security policy), its fingerprint, and what it
    still needs before it can be issued."""

    html: str
    linked_html: str
    sha256: str
    missing: list[str]
    complete: bool
    signed: bool
    letter_date: dt.date
    context: LetterContext


def letter_context(
    draft: Determination,
    items: Sequence[ItemRow],
    case: CaseFile,
    knowledge: Knowledge,
    *,
    base_dir: Path | None,
    reviewer: Reviewer | None,
    letter_date: dt.date,
    summary: dict[str, Any] | None,
    case_summary: str | None,
) -> LetterContext:
    """The letter context from the stored parts; a signed letter only when every item is signed."""
    if len(items) != len(draft.items):
        raise WorkflowError(
            f"case {draft.case_id!r}: the draft has {len(draft.items)} items but the case has {len(items)}; "
            "draft the case again"
        )
    overrides: list[ItemOverride] = []
    rationales: list[str | None] = []
    for index, row in enumerate(items):
        signed = row.signed_at is not None and row.signed_decision is not None
        rationales.append(row.rationale if signed else None)
        if signed and row.signed_action == "override":
            overrides.append(
                ItemOverride(
                    item=index,
                    decision=Decision(row.signed_decision or ""),
                    reason=row.override_reason or "(no reason recorded)",
                    rationale=row.rationale,
                    guideline=GuidelineRef.model_validate(row.guideline) if row.guideline else None,
                )
            )
    signed_rows = [row for row in items if row.signed_at is not None]
    complete = len(signed_rows) == len(items)
    latest = max(signed_rows, key=lambda row: row.signed_at or dt.datetime.min) if signed_rows else None
    signature = SignatureBlock(
        signed=complete,
        signed_at=latest.signed_at if complete and latest else None,
        reviewer_id=latest.signed_by if complete and latest else None,
        overrides=overrides,
    )
    texts = record_texts(case, base_dir)
    read = claims_administrator_from(case, read_ur(case, texts, knowledge)) or [""] * len(items)
    cited = [
        row.claims_administrator_guideline
        if row.signed_at is not None and row.claims_administrator_guideline is not None
        else read[index]
        for index, row in enumerate(items)
    ]
    return context_from(
        draft,
        case,
        knowledge,
        reviewer=credentials_of(reviewer),
        signature=signature,
        letter_date=letter_date,
        base_dir=base_dir,
        summary=CaseSummary.model_validate(summary) if summary else None,
        case_summary=case_summary if case_summary and case_summary.strip() else None,
        claims_administrator=cited,
        rationales=rationales,
    )


def preview(ctx: LetterContext, knowledge: Knowledge) -> LetterPreview:
    """The letter as it would be issued from `ctx`; incomplete parts are listed (and, in a signed
    context, shown as the draft would show them, so the preview never fails)."""
    missing = missing_parts(ctx)
    shown = (
        ctx
        if not missing or not ctx.signature.signed
        else ctx.model_copy(update={"signature": ctx.signature.model_copy(update={"signed": False})})
    )
    return LetterPreview(
        html=render_html(shown, knowledge),
        linked_html=render_html(shown, knowledge, stylesheet_href=LETTER_STYLESHEET),
        sha256=letter_fingerprint(shown, knowledge),
        missing=missing,
        complete=not missing and ctx.signature.signed,
        signed=ctx.signature.signed,
        letter_date=ctx.letter_date,
        context=shown,
    )


def signed_determination(draft: Determination, items: Sequence[ItemRow]) -> Determination:
    """The determination as signed, stored with the letter: each item's decision, published rationale
    and guideline are the physician's (the draft's where the physician kept them)."""
    signed_items = []
    for drafted, row in zip(draft.items, items, strict=True):
        if row.signed_at is None or row.signed_decision is None:
            raise WorkflowError(f"case {draft.case_id!r}: item {row.position} is not signed")
        update: dict[str, Any] = {"decision": Decision(row.signed_decision), "needs_review": False}
        if row.rationale:
            update["rationale"] = row.rationale
        if row.guideline:
            update["guideline"] = GuidelineRef.model_validate(row.guideline)
        signed_items.append(drafted.model_copy(update=update))
    return draft.model_copy(update={"status": "signed", "items": signed_items})
