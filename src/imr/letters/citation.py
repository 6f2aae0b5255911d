"""The guideline lines of an item, worded exactly as the published-letter parser reads them."""

from __future__ import annotations

from imr.models import GuidelineRef
from imr.published import layout


def guideline_name(guideline: GuidelineRef, section_separator: str = " ") -> str:
    """Source, title and section, each said once: "MTUS Acupuncture Medical Treatment Guidelines
    (9792.24.1)" rather than the title twice, "ODG Low Back Chapter" rather than "ODG ODG …"."""
    title = _clean(guideline.title)
    source = _clean(guideline.source)
    named = title if not source or _starts_with(title, source) else f"{source} {title}"
    section = _clean(guideline.section)
    if section and title and _starts_with(section, title):
        section = section[len(title) :].strip(" ,;:-")
    if section and section.lower() in named.lower():
        section = ""
    if section and not section.startswith("("):
        return f"{named}{section_separator}{section}"
    return " ".join(part for part in (named, section) if part)


def reviewer_guideline_text(guideline: GuidelineRef) -> str:
    """What follows "<Organisation> guideline:", e.g.
    ``Decision based on <source> <title> <section> Page(s): <pages>.`` (pages from the knowledge base)"""
    if guideline.non_mtus:
        title = _clean(guideline.title)
        section = _clean(guideline.section)
        if section and title and _starts_with(section, title):
            section = section[len(title) :].strip(" ,;:-")
        cited = ", ".join(part for part in (title, section) if part)
        text = f"{layout.NOT_BASED_ON_MTUS} {layout.NON_MTUS_CITATION} {cited}"
    else:
        text = f"{layout.DECISION_BASED_ON} {guideline_name(guideline)}"
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


def _starts_with(text: str, prefix: str) -> bool:
    return text.lower().startswith(prefix.lower())


def _clean(part: str | None) -> str:
    """One line, no trailing full stop (the line adds its own)."""
    return " ".join((part or "").split()).rstrip(".").strip()
