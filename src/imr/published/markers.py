"""Recognising the fixed lines of a letter: section headings, item labels, item decision lines.

The exact wording (imr.published.layout) is tried first; a fuzzy match catches typos and odd
spacing in published letters.
"""

from __future__ import annotations

import re
from enum import IntEnum

from rapidfuzz.distance import Levenshtein
from rapidfuzz.fuzz import ratio

from imr.models.common import Decision
from imr.published import layout


class Section(IntEnum):
    """The letter's sections, in order."""

    HOW_MADE = 0
    CASE_SUMMARY = 1
    ISSUES = 2


class Label(IntEnum):
    """The labelled lines of one disputed item, in order."""

    CLAIMS_ADMINISTRATOR = 0
    REVIEWER = 1
    RATIONALE = 2


_SECTION_RES = (
    (Section.HOW_MADE, layout.HOW_MADE_RE),
    (Section.CASE_SUMMARY, layout.CASE_SUMMARY_RE),
    (Section.ISSUES, layout.ISSUES_RE),
)
_SECTION_NAMES = (
    (Section.HOW_MADE, layout.HEADING_HOW_MADE),
    (Section.CASE_SUMMARY, layout.HEADING_CASE_SUMMARY),
    (Section.ISSUES, layout.HEADING_ISSUES),
)
_LABEL_RES = (
    (Label.CLAIMS_ADMINISTRATOR, layout.CLAIMS_ADMINISTRATOR_RE),
    (Label.REVIEWER, layout.REVIEWER_GUIDELINE_RE),
    (Label.RATIONALE, layout.RATIONALE_RE),
)
_LABEL_NAMES = (
    (Label.CLAIMS_ADMINISTRATOR, layout.CLAIMS_ADMINISTRATOR_LABEL.rstrip(":").lower()),
    (Label.REVIEWER, layout.REVIEWER_GUIDELINE_LABEL.rstrip(":").lower()),
    (Label.RATIONALE, layout.RATIONALE_LABEL.rstrip(":").lower()),
)
_FUZZY_CUTOFF = 85.0
_SPACES_RE = re.compile(r"\s+")
# "<request>: <word>" where <word> may be a misspelt decision word.
_LAST_WORD_RE = re.compile(r":\s*([A-Za-z]{4,12})\.?$")


def section_of(text: str) -> Section | None:
    """Which section heading a line is, if any."""
    if len(text) > 60 or (text[-1:] == "." and not text.isupper()):
        return None
    for section, pattern in _SECTION_RES:
        if pattern.match(text):
            return section
    if len(text) < 12 or len(text.split()) > 8:
        return None
    upper = _SPACES_RE.sub(" ", text.upper().strip(" .:"))
    for section, name in _SECTION_NAMES:
        if ratio(upper, name) >= _FUZZY_CUTOFF:
            return section
    return None


def label_of(text: str) -> tuple[Label, str] | None:
    """Which item label a line starts with, if any, and the text after the label."""
    colon = text.find(":", 0, 100)
    if colon < 8:
        return None
    for label, pattern in _LABEL_RES:
        match = pattern.match(text)
        if match:
            return label, match.group("rest").strip()
    prefix = _SPACES_RE.sub(" ", text[:colon].lower().strip())
    for label, name in _LABEL_NAMES:
        if ratio(prefix, name) >= _FUZZY_CUTOFF:
            return label, text[colon + 1 :].strip()
    return None


def decision_word(word: str) -> Decision | None:
    """The decision a (possibly misspelt) decision word stands for."""
    lowered = word.lower()
    for decision, printed in layout.DECISION_WORDS.items():
        name = printed.lower()
        allowed = len(name) // 5  # one typo in "upheld", two in "overturned"
        if Levenshtein.distance(lowered, name, score_cutoff=allowed) <= allowed:
            return decision
    return None


def decision_end(text: str) -> tuple[str, Decision] | None:
    """For an item's closing heading line ``<request>: Upheld``: the request part and the decision."""
    if ":" not in text:
        return None
    match = layout.ITEM_HEADING_END_RE.search(text)
    if match:
        return text[: match.start()].rstrip(), layout.parse_decision(match.group("decision"))
    match = _LAST_WORD_RE.search(text)
    if match:
        decision = decision_word(match.group(1))
        if decision is not None:
            return text[: match.start()].rstrip(), decision
    return None


def bare_decision(text: str) -> Decision | None:
    """A line that is only a decision word (its request ended the line before with a colon)."""
    stripped = text.strip(" .")
    if len(stripped) > 12 or " " in stripped:
        return None
    return decision_word(stripped)
