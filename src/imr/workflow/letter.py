"""The signed letter: the draft determination with the physician's sign-offs, rendered to PDF."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from imr.errors import WorkflowError
from imr.knowledge import Knowledge
from imr.letters import ItemOverride, SignatureBlock, context_from, render_pdf
from imr.models import CaseFile, Decision, Determination, Reviewer, ReviewerCredentials
from imr.store.tables import ItemRow

PDF = "application/pdf"


def credentials(reviewer: Reviewer | None) -> ReviewerCredentials | None:
    """What the letter may say about the (anonymous) reviewer."""
    if reviewer is None:
        return None
    return ReviewerCredentials(
        specialties=reviewer.specialties,
        licensure=reviewer.licensure_states,
        board_certified=bool(reviewer.board_certifications) or None,
        subspecialties=reviewer.subspecialties,
    )


def signed_determination(
    draft: Determination, items: Sequence[ItemRow]
) -> tuple[Determination, SignatureBlock]:
    """The determination as signed, and the signature block that records the overrides."""
    if len(items) != len(draft.items):
        raise WorkflowError(
            f"case {draft.case_id!r}: the draft has {len(draft.items)} items but the case has {len(items)}; "
            "draft the case again"
        )
    overrides: list[ItemOverride] = []
    signed_items = []
    latest: dt.datetime | None = None
    reviewer_id: str | None = None
    for index, (drafted, row) in enumerate(zip(draft.items, items, strict=True)):
        if row.signed_at is None or row.signed_decision is None:
            raise WorkflowError(f"case {draft.case_id!r}: item {row.position} is not signed")
        decision = Decision(row.signed_decision)
        if row.signed_action == "override":
            overrides.append(ItemOverride(item=index, decision=decision, reason=row.override_reason or ""))
        signed_items.append(drafted.model_copy(update={"decision": decision, "needs_review": False}))
        if latest is None or row.signed_at > latest:
            latest, reviewer_id = row.signed_at, row.signed_by
    determination = draft.model_copy(update={"status": "signed", "items": signed_items})
    block = SignatureBlock(signed=True, signed_at=latest, reviewer_id=reviewer_id, overrides=overrides)
    return determination, block


def render_signed_letter(
    determination: Determination,
    signature: SignatureBlock,
    case: CaseFile,
    knowledge: Knowledge,
    *,
    reviewer: Reviewer | None,
    letter_date: dt.date,
) -> bytes:
    """The signed letter as PDF bytes."""
    ctx = context_from(
        determination,
        case,
        knowledge,
        reviewer=credentials(reviewer),
        signature=signature,
        letter_date=letter_date,
    )
    return render_pdf(ctx, knowledge)
