"""Dates as records write them: 2/25/2015, 3/13/15, 2015-02-25, May 6, 2015, December 2014."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from imr.text.scan import Scan
from imr.text.tokens import Tokens

_MONTHS = {
    name: number
    for number in range(1, 13)
    for name in {calendar.month_name[number].lower(), calendar.month_abbr[number].lower()}
}
_MONTHS["sept"] = 9
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))

DATE = re.compile(
    r"(?<![\d/.])(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\d/])"
    r"|\b(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})\b"
    rf"|\b(?P<mn>{_MONTH})\.?\s+(?:(?P<md>\d{{1,2}})(?:st|nd|rd|th)?,?\s+)?(?P<my>\d{{4}})\b"
)

# a date starts with a digit or a month's name: tried there only
_DATE_SCAN = Scan(DATE, by_words=True)


@dataclass(frozen=True, slots=True)
class WrittenDate:
    """A date from the text; ``precision`` is "day" or "month" ("December 2014")."""

    start: int
    end: int
    date: dt.date
    precision: str

    def latest(self) -> dt.date:
        """The last day the written date can mean (a month's last day for "December 2014")."""
        if self.precision == "month":
            last = calendar.monthrange(self.date.year, self.date.month)[1]
            return self.date.replace(day=last)
        return self.date

    def iso(self) -> str:
        return self.date.isoformat() if self.precision == "day" else self.date.strftime("%Y-%m")

    @classmethod
    def of_iso(cls, text: str, start: int = 0, end: int = 0) -> WrittenDate:
        """The date `iso()` wrote: "2014-12" is a month, "2014-12-05" a day."""
        if len(text) == len("yyyy-mm"):
            return cls(start, end, dt.date.fromisoformat(f"{text}-01"), "month")
        return cls(start, end, dt.date.fromisoformat(text), "day")


def _year(text: str, pivot: int) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year <= pivot else 1900
    return year


def find_dates(
    low: str, start: int = 0, end: int | None = None, *, pivot: int, tokens: Tokens | None = None
) -> list[WrittenDate]:
    """Every parseable date in ``low[start:end]`` (impossible dates such as 2/30/2015 are skipped);
    two-digit years up to `pivot` are 20xx, the others 19xx. `tokens`: the words of the whole of
    `low`, to look for dates faster."""
    out: list[WrittenDate] = []
    stop = len(low) if end is None else end
    whole = tokens is not None and start == 0 and stop == len(low)
    for m in _DATE_SCAN.finditer(low, tokens) if whole else DATE.finditer(low, start, stop):
        try:
            if m.group("m"):
                date = dt.date(_year(m.group("y"), pivot), int(m.group("m")), int(m.group("d")))
                out.append(WrittenDate(m.start(), m.end(), date, "day"))
            elif m.group("iy"):
                date = dt.date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
                out.append(WrittenDate(m.start(), m.end(), date, "day"))
            else:
                month = _MONTHS[m.group("mn")]
                day = m.group("md")
                date = dt.date(int(m.group("my")), month, int(day) if day else 1)
                out.append(WrittenDate(m.start(), m.end(), date, "day" if day else "month"))
        except ValueError:
            continue
    return out


_MONTH_YEAR = re.compile(r"(?<![\d/.])(?P<m>\d{1,2})/(?P<y>(?:19|20)\d{2})(?![\d/])")
# A year alone; a hyphen may join it to a word or to another year ("mid-2012", "2013-2014"), never
# to other digits (a claim or phone number).
_YEAR = re.compile(
    r"(?:(?<![\d/.\-$#])|(?<=[a-z]-)|(?<=(?:19|20)\d\d-))(?P<y>(?:19|20)\d{2})"
    r"(?![\d/]|\.\d|-(?!(?:19|20)\d\d\b)|\s*(?:mg|mcg|ml|units?|sessions?|visits?)\b)"
)

# "early 2014", "mid-2012", "summer 2014": the last month that part of the year can mean.
_PART_LAST_MONTH = {"early": 4, "spring": 6, "mid": 8, "summer": 9, "fall": 11, "autumn": 11, "late": 12}
_PART_OF_YEAR = re.compile(r"\b(" + "|".join(_PART_LAST_MONTH) + r")(?:\s+of)?[\s\-]*$")


def find_loose_dates(low: str, start: int = 0, end: int | None = None, *, pivot: int) -> list[WrittenDate]:
    """Dates as in `find_dates`, plus a month and year ("3/2014") and a year alone ("in 2012"), each
    as the last day it can mean, for telling how long ago something happened."""
    stop = len(low) if end is None else end
    found = find_dates(low, start, stop, pivot=pivot)
    taken = [(d.start, d.end) for d in found]

    def free(s: int, e: int) -> bool:
        return not any(s < te and ts < e for ts, te in taken)

    for m in _MONTH_YEAR.finditer(low, start, stop):
        month = int(m.group("m"))
        if 1 <= month <= 12 and free(*m.span()):
            found.append(WrittenDate(m.start(), m.end(), dt.date(int(m.group("y")), month, 1), "month"))
            taken.append(m.span())
    for m in _YEAR.finditer(low, start, stop):
        if free(*m.span()):
            part = _PART_OF_YEAR.search(low, max(start, m.start() - 12), m.start())
            last = _PART_LAST_MONTH[part.group(1)] if part else 12
            found.append(WrittenDate(m.start(), m.end(), dt.date(int(m.group("y")), last, 1), "month"))
    return sorted(found, key=lambda d: d.start)


_AGO_COUNT = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "a few": 2,
    "few": 2,
    "a couple of": 2,
    "a couple": 2,
    "several": 3,
    "many": 5,
}
_AGO = re.compile(
    r"\b(?P<n>\d{1,2}|" + "|".join(sorted(_AGO_COUNT, key=len, reverse=True)) + r")?\s*"
    r"(?P<unit>years?|yrs?|months?|mos?)\s+ago\b"
)


