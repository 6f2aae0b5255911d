"""Each item as the letter states it once the physician's sign-offs are applied: decision and rationale."""

from __future__ import annotations

from imr.letters.context import ItemOverride, LetterContext
from imr.models import Decision, ItemDetermination


def decision_of(item: ItemDetermination, override: ItemOverride | None) -> Decision | None:
    """The physician's decision when there is one; else the engine's, never for needs_review."""
    if override is not None:
        return override.decision
    if item.needs_review:
        return None
    return item.decision


def rationale_of(ctx: LetterContext, index: int, override: ItemOverride | None) -> str:
    """The published rationale: the physician's own text when given, else the draft's for a confirmed
    item. An override's reason is never the rationale (it is the worksheet's)."""
    edited = ctx.rationales[index] if ctx.rationales else None
    if edited is not None and edited.strip():
        return edited
    if override is not None:
        return override.rationale or ""
    return ctx.determination.items[index].rationale
