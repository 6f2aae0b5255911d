"""The decision rationale: one paragraph in the style of published letters, rendered from the trace.

Built only from the criteria's statements (the guideline, in our own words), their findings (this
case's facts) with short quotes of the record spans, and the decision. Nothing is invented here, so
two cases with different facts get different paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from imr.models import CriterionResult, Decision, Evidence, GuidelineRef

QUOTE_LIMIT = 110
QUOTE_MIN_WORDS = 3  # a bare term ("Flexeril") says nothing the finding does not; cite the record only
_CAPITALIZED_WORD = re.compile(r"^(?:A|[A-Z][a-z]+)\b")
# Only a continuation is worth a sentence (it names the prior use found); "initial" is the default
# reading and would be noise for one-off items such as a visit or a scan.
_PHASE_LEADS = {"continuation": "The request is read as continuing treatment"}


def rationale(
    request: str,
    *,
    decision: Decision | None,
    guideline: GuidelineRef | None,
    criteria: Sequence[CriterionResult],
    reasons: Sequence[str] = (),
    review_reason: str | None = None,
    ur_decision: str | None = None,
    ur_modified_to: str | None = None,
    phase: str | None = None,
    phase_reason: str = "",
    search_sequence: str | None = None,
) -> str:
    """The paragraph for one item: guideline criteria, the case's facts, then the conclusion.

    `search_sequence` is the regulation ordering the guideline sources (the knowledge base's
    index.yaml), cited when a non-MTUS source decides.
    """
    applicable = [c for c in criteria if c.result != "not_applicable"]
    # Only the item's guideline text is cited as "the guideline"; other sources and reviewer practice
    # are named as what they are.
    own = [c for c in applicable if c.rests_on == "guideline_text" and not c.cites]
    parts = [
        _guideline_sentences(guideline, own, search_sequence),
        _other_sources_sentences([c for c in applicable if c not in own]),
        _modified_sentence(request, ur_decision, ur_modified_to),
        _phase_sentence(phase, phase_reason),
        _facts_sentences(applicable),
        _conclusion(request, decision, reasons, review_reason),
    ]
    return " ".join(p for p in parts if p)


def _guideline_sentences(
    guideline: GuidelineRef | None, criteria: Sequence[CriterionResult], search_sequence: str | None
) -> str:
    statements = _unique(_sentence(c.statement) for c in criteria if c.statement.strip())
    if guideline is None:
        return ""
    where = _citation_phrase(guideline)
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
    first = lead + _lower_first(statements[0])
    return " ".join(s for s in (opening, first, *statements[1:]) if s)


def _other_sources_sentences(criteria: Sequence[CriterionResult]) -> str:
    sentences: list[str] = []
    for c in criteria:
        if not c.statement.strip():
            continue
        statement = _lower_first(_sentence(c.statement))
        if c.rests_on == "reviewer_practice":
            letters = ", ".join(c.letters)
            sentences.append(f"Published IMR determinations ({letters}) also apply this: {statement}")
        else:
            sentences.append(f"Per the {c.cites}, {statement}")
    return " ".join(_unique(sentences))


def _citation_phrase(guideline: GuidelineRef) -> str:
    title = guideline.title.strip()
    name = title if title.upper().startswith(guideline.source.upper()) else f"{guideline.source} {title}"
    section = guideline.section
    if section and title.lower() in section.lower():
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


def _phase_sentence(phase: str | None, reason: str) -> str:
    lead = _PHASE_LEADS.get(phase or "")
    if lead is None:
        return ""
    return f"{lead} ({reason.strip().rstrip('.')})." if reason.strip() else f"{lead}."


def _facts_sentences(criteria: Sequence[CriterionResult]) -> str:
    findings = _unique(_finding_with_evidence(c) for c in criteria if c.finding.strip())
    if not findings:
        return ""
    return " ".join(["In this case, " + _lower_first(findings[0]), *findings[1:]])


def _finding_with_evidence(criterion: CriterionResult) -> str:
    text = _sentence(criterion.finding).rstrip(".")
    note = _evidence_note(text, criterion.evidence) if criterion.evidence else ""
    return f"{text} ({note})." if note else text + "."


def _evidence_note(finding: str, evidence: Sequence[Evidence]) -> str:
    records = _unique(e.record for e in evidence)
    if any(f"({r})" in finding for r in records):
        return ""  # the finding already quotes and cites its records
    said = _normalize(finding)
    # Quote the span the finding speaks of, when one of them is named in it; else the first.
    named = [e for e in evidence if _normalize(e.text) and _normalize(e.text) in said]
    if named or '"' in finding:
        return ", ".join(records)
    first = evidence[0]
    quote = _short_quote(first.text)
    if len(quote.split()) < QUOTE_MIN_WORDS:
        return ", ".join(records)
    others = [r for r in records if r != first.record]
    return f'{first.record}: "{quote}"' + (f"; also {', '.join(others)}" if others else "")


def _short_quote(text: str) -> str:
    text = " ".join(text.split()).strip(" .;,")
    if len(text) <= QUOTE_LIMIT:
        return text
    cut = text[:QUOTE_LIMIT].rsplit(" ", 1)[0]
    return cut.rstrip(" .;,") + "…"


def _conclusion(
    request: str, decision: Decision | None, reasons: Sequence[str], review_reason: str | None
) -> str:
    if decision is None:
        why = _sentence(review_reason or "the engine could not reach a decision").rstrip(".")
        return (
            f"No draft decision is offered: {_lower_first(why)}. A physician reviewer must decide this item."
        )
    if decision == Decision.OVERTURNED:
        return f"As the guideline criteria are met, the request for {request} is medically necessary."
    phrases = _unique(_lower_first(r.strip().rstrip(".")) for r in reasons if r.strip())
    if phrases:
        return f"Due to {_join(phrases)}, the request for {request} is not medically necessary."
    return f"As the guideline criteria are not met, the request for {request} is not medically necessary."


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def _lower_first(text: str) -> str:
    # Acronyms and drug-class names (MTUS, NSAIDs, ODG, MRI) keep their capitals.
    return text[0].lower() + text[1:] if _CAPITALIZED_WORD.match(text) else text


def _normalize(text: str) -> str:
    return " ".join(text.lower().split())


def _join(phrases: Sequence[str]) -> str:
    if len(phrases) == 1:
        return phrases[0]
    return ", ".join(phrases[:-1]) + " and " + phrases[-1]


def _unique(values: Iterable[str]) -> list[str]:
    """Non-empty values, first occurrence kept, order kept."""
    return list(dict.fromkeys(v for v in values if v))
