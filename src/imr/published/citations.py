"""Splitting a reviewer's guideline line into citations.

A line holds one or more clauses ("Decision based on MTUS …", "Decision based on Non-MTUS
Citation ODG …"). Each clause names a source, a guideline, then one or more topics, each maybe
with its pages ("<topic> p. <pages> <topic> p. <pages>"). A closing "Page(s): …"
that only repeats the topics' pages is not a citation of its own.

The non-MTUS rule: a decision rests on a non-MTUS citation when no MTUS citation is present and
something else is cited or the reviewer says the decision is not based on the MTUS. A line citing
both (seed 002, massage) rests on the MTUS too, so it is not non-MTUS.
"""

from __future__ import annotations

import re

from imr.models.letter import Citation
from imr.published import layout

MTUS = "MTUS"
OTHER = "Other"

_CLAUSE_RE = re.compile(
    r"\b(?:Decision\s+based\s+on|based\s+(?:his/her|his|her|their)\s+decision\s+on)\s*:?\s*", re.IGNORECASE
)
_NON_MTUS_RE = re.compile(r"^Non[-\s]*MTUS\s+Citations?\s*:?\s*", re.IGNORECASE)
# Sources by how letters name them; the first alias that opens a clause wins.
_SOURCES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rf"^(?:the\s+)?(?:{aliases})(?![\w-])[\s,:;]*", re.IGNORECASE))
    for name, aliases in (
        (MTUS, r"(?:CA\s+|California\s+)?MTUS(?:\s*\(\d{4}\))?|Medical\s+Treatment\s+Utilization\s+Schedule"),
        ("ODG", r"Official\s+Disability\s+Guidelines?(?:\s*\(ODG\))?|ODG"),
        (
            "ACOEM",
            r"American\s+College\s+of\s+Occupational\s+and\s+Environmental\s+Medicine(?:\s*\(ACOEM\))?"
            r"|ACOEM",
        ),
        ("FDA", r"(?:U\.?S\.?\s+)?Food\s+and\s+Drug\s+Administration(?:\s*\(FDA\))?|FDA"),
        ("NGC", r"National\s+Guideline\s+Clearinghouse(?:\s*\(NGC\))?|NGC"),
    )
)
_PAGES_RE = re.compile(
    r"(?<![A-Za-z])(?P<label>Page\s*\(s\)|Pages?|pp?\.|pgs?\.?)\s*:?\s*"
    r"(?P<pages>\d+(?:\s*[-–]\s*\d+)?(?:\s*(?:,|&|and)\s*\d+(?:\s*[-–]\s*\d+)?)*)",
    re.IGNORECASE,
)
_DANGLING_PAGES_RE = re.compile(r"(?:Page\s*\(s\)|Pages?|pp?\.)\s*:?\s*$", re.IGNORECASE)
# Where an MTUS guideline's name ends: "... Treatment Guidelines", "... Neck and Upper Back Complaints".
_MTUS_GUIDELINE_END_RE = re.compile(r"\b(?:Guidelines?|Complaints|Schedule)\b(?:\s*\([^)]{1,40}\))?")
# Where another source's guideline (chapter or section) ends: "Low Back Chapter", "Neck section".
_OTHER_GUIDELINE_END_RE = re.compile(
    r"\b(?:Chapters?(?!\s*\d)|sections?(?!\s*\d)|Guidelines?)\b(?:\s*\([^)]{1,40}\))?", re.IGNORECASE
)
_EDGE_PUNCT = " \t.,;:-–"


def split_citations(line: str) -> tuple[list[Citation], bool]:
    """The citations in a reviewer guideline line, and whether the decision rests on non-MTUS ones."""
    text = " ".join(line.split())
    starts = list(_CLAUSE_RE.finditer(text))
    disclaims_mtus = bool(layout.NOT_BASED_ON_MTUS_RE.search(text))
    if starts:
        ends = [m.start() for m in starts[1:]] + [len(text)]
        bodies = [text[m.end() : end] for m, end in zip(starts, ends, strict=True)]
    elif disclaims_mtus:
        bodies = [layout.NOT_BASED_ON_MTUS_RE.split(text, maxsplit=1)[-1]]
    else:
        bodies = [text]
    citations: list[Citation] = []
    for body in bodies:
        citations.extend(_clause(body))
    has_mtus = any(c.source == MTUS for c in citations)
    non_mtus = not has_mtus and (bool(citations) or disclaims_mtus)
    return citations, non_mtus


def _clause(body: str) -> list[Citation]:
    body = body.strip(_EDGE_PUNCT)
    flagged_non_mtus = False
    match = _NON_MTUS_RE.match(body)
    if match:
        flagged_non_mtus = True
        body = body[match.end() :]
    body = re.sub(r"^the\s+(?=MTUS\b)", "", body, flags=re.IGNORECASE).strip(_EDGE_PUNCT)
    if not body:
        return []
    source = OTHER
    for name, pattern in _SOURCES:
        found = pattern.match(body)
        if found and not (flagged_non_mtus and name == MTUS):
            source = name
            body = body[found.end() :]
            break
    segments = _segments(body)
    head, first_pages = segments[0]
    guideline, first_topic = _guideline_and_topic(head, source)
    topics = [(first_topic, first_pages), *segments[1:]]
    # A closing "Page(s): …" with no topic of its own repeats the pages already given per topic.
    if len(topics) > 1 and topics[-1][0] is None and any(p for _, p in topics[:-1]):
        topics.pop()
    return [Citation(source=source, guideline=guideline, topic=topic, pages=pages) for topic, pages in topics]


def _segments(body: str) -> list[tuple[str | None, str | None]]:
    """(topic text, pages) runs: each page reference closes the text before it."""
    segments: list[tuple[str | None, str | None]] = []
    position = 0
    for match in _PAGES_RE.finditer(body):
        segments.append((_clean(body[position : match.start()]), _pages(match.group("pages"))))
        position = match.end()
    tail = _clean(_DANGLING_PAGES_RE.sub("", body[position:]))
    if tail or not segments:
        segments.append((tail, None))
    return segments


def _guideline_and_topic(head: str | None, source: str) -> tuple[str | None, str | None]:
    if not head:
        return None, None
    pattern = _MTUS_GUIDELINE_END_RE if source == MTUS else _OTHER_GUIDELINE_END_RE
    for match in pattern.finditer(head):
        guideline = _clean(head[: match.end()])
        if guideline and guideline.lower() not in {"guideline", "guidelines"}:
            return guideline, _clean(head[match.end() :])
    if source not in (MTUS, OTHER) and "," in head:
        guideline, _, topic = head.partition(",")
        return _clean(guideline), _clean(topic)
    return head, None


def _clean(text: str) -> str | None:
    cleaned = text.strip(_EDGE_PUNCT)
    return cleaned or None


def _pages(text: str) -> str:
    text = re.sub(r"\s*[-–]\s*", "-", text)
    text = re.sub(r"\s*,\s*", ", ", text)
    return re.sub(r"\s*&\s*|\s+and\s+", ", ", text)
