"""What a letter still needs before the physician can sign it: every part a draft fills with a
placeholder ("No rationale has been written yet", "Not stated in the case file" …)."""

from __future__ import annotations

from imr.letters.context import LetterContext
from imr.letters.decisions import decision_of, rationale_of


def missing_parts(ctx: LetterContext) -> list[str]:
    """Each missing part in plain words, in letter order; empty when the letter is complete."""
    missing: list[str] = []
    reviewer = ctx.reviewer
    if reviewer is None:
        missing.append("the reviewer's credentials (no reviewer is assigned)")
    else:
        if not reviewer.licensure:
            missing.append("the reviewer's state(s) of licensure")
        if not reviewer.specialties:
            missing.append("the reviewer's specialty")
    if not ctx.case_summary.strip():
        missing.append("the clinical case summary")
    overrides = {o.item: o for o in ctx.signature.overrides}
    for index, item in enumerate(ctx.determination.items):
        name = f"item {index + 1} ({' '.join(item.request.split())!r})"
        override = overrides.get(index)
        if decision_of(item, override) is None:
            missing.append(f"{name}: the physician reviewer's decision (an override with a reason)")
        cited = ctx.claims_administrator_guidelines[index] if ctx.claims_administrator_guidelines else ""
        if cited is not None and not cited.strip():
            missing.append(f"{name}: the guideline the Claims Administrator cited (from the UR decision)")
        guideline = override.guideline if override and override.guideline else item.guideline
        if guideline is None:
            missing.append(f"{name}: the guideline the decision is based on")
        if not rationale_of(ctx, index, override).strip():
            missing.append(f"{name}: the decision rationale")
    if not ctx.documents_reviewed:
        missing.append("the documents reviewed")
    return missing
