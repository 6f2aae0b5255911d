"""The injured worker's age and sex, the date of injury and the UR date, from a case summary."""

from __future__ import annotations

import datetime as dt
import re

from imr.models.common import Sex, Worker
from imr.published.dates import DATE_PATTERN, to_date

_SEX_WORDS: dict[str, Sex] = {
    "male": "male",
    "man": "male",
    "gentleman": "male",
    "female": "female",
    "woman": "female",
    "lady": "female",
}
_SEX_ALT = "|".join(_SEX_WORDS)
_AGE_RE = re.compile(
    rf"\b(?P<age>\d{{1,3}})\s*[- ]?\s*(?:years?|yrs?\.?|y/o)(?:[- ]old)?\b(?:\s+|-)"
    rf"(?:(?:injured|white|black|hispanic|asian|right[- ]handed|left[- ]handed)\s+)*(?P<sex>{_SEX_ALT})?\b",
    re.IGNORECASE,
)
_SEX_RE = re.compile(rf"\b(?P<sex>{_SEX_ALT})\b", re.IGNORECASE)
_HE_RE = re.compile(r"\b(?:he|his|him)\b", re.IGNORECASE)
_SHE_RE = re.compile(r"\b(?:she|her|hers)\b", re.IGNORECASE)
_INJURY_RE = re.compile(
    r"\b(?:date\s+of\s+(?:injury|injuries|loss)\s*(?:of|on|was|is|:)?|DOI\s*(?:of|:)?"
    r"|injur(?:y|ies|ed)(?:\s+(?:occurred|at\s+work|while\s+working))?\s+(?:on|of|dated))"
    rf"\s*:?\s*(?:or\s+about\s+)?{DATE_PATTERN}",
    re.IGNORECASE,
)
_UR_AFTER_RE = re.compile(
    r"\b(?:utilization\s+review|UR)\b(?:\s*\(UR\))?[^.;]{0,80}?\b(?:dated|on|of)\s+" + DATE_PATTERN,
    re.IGNORECASE,
)
_UR_BEFORE_RE = re.compile(
    rf"\bOn\s+{DATE_PATTERN},?\s+(?:the\s+|a\s+)?(?:utilization\s+review|UR)\b", re.IGNORECASE
)


def worker_of(summary: str) -> Worker:
    """Age and sex as the summary states them ("a 46 year old male", "a female patient")."""
    age: int | None = None
    sex: Sex | None = None
    for match in _AGE_RE.finditer(summary):
        value = int(match.group("age"))
        if value <= 120:
            age = value
            if match.group("sex"):
                sex = _SEX_WORDS[match.group("sex").lower()]
            break
    if sex is None:
        found = _SEX_RE.search(summary)
        if found:
            sex = _SEX_WORDS[found.group("sex").lower()]
    if sex is None:
        # Pronouns decide only when the summary uses one gender's alone.
        he, she = bool(_HE_RE.search(summary)), bool(_SHE_RE.search(summary))
        if he != she:
            sex = "male" if he else "female"
    return Worker(age=age, sex=sex)


def date_of_injury(*texts: str) -> dt.date | None:
    """The first stated date of injury in the texts, tried in order."""
    return _first(_INJURY_RE, texts)


def ur_date(*texts: str) -> dt.date | None:
    """The date of the utilization review decision, as the summary states it."""
    for text in texts:
        found = [m for pattern in (_UR_BEFORE_RE, _UR_AFTER_RE) for m in pattern.finditer(text)]
        for match in sorted(found, key=lambda m: m.start()):
            date = to_date(match)
            if date is not None:
                return date
    return None


def _first(pattern: re.Pattern[str], texts: tuple[str, ...]) -> dt.date | None:
    for text in texts:
        for match in pattern.finditer(text):
            date = to_date(match)
            if date is not None:
                return date
    return None
