"""The reviewer's credentials, from the block form or the prose form of a letter's first section.

Block form: "State(s) of Licensure: California, North Carolina" / "Certification(s)/Specialty:
Family Practice". Prose form: "The physician reviewer is Board Certified in Physical Medicine and
Rehabilitation has a subspecialty in Pain Management and is licensed to practice in California."
"""

from __future__ import annotations

import re

from imr.models.letter import ReviewerCredentials

_BLOCK_LICENSURE_RE = re.compile(r"^States?\s*(?:\(s\))?\s+of\s+Licens\w*\s*:\s*(?P<x>.*)$", re.IGNORECASE)
_BLOCK_SPECIALTY_RE = re.compile(
    r"^(?:Board\s+)?Certifications?\s*(?:\(s\))?\s*/\s*Specialt(?:y|ies)\s*(?:\(ies\))?\s*:\s*(?P<x>.*)$",
    re.IGNORECASE,
)
_BLOCK_SUBSPECIALTY_RE = re.compile(r"^Sub-?specialt(?:y|ies)\s*(?:\(\w+\))?\s*:\s*(?P<x>.*)$", re.IGNORECASE)
# Prose clauses end at the next clause ("has a subspecialty", "and is licensed") or sentence end.
_CLAUSE_END = r"(?=,?\s+(?:and\s+)?(?:has|have|holds|is|with|who)\b|[.;]|$)"
_BOARD_RE = re.compile(
    rf"\bBoard[-\s]+Certified\s+(?:in|by\s+the\s+American\s+Board\s+of)\s+(?P<x>.+?){_CLAUSE_END}",
    re.IGNORECASE,
)
_PROSE_SUBSPECIALTY_RE = re.compile(
    rf"\bsub-?specialty\s+(?:certification\s+)?(?:in|of)\s+(?P<x>.+?){_CLAUSE_END}", re.IGNORECASE
)
_PROSE_LICENSURE_RE = re.compile(
    r"\blicensed\s+to\s+practice\s+(?:medicine\s+)?in\s+(?:the\s+states?\s+of\s+)?(?P<x>.+?)(?=\.(?:\s|$)|;|$)",
    re.IGNORECASE,
)
_LIST_SPLIT_RE = re.compile(r"\s*(?:,|;|\band\b|&)\s*(?:and\s+)?", re.IGNORECASE)
_SPECIALTY_SPLIT_RE = re.compile(r"\s*[;,]\s*")


def credentials_of(lines: list[str]) -> ReviewerCredentials:
    """Specialties, licensure states, board certification and subspecialties stated in the lines."""
    specialties: list[str] = []
    subspecialties: list[str] = []
    licensure: list[str] = []
    for line in lines:
        if match := _BLOCK_SPECIALTY_RE.match(line):
            specialties += _items(match.group("x"), _SPECIALTY_SPLIT_RE)
        elif match := _BLOCK_SUBSPECIALTY_RE.match(line):
            subspecialties += _items(match.group("x"), _SPECIALTY_SPLIT_RE)
        elif match := _BLOCK_LICENSURE_RE.match(line):
            licensure += _items(match.group("x"), _LIST_SPLIT_RE)
    text = " ".join(lines)
    board: bool | None = None
    for match in _BOARD_RE.finditer(text):
        board = True
        specialties += _items(match.group("x"), _SPECIALTY_SPLIT_RE)
    for match in _PROSE_SUBSPECIALTY_RE.finditer(text):
        subspecialties += _items(match.group("x"), _SPECIALTY_SPLIT_RE)
    for match in _PROSE_LICENSURE_RE.finditer(text):
        licensure += _items(match.group("x"), _LIST_SPLIT_RE)
    return ReviewerCredentials(
        specialties=_unique(specialties),
        licensure=_unique(licensure),
        board_certified=board,
        subspecialties=_unique(subspecialties),
    )


def _items(text: str, splitter: re.Pattern[str]) -> list[str]:
    return [part.strip(" .") for part in splitter.split(text) if part.strip(" .")]


def _unique(values: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for value in values:
        seen.setdefault(value.lower(), value)
    return list(seen.values())
