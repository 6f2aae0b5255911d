"""How much of a service is asked for: sessions, times a week, weeks, days and hours.

Runs on the lower-cased request with number words already written as digits. Each reading masks the
text it used, so "2 x week x 4 weeks" is read once as a frequency and once as weeks, never as sessions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from imr.items.clean import mask, show_number
from imr.items.regions import LEVEL

_NUM = r"\d+(?:\.\d+)?"
_RANGE = rf"(?<![\w.\-/])(?P<a>{_NUM})(?:\s*(?:-|to|or)\s*(?P<b>{_NUM}))?"
# a duration may follow an "x" written against it: "HELP program x10 days", "x160 hours"
_X_RANGE = rf"(?:(?<![\w.\-/])|(?<=(?<![\w.\-/])x))(?P<a>{_NUM})(?:\s*(?:-|to|or)\s*(?P<b>{_NUM}))?"
_WEEK = r"(?:weeks?|wks?)\b"
_PER = r"\s*(?:a|per|/|each|every|in\s+a)?\s*"
_UNIT_WORDS = (
    r"(?:sessions?|visits?|treatments?|tx|appointments?|classes|injections?|blocks?"
    r"|consultations?|evaluations?)"
)

_FREQ_WEEKS = re.compile(rf"(?<![\w.\-/])(?P<f>\d)\s*x\s*(?P<w>\d{{1,2}})\s*-?\s*{_WEEK}")
_FREQ = [
    re.compile(rf"{_RANGE}\s*(?:x|times?|{_UNIT_WORDS}){_PER}{_WEEK}"),
    re.compile(rf"{_RANGE}\s*(?:x|times?)?\s*(?:/|per)\s*{_WEEK}"),
    re.compile(rf"{_RANGE}\s*(?:x|times?)\s*weekly\b"),
]
_FREQ_WORDS = [
    (re.compile(r"\bonce\s+or\s+twice\s+(?:a\s+|per\s+|each\s+|every\s+)?(?:week|wk)\b"), (1.0, 2.0)),
    (re.compile(r"\btwice\s+(?:a\s+|per\s+|each\s+|every\s+)?(?:week|wk)\b|\btwice\s+weekly\b"), (2.0, None)),
    (re.compile(r"\bthrice\s+(?:a\s+|per\s+)?(?:week|wk)\b|\bthrice\s+weekly\b"), (3.0, None)),
    (re.compile(r"\bevery\s+other\s+week\b|\bbi-?weekly\b"), (0.5, None)),
    (
        re.compile(r"\bonce\s+(?:a\s+|per\s+|each\s+|every\s+)?(?:week|wk)\b|\bonce\s+weekly\b|\bweekly\b"),
        (1.0, None),
    ),
]
# "follow-up in 4-6 weeks" says when, not for how long
_WEEKS = re.compile(rf"(?<!\bin\s)(?<!within\s){_RANGE}\s*-?\s*{_WEEK}")
_MONTHS = re.compile(rf"{_RANGE}\s*-?\s*(?:months?|mos?)\b")
# "monthly x 6 months", "once a month for 12 months": one a month, so as many as the months
_MONTHLY = re.compile(
    r"\bmonthly\b|\b(?:once\s+)?(?:a|per|each|every)\s+month\b|\bonce\s+monthly\b|\bq\.?\s*(?:1\s*)?mo(?:nth)?\b"
    r"|\b1\s*x\s*/?\s*(?:a\s+|per\s+)?month\b"
)
# "2x/month x 6 months", "twice a month for 6 months": that many a month, so that many times the months
_PER_MONTH = re.compile(
    r"\b(?:(?P<n>[2-9])\s*(?:x|times)|(?P<twice>twice))\s*/?\s*(?:a\s+|per\s+|each\s+|every\s+)?(?:month|mo)\b"
    r"|\btwice\s*monthly\b"
)
_BARE = re.compile(
    r"(?<![\w.\-/])(?P<f>\d)\s*x\s*(?P<w>\d{1,2})"
    r"(?![\w.]|\s*[-/]|\s+(?:sessions?|visits?|days?|hours?|hrs?|months?|treatments?|injections?|units?)\b)"
)
_HOURS_PER_WEEK = re.compile(rf"{_RANGE}\s*(?:hours?|hrs?|h){_PER}{_WEEK}")
_HOURS_PER_DAY = re.compile(rf"{_RANGE}\s*(?:hours?|hrs?|h){_PER}(?:day|d)\b")
_DAYS_PER_WEEK = re.compile(rf"{_RANGE}\s*days?{_PER}{_WEEK}")
_HOURS = re.compile(rf"{_X_RANGE}\s*(?:hours?|hrs?)\b")
_DAYS = re.compile(rf"{_X_RANGE}\s*-?\s*days?\b")
_SESSIONS = [
    re.compile(rf"{_RANGE}\s*(?:[a-z][\w'/]*\s+){{0,3}}?{_UNIT_WORDS}\b"),
    re.compile(r"(?:#|\bqty\.?:?|\bquantity:?|\bnumber\s+of\s+(?:sessions|visits):?)\s*(?P<a>\d+)\b"),
    re.compile(
        rf"\b{_UNIT_WORDS}\s*(?:x|:|#|of)?\s*(?P<a>\d+)\b(?!\s*(?:x|/|{_WEEK}|days?|months?|hours?|per|times))"
    ),
    re.compile(
        r"(?:\bx|\btimes|\bquantity\s+of)\s*(?P<a>\d+)\b"
        rf"(?!\.\d|\s*(?:x|/|-|{_WEEK}|days?|months?|mos?|hours?|hrs?|years?|per|a\s+week))"
    ),
    # "1 MRI of the lumbar spine", "2 trigger point injections": a count that opens the request
    re.compile(r"^\s*(?P<a>\d{1,3})\s+(?=[a-z])(?!(?:x|times?|mg|mcg|ml|views?)\b)"),
]


@dataclass
class Counts:
    """What a service request says about amount; `notes` go to the item's modifiers."""

    sessions: int | None = None
    frequency_per_week: float | None = None
    weeks: float | None = None
    days: int | None = None
    hours: float | None = None
    hours_per_week: float | None = None
    notes: list[str] = field(default_factory=list)


