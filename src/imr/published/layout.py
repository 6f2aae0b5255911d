"""The fixed wording of a Final Determination Letter: headings, per-item labels, decision words.

Shared by the published-letter parser (which reads these) and the letter renderer (which writes
them), so a rendered letter always parses back. It lives here, not
in `imr.letters`, so that the parser does not load the rendering stack. The regexes tolerate the
odd spacing, case and small typos seen in published letters; the constants are the canonical
spelling.
"""

from __future__ import annotations

import re
from typing import Final

from imr.models.common import Decision

# Section headings, in letter order.
HEADING_HOW_MADE: Final = "HOW THE IMR FINAL DETERMINATION WAS MADE"
HEADING_CASE_SUMMARY: Final = "CLINICAL CASE SUMMARY"
HEADING_ISSUES: Final = "IMR ISSUES, DECISIONS AND RATIONALES"
SECTION_HEADINGS: Final = (HEADING_HOW_MADE, HEADING_CASE_SUMMARY, HEADING_ISSUES)
# Our own letters close the items with this heading (documents reviewed, signature, worksheet follow);
# nothing after it belongs to the last item's rationale.
HEADING_DOCUMENTS_REVIEWED: Final = "DOCUMENTS REVIEWED"

# Boilerplate sentences under the headings.
CREDENTIALS_INTRO: Final = "The Expert Reviewer has the following credentials:"
LICENSURE_LABEL: Final = "State(s) of Licensure:"
SPECIALTY_LABEL: Final = "Certification(s)/Specialty:"
CASE_SUMMARY_INTRO: Final = (
    "The expert reviewer developed the following clinical case summary based on a review of the "
    "case file, including all medical records:"
)
ISSUES_INTRO: Final = (
    "The Final Determination was based on decisions for the disputed items/services set forth below:"
)

# Per-item line labels, in item order: "<request>: <decision>" then these three.
CLAIMS_ADMINISTRATOR_LABEL: Final = "Claims Administrator guideline:"
REVIEWER_GUIDELINE_LABEL: Final = "MAXIMUS guideline:"
# The reviewer's guideline line is labelled with the review organisation's name ("MAXIMUS guideline:"
# in published letters); any organisation name is accepted.
RATIONALE_LABEL: Final = "Decision rationale:"
ITEM_LABELS: Final = (CLAIMS_ADMINISTRATOR_LABEL, REVIEWER_GUIDELINE_LABEL, RATIONALE_LABEL)

# Fixed phrases inside the guideline lines.
NO_EVIDENCE_CITED: Final = "The Claims Administrator did not cite any medical evidence for its decision."
DECISION_BASED_ON: Final = "Decision based on"
NOT_BASED_ON_MTUS: Final = "The Expert Reviewer did not base their decision on the MTUS."
NON_MTUS_CITATION: Final = "Decision based on Non-MTUS Citation"

# Decision words as printed after the item heading.
DECISION_WORDS: Final[dict[Decision, str]] = {Decision.UPHELD: "Upheld", Decision.OVERTURNED: "Overturned"}


def item_heading(request: str, decision: Decision) -> str:
    """The heading line of one disputed item, e.g. ``Flexeril 5mg #60: Upheld``."""
    return f"{request}: {DECISION_WORDS[decision]}"


# Headings: whole line, any case, loose spacing; "DECISIONS" / "RATIONALES" tolerate a dropped or
# doubled letter, since typos in headings occur in published letters.
HOW_MADE_RE: Final = re.compile(
    r"^[ \t]*HOW\s+THE\s+IMR\s+FINAL\s+DETERM\w*\s+WAS\s+MADE[ \t.:]*$", re.IGNORECASE | re.MULTILINE
)
CASE_SUMMARY_RE: Final = re.compile(
    r"^[ \t]*CLINI\w*\s+CASE\s+SUMM\w*[ \t.:]*$", re.IGNORECASE | re.MULTILINE
)
ISSUES_RE: Final = re.compile(
    r"^[ \t]*IMR\s+ISSU\w*\s*,?\s+DECI\w*\s*,?\s+AND\s+RATION\w*[ \t.:]*$", re.IGNORECASE | re.MULTILINE
)

