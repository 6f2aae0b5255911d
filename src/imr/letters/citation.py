"""The guideline lines of an item, worded exactly as the published-letter parser reads them."""

from __future__ import annotations

from imr.models import GuidelineRef
from imr.published import layout


def reviewer_guideline_text(guideline: GuidelineRef) -> str:
    """What follows "<Organisation> guideline:", e.g.
    ``Decision based on <source> <title> <section> Page(s): <pages>.`` (pages from the knowledge base)"""
    if guideline.non_mtus:
        cited = ", ".join(part for part in (_clean(guideline.title), _clean(guideline.section)) if part)
        text = f"{layout.NOT_BASED_ON_MTUS} {layout.NON_MTUS_CITATION} {cited}"
    else:
        title = _clean(guideline.title)
        source = _clean(guideline.source)
        named = title if not source or title.lower().startswith(source.lower()) else f"{source} {title}"
        text = " ".join(part for part in (layout.DECISION_BASED_ON, named, _clean(guideline.section)) if part)
    pages = _clean(guideline.pages)
    if pages:
        text += f" Page(s): {pages}"
    return text + "."


def claims_administrator_text(cited: str | None) -> str:
    """What follows "Claims Administrator guideline:"; nothing cited gives the standard sentence."""
    if cited is None or not cited.strip():
        return layout.NO_EVIDENCE_CITED
    text = " ".join(cited.split())
    return text if text.endswith(".") else text + "."


def _clean(part: str | None) -> str:
    """One line, no trailing full stop (the line adds its own)."""
    return " ".join((part or "").split()).rstrip(".").strip()