class _Reader:
    """Masks what it has read so that one span is read once."""

    def __init__(self, text: str) -> None:
        # Spinal levels ("L4-5", "C5/6") are masked first so their digits are never counts.
        self.text = LEVEL.sub(lambda m: " " * len(m.group()), text)

    def take(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        match = pattern.search(self.text)
        if match is not None:
            self.text = mask(self.text, *match.span())
        return match


def _upper(match: re.Match[str], what: str, notes: list[str]) -> float:
    """The upper bound of "a-b", noting that the upper bound was used."""
    low = float(match.group("a"))
    high = match.groupdict().get("b")
    if high is None:
        return low
    notes.append(f"{what}_upper_bound:{show_number(low)}-{show_number(float(high))}")
    return max(low, float(high))


def read_counts(text: str) -> Counts:
    """Sessions, frequency, weeks, days and hours stated in a service request."""
    counts = Counts()
    reader = _Reader(text)
    both = reader.take(_FREQ_WEEKS)
    if both is not None:
        counts.frequency_per_week = float(both.group("f"))
        counts.weeks = float(both.group("w"))
    if counts.frequency_per_week is None:
        _read_frequency(reader, counts)
    if counts.weeks is None and (weeks := reader.take(_WEEKS)) is not None:
        counts.weeks = _upper(weeks, "weeks", counts.notes)
    per_month = reader.take(_PER_MONTH)
    monthly = reader.take(_MONTHLY) if per_month is None else None
    duration_months: float | None = None
    if (months := reader.take(_MONTHS)) is not None:
        duration_months = _upper(months, "months", counts.notes)
        counts.notes.append(f"duration_months:{show_number(duration_months)}")
    if counts.frequency_per_week is None and counts.weeks is None and (bare := reader.take(_BARE)):
        counts.frequency_per_week = float(bare.group("f"))
        counts.weeks = float(bare.group("w"))
    _read_hours(reader, counts)
    if (days := reader.take(_DAYS)) is not None:
        counts.days = int(_upper(days, "days", counts.notes))
    for pattern in _SESSIONS:
        match = reader.take(pattern)
        if match is not None:
            counts.sessions = int(_upper(match, "sessions", counts.notes))
            break
    if counts.sessions is None and monthly is not None and duration_months is not None:
        counts.sessions = int(duration_months)
    if counts.sessions is None and per_month is not None and duration_months is not None:
        counts.sessions = int((int(per_month.group("n")) if per_month.group("n") else 2) * duration_months)
    _check_total(counts)
    return counts


def _read_frequency(reader: _Reader, counts: Counts) -> None:
    for pattern in _FREQ:
        match = reader.take(pattern)
        if match is not None:
            counts.frequency_per_week = _upper(match, "frequency", counts.notes)
            return
    for pattern, (low, high) in _FREQ_WORDS:
        if reader.take(pattern) is not None:
            counts.frequency_per_week = high if high is not None else low
            if high is not None:
                counts.notes.append(f"frequency_upper_bound:{show_number(low)}-{show_number(high)}")
            return


def _read_hours(reader: _Reader, counts: Counts) -> None:
    if (per_week := reader.take(_HOURS_PER_WEEK)) is not None:
        counts.hours_per_week = _upper(per_week, "hours", counts.notes)
    per_day = reader.take(_HOURS_PER_DAY)
    days_per_week = reader.take(_DAYS_PER_WEEK)
    if per_day is not None:
        daily = _upper(per_day, "hours", counts.notes)
        if days_per_week is not None and counts.hours_per_week is None:
            counts.hours_per_week = daily * _upper(days_per_week, "days", counts.notes)
        else:
            counts.notes.append(f"hours_per_day:{show_number(daily)}")
    elif days_per_week is not None and counts.frequency_per_week is None:
        counts.frequency_per_week = _upper(days_per_week, "frequency", counts.notes)
    if (hours := reader.take(_HOURS)) is not None:
        counts.hours = _upper(hours, "hours", counts.notes)


def _check_total(counts: Counts) -> None:
    """Sessions from frequency x weeks when not stated; an explicit count that disagrees is kept and noted."""
    if counts.frequency_per_week is None or counts.weeks is None:
        return
    derived = counts.frequency_per_week * counts.weeks
    if counts.sessions is None:
        if derived == int(derived):
            counts.sessions = int(derived)
        return
    if counts.sessions != derived:
        counts.notes.append(f"count_conflict:{counts.sessions}_vs_{show_number(derived)}")