# Item labels at the start of a line; group "rest" is the text after the label on that line.
CLAIMS_ADMINISTRATOR_RE: Final = re.compile(
    r"^[ \t]*Claims?\s+Admin\w*\s+guide\w*\s*:[ \t]*(?P<rest>.*)$", re.IGNORECASE | re.MULTILINE
)
REVIEWER_GUIDELINE_RE: Final = re.compile(
    r"^[ \t]*(?!Claims?\s+Admin)(?P<organisation>[A-Z][\w&.,'/ -]{0,80}?)\s+guide\w*\s*:[ \t]*(?P<rest>.*)$",
    re.IGNORECASE | re.MULTILINE,
)
RATIONALE_RE: Final = re.compile(
    r"^[ \t]*Decision\s+rational\w*\s*:[ \t]*(?P<rest>.*)$", re.IGNORECASE | re.MULTILINE
)

# The decision word closing an item heading: "<request>:  Upheld".
DECISION_WORD_PATTERN: Final = r"(?P<decision>Upheld|Overturned)"
ITEM_HEADING_END_RE: Final = re.compile(r":[ \t]*" + DECISION_WORD_PATTERN + r"[ \t.]*$", re.IGNORECASE)

LETTER_END_RE: Final = re.compile(
    r"^[ \t#]*" + HEADING_DOCUMENTS_REVIEWED.replace(" ", r"\s+") + r"[ \t.:]*$", re.MULTILINE
)

NO_EVIDENCE_RE: Final = re.compile(r"did\s+not\s+cite\s+any\s+(?:medical\s+)?evidence", re.IGNORECASE)
NOT_BASED_ON_MTUS_RE: Final = re.compile(
    r"did\s+not\s+base\s+(?:their|his|her|his/her)\s+decision\s+on\s+the\s+MTUS", re.IGNORECASE
)
CASE_SUMMARY_INTRO_RE: Final = re.compile(
    r"The\s+expert\s+reviewer\s+developed\s+the\s+following\s+clinical\s+case\s+summary\b[^:]*:",
    re.IGNORECASE,
)


def parse_decision(word: str) -> Decision:
    """The Decision for a printed decision word (any case); raises ValueError otherwise."""
    for decision, printed in DECISION_WORDS.items():
        if word.strip().lower() == printed.lower():
            return decision
    raise ValueError(f"not a decision word: {word!r} (expected Upheld or Overturned)")


__all__ = [
    "CASE_SUMMARY_INTRO",
    "CASE_SUMMARY_INTRO_RE",
    "CASE_SUMMARY_RE",
    "CLAIMS_ADMINISTRATOR_LABEL",
    "CLAIMS_ADMINISTRATOR_RE",
    "CREDENTIALS_INTRO",
    "DECISION_BASED_ON",
    "DECISION_WORDS",
    "DECISION_WORD_PATTERN",
    "HEADING_CASE_SUMMARY",
    "HEADING_DOCUMENTS_REVIEWED",
    "HEADING_HOW_MADE",
    "HEADING_ISSUES",
    "HOW_MADE_RE",
    "ISSUES_INTRO",
    "ISSUES_RE",
    "ITEM_HEADING_END_RE",
    "ITEM_LABELS",
    "LETTER_END_RE",
    "LICENSURE_LABEL",
    "NON_MTUS_CITATION",
    "NOT_BASED_ON_MTUS",
    "NOT_BASED_ON_MTUS_RE",
    "NO_EVIDENCE_CITED",
    "NO_EVIDENCE_RE",
    "RATIONALE_LABEL",
    "RATIONALE_RE",
    "REVIEWER_GUIDELINE_LABEL",
    "REVIEWER_GUIDELINE_RE",
    "SECTION_HEADINGS",
    "SPECIALTY_LABEL",
    "item_heading",
    "parse_decision",
]
