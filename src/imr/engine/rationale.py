"""The decision rationale, in a reviewer's voice, rendered from the trace.

Three parts, as in published letters: what the guideline says (the criteria's rules, our own words,
cited as the guideline's), what the records of this case show (the phase and the deciding findings,
each quoting the clause it rests on and naming its record), and the conclusion with its reasons.
Nothing is invented here: every sentence about the worker comes from a finding with evidence, and
record tokens are resolved to record names by the caller (imr.text.references).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from imr.models import CriterionResult, Decision, GuidelineRef
from imr.text.prose import join_and, lower_first


@dataclass(frozen=True)
class RationaleInput:
    """What one item's paragraph is written from."""

    request: str
    decision: Decision | None
    guideline: GuidelineRef | None
    criteria: Sequence[CriterionResult]
    due_to: Sequence[str] = ()  # the reasons' words, main first
    review_reason: str | None = None
    ur_decision: str | None = None
    ur_modified_to: str | None = None
    phase: str | None = None
    phase_reason: str = ""
    search_sequence: str | None = None


def rationale(item: RationaleInput) -> str:
    """The paragraph for one item: the guideline, this case's records, the conclusion."""
    applicable = [c for c in item.criteria if c.result != "not_applicable"]
    own = [c for c in applicable if c.rests_on == "guideline_text" and not c.cites]
    parts = [
        _guideline_sentences(item.guideline, own, item.search_sequence),
        _other_sources_sentences([c for c in applicable if c not in own]),
        _modified_sentence(item.request, item.ur_decision, item.ur_modified_to),
        _phase_sentence(item.phase, item.phase_reason),
        _facts_sentences(_deciding(applicable, item.decision)),
        _conclusion(item.request, item.decision, item.due_to, item.review_reason),
    ]
    return " ".join(p for p in parts if p)


def _deciding(criteria: Sequence[CriterionResult], decision: Decision | None) -> list[CriterionResult]:
    """The findings worth a sentence: those that decided, else those that bear on the outcome."""
    decisive = [c for c in criteria if c.decisive]
    if decisive:
        return decisive
    if decision == Decision.UPHELD:
        return [c for c in criteria if c.result in ("not_met", "insufficient")]
    return [c for c in criteria if c.result == "met"]


def _guideline_sentences(
    guideline: GuidelineRef | None, criteria: Sequence[CriterionResult], search_sequence: str | None
) -> str:
    if guideline is None:
        return ""
    statements = _unique(_sentence(c.statement) for c in criteria if c.statement.strip())
    where = citation_phrase(guideline)
    if guideline.non_mtus:
        regulation = f" ({search_sequence})" if search_sequence else ""
        opening = (
            "The MTUS does not specifically address this request, so the decision rests on the next "
            f"source in the medical evidence search sequence{regulation}: the {where}."
        )
        lead = f"Per the {guideline.source}, "
    else:
        opening = ""
        lead = f"Per the {where}, "
    if not statements:
        return opening or f"This request is governed by the {where}."
    first = lead + lower_first(statements[0])
    return " ".join(s for s in (opening, first, *statements[1:]) if s)


def _other_sources_sentences(criteria: Sequence[CriterionResult]) -> str:
    """Criteria resting on another source or on reviewer practice, grouped by what they rest on."""
    groups: dict[str, list[str]] = {}
    for c in criteria:
        if not c.statement.strip():
            continue
        if c.rests_on == "reviewer_practice":
            lead = f"Published IMR determinations ({', '.join(c.letters)}) also apply this: "
        else:
            lead = f"Per the {c.cites}, "
        statement = _sentence(c.statement)
        if statement not in groups.setdefault(lead, []):
            groups[lead].append(statement)
    return " ".join(lead + " ".join([lower_first(s[0]), *s[1:]]) for lead, s in groups.items())


def citation_phrase(guideline: GuidelineRef) -> str:
    """How the guideline is named: "MTUS Chronic Pain Medical Treatment Guidelines (Massage therapy,
    page N)", with no part said twice."""
    title = guideline.title.strip()
    name = title if title.upper().startswith(guideline.source.upper()) else f"{guideline.source} {title}"
    section = guideline.section
    if section and (title.lower() in section.lower() or section.lower() in title.lower()):
        section = None  # "Acupuncture Medical Treatment Guidelines (9792.24.1)" repeats the title
    detail = [d for d in (section, _pages(guideline.pages)) if d]
    return f"{name} ({', '.join(detail)})" if detail else name


def _pages(pages: str | None) -> str | None:
    if not pages:
        return None
    return f"page {pages}" if pages.strip().isdigit() else f"pages {pages}"


def ur_modified(ur_decision: str | None, modified_to: str | None) -> bool:
    """Whether UR modified the request: it says so ("modified", "modify"…) or names what it allowed."""
    return bool(modified_to) or "modif" in (ur_decision or "").lower()


def _modified_sentence(request: str, ur_decision: str | None, modified_to: str | None) -> str:
    if not ur_modified(ur_decision, modified_to):
        return ""
    to = f" to {modified_to}" if modified_to else ""
    return (
        f"Utilization review modified this request{to}; the IMR decides the request as originally "
        f"written ({request})."
    )


_PHASE_WORDS = {
    "initial": "This is an initial request",
    "continuation": "This is a request to continue treatment",
    "renewal": "This is a request to resume treatment after a lapse",
}


def _phase_sentence(phase: str | None, reason: str) -> str:
    lead = _PHASE_WORDS.get(phase or "")
    if lead is None:
        return ""
    reason = reason.strip().rstrip(".")
    return f"{lead}; {reason}." if reason else f"{lead}."


def _facts_sentences(criteria: Sequence[CriterionResult]) -> str:
    findings = _unique(_sentence(c.finding) for c in criteria if c.finding.strip())
    if not findings:
        return ""
    return " ".join(["In this case, " + lower_first(findings[0]), *findings[1:]])


def _conclusion(
    request: str, decision: Decision | None, due_to: Sequence[str], review_reason: str | None
) -> str:
    if decision is None:
        why = _sentence(review_reason or "the engine could not reach a decision").rstrip(".")
        return (
            f"No draft decision is offered: {lower_first(why)}. A physician reviewer must decide this item."
        )
    if decision == Decision.OVERTURNED:
        return f"As the guideline's criteria are met, the request for {request} is medically necessary."
    reasons = _unique(lower_first(r.strip().rstrip(".")) for r in due_to if r.strip())
    if reasons:
        return f"Due to {join_and(reasons)}, the request for {request} is not medically necessary."
    return f"As the guideline's criteria are not met, the request for {request} is not medically necessary."


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?", '"')) else text + "."


def _unique(items: Iterable[str]) -> list[str]:
    out: list[str] = []
    for item in items:
        if item and item not in out:
            out.append(item)
    return out
