"""Dates as letters write them ("11/6/2008", "3/21/94", "January 31, 2006") to ISO dates."""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
DATE_PATTERN = (
    r"(?:(?P<m>\d{1,2})[/-](?P<d>\d{1,2})[/-](?P<y>\d{4}|\d{2})(?!\d)"
    rf"|(?P<mn>{_MONTH_ALT})\.?\s+(?P<dn>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<yn>\d{{4}}))"
)
DATE_RE = re.compile(DATE_PATTERN, re.IGNORECASE)


def to_date(match: re.Match[str], *, today: dt.date | None = None) -> dt.date | None:
    """The date a DATE_PATTERN match names, or None when it is not a real calendar date.

    A two-digit year is the latest year not after `today`: injuries and reviews are in the past.
    """
    try:
        if match.group("m"):
            month, day, year = int(match.group("m")), int(match.group("d")), match.group("y")
        else:
            month = _MONTHS[match.group("mn").lower()]
            day, year = int(match.group("dn")), match.group("yn")
        full_year = int(year)
        if len(year) == 2:
            current = (today or dt.date.today()).year
            full_year = 2000 + full_year if 2000 + full_year <= current else 1900 + full_year
        return dt.date(full_year, month, day)
    except (ValueError, KeyError, IndexError):
        return None


def parse_date(text: str) -> dt.date | None:
    """The first date written in `text`, if any."""
    for match in DATE_RE.finditer(text):
        date = to_date(match)
        if date is not None:
            return date
    return None