def time_ago(low: str, on: dt.date) -> dt.date | None:
    """The latest date a phrase like "2 years ago", "several months ago" or "years ago" in `low`
    points to, counted back from `on` (a bare "years ago" counts as two years); None without one."""
    found: list[dt.date] = []
    for m in _AGO.finditer(low):
        n = m.group("n")
        count = (
            int(n) if n and n.isdigit() else _AGO_COUNT.get(n or "", 2 if m.group("unit")[0] == "y" else 1)
        )
        months = count * 12 if m.group("unit").startswith("y") else count
        total = on.year * 12 + on.month - 1 - months
        found.append(dt.date(total // 12, total % 12 + 1, 1))
    return max(found) if found else None


# "2 months s/p Synvisc-One", "6 weeks post injection", "three months after the ESI": the time since
# what the phrase goes on to name, written right before its mention
_AFTER = re.compile(
    r"\b(?P<n>\d{1,2}|" + "|".join(sorted(_AGO_COUNT, key=len, reverse=True)) + r")\s*"
    r"(?P<unit>years?|yrs?|months?|mos?|weeks?|wks?)\s+(?:s/p|status post|post|after|following)\s+"
    r"(?:(?:the|his|her|a|an|last|prior|previous|first|second|initial|recent)\s+)?$"
)


def time_after(before: str, on: dt.date) -> dt.date | None:
    """When a thing happened whose mention follows a count of time since it ("2 months s/p Synvisc",
    "6 weeks post injection"): `before` is the text right before the mention, lower-cased, counted
    back from `on`; None without one."""
    m = _AFTER.search(before)
    if m is None:
        return None
    n = m.group("n")
    count = int(n) if n.isdigit() else _AGO_COUNT.get(n, 1)
    unit = m.group("unit")
    if unit.startswith("w"):
        return on - dt.timedelta(weeks=count)
    months = count * 12 if unit.startswith("y") else count
    total = on.year * 12 + on.month - 1 - months
    return dt.date(total // 12, total % 12 + 1, 1)


_FOR = re.compile(
    r"\b(?:for|in the (?:past|last)|over the (?:past|last))\s+(?:about\s+|over\s+|almost\s+)?(?P<n>\d{1,2}|"
    + "|".join(sorted(_AGO_COUNT, key=len, reverse=True))
    + r")\s*(?P<unit>years?|yrs?|months?|mos?)\b"
)


def time_without(low: str, on: dt.date) -> dt.date | None:
    """For a use that stopped: when it last was, from how long it has not been used ("off Norco for
    2 years", "no acupuncture in the past 3 years"), counted back from `on`; None without one."""
    found: list[dt.date] = []
    for m in _FOR.finditer(low):
        n = m.group("n")
        count = int(n) if n.isdigit() else _AGO_COUNT.get(n, 1)
        months = count * 12 if m.group("unit").startswith("y") else count
        total = on.year * 12 + on.month - 1 - months
        found.append(dt.date(total // 12, total % 12 + 1, 1))
    return max(found) if found else None


# A month named without its year after a word that dates something by it ("a trial in April", "last March")
_BARE_MONTH = re.compile(
    rf"\b(?:in|during|since|from|through|last|early|late|mid)[\s\-]+(?P<mn>{_MONTH})\b\.?(?!\s*\d)"
)


def bare_months(low: str, recorded: dt.date) -> list[dt.date]:
    """The last day of each month a clause names without a year ("completed a trial in April"), taken as
    the latest such month not after `recorded` (the date of the record that writes it)."""
    out: list[dt.date] = []
    for m in _BARE_MONTH.finditer(low):
        month = _MONTHS[m.group("mn")]
        year = recorded.year if month <= recorded.month else recorded.year - 1
        out.append(dt.date(year, month, calendar.monthrange(year, month)[1]))
    return out
