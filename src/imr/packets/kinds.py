"""Typing a packet document and reading its title, date and author, from the knowledge and labels.

A heading near the top of a page names the kind (the first matching kind in the knowledge's
nlp/document_kinds.yaml wins); a
document without a recognised heading is typed by its cue words, else `other`. The date is the first
labelled document date ("Date of service: …", "Date of decision: …"), never a date of injury or of
birth; the author the first signature-like label ("Electronically signed by: …", "Reviewer: …").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from imr.knowledge import Knowledge
from imr.knowledge.nlp import DocumentKindsFile
from imr.published.dates import DATE_PATTERN, to_date

OTHER = "other"
HEADER_LINES = 6  # the heading of a page is among its first lines …
HEADING_CHARS = 100  # … and is short: in capitals, or a few capitalised words
CAPITALS_SHARE = 0.6
HEADING_WORDS = 8
_DATE = re.compile(DATE_PATTERN, re.IGNORECASE)
_DOC_DATE_LABEL = re.compile(
    r"\b(?:date\s+of\s+(?:service|exam(?:ination)?|visit|report|decision|determination|procedure|"
    r"surgery|study|evaluation|consultation|collection|letter|notice)|(?:report|exam|service|visit|"
    r"decision|study|collection|letter)\s+date|DOS|date)\b\s*[:#]?\s*$",
    re.IGNORECASE,
)
_OTHER_DATES = r"injury|birth|DOB|DOI|hire|received|UR decision|next visit|follow[- ]?up|return"
_NOT_DOC_DATE = re.compile(rf"\b(?:{_OTHER_DATES})\b[^:\n]*:?\s*$", re.IGNORECASE)
# Other documents cite the request's date; only the RFA is dated by it.
_NOT_DOC_DATE_NOR_REQUEST = re.compile(
    rf"\b(?:{_OTHER_DATES}|request(?:ed)?|RFA)\b[^:\n]*:?\s*$", re.IGNORECASE
)
_AUTHOR_LABEL = re.compile(
    r"^\W*(?:electronically\s+signed\s+by|signed\s+by|dictated\s+by|interpreted\s+by|"
    r"(?:physician\s+)?reviewer|reviewing\s+physician|radiologist|surgeon|therapist|provider|"
    r"treating\s+physician|requesting\s+physician|physician|author|examiner)\s*:\s*(?P<name>[^\n]{2,80})$",
    re.IGNORECASE | re.MULTILINE,
)


@dataclass(frozen=True, slots=True)
class Kind:
    name: str
    label: str
    titles: tuple[re.Pattern[str], ...]
    cues: tuple[str, ...]


def document_kinds(knowledge: Knowledge) -> tuple[Kind, ...]:
    """The kinds of nlp/document_kinds.yaml in file order, compiled once per knowledge."""
    return knowledge.built("packets.document_kinds", lambda: _compile(knowledge.nlp.document_kinds))


def _compile(data: DocumentKindsFile) -> tuple[Kind, ...]:
    return tuple(
        Kind(
            name,
            kind.label,
            tuple(re.compile(t, re.IGNORECASE) for t in kind.titles),
            tuple(c.lower() for c in kind.cues),
        )
        for name, kind in data.kinds.items()
    )


def heading_lines(text: str) -> list[str]:
    """The lines among the first few of a page that look like a heading: short, and in capitals or
    a few capitalised words (not a sentence, not a "Label: value" line, not a wrapped body line)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return [line for line in lines[:HEADER_LINES] if _looks_like_heading(line)]


def _looks_like_heading(line: str) -> bool:
    if len(line) > HEADING_CHARS:
        return False
    letters = [c for c in line if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) >= CAPITALS_SHARE:
        return True
    words = line.split()
    return (
        len(words) <= HEADING_WORDS
        and line[0].isupper()
        and not line.endswith((".", ",", ";", ":"))
        and ": " not in line
    )


def heading_kind(text: str, kinds: tuple[Kind, ...]) -> tuple[str, str] | None:
    """(kind, heading line) when a heading at the top of the page names a document kind."""
    for line in heading_lines(text):
        for kind in kinds:
            if any(p.search(line) for p in kind.titles):
                return kind.name, line
    return None


def cue_kind(text: str, kinds: tuple[Kind, ...]) -> str:
    """The kind with the most cue words in `text` (at least two different ones), else `other`."""
    low = text.lower()
    best, best_score = OTHER, 1
    for kind in kinds:
        score = sum(1 for cue in kind.cues if cue in low)
        if score > best_score:
            best, best_score = kind.name, score
    return best


def document_date(text: str, kind: str = OTHER) -> dt.date | None:
    """The document's own date: the first labelled one, else the first date not of injury or birth."""
    excluded = _NOT_DOC_DATE if kind == "rfa" else _NOT_DOC_DATE_NOR_REQUEST
    labelled: dt.date | None = None
    first: dt.date | None = None
    for match in _DATE.finditer(text):
        date = to_date(match)
        if date is None:
            continue
        line_start = text.rfind("\n", 0, match.start()) + 1
        before = text[line_start : match.start()]
        if excluded.search(before):
            continue
        if labelled is None and _DOC_DATE_LABEL.search(before[-40:]):
            labelled = date
            break
        if first is None:
            first = date
    return labelled or first


def document_author(text: str) -> str | None:
    """Who wrote or signed the document, from a signature-like label."""
    match = _AUTHOR_LABEL.search(text)
    if match is None:
        return None
    name = re.split(r"\s{3,}|\t", match.group("name").strip())[0].strip(" .,;")
    return name or None


def kind_label(name: str, kinds: tuple[Kind, ...]) -> str:
    return next((k.label for k in kinds if k.name == name), name)
