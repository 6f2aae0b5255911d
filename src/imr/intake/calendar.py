"""Business days for IMR clocks: no weekends, no California state (CalHR) holidays.

Holiday dates come from the `holidays` package (``holidays.US(subdiv="CA")``), kept only when their name is
on the CalHR list in knowledge/procedure/calendar.yaml and moved by the CalHR observance rule (Sunday →
Monday; Saturday → Friday only for the days listed). The YAML explains which package holidays are left out
(Susan B. Anthony Day, Juneteenth, Diwali) and why.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import holidays

from imr.errors import KnowledgeBaseError
from imr.knowledge import load_knowledge
from imr.knowledge.procedure import CalendarData

_ONE_DAY = dt.timedelta(days=1)
_SATURDAY, _SUNDAY = 5, 6


@cache
def state_holidays(year: int) -> dict[dt.date, str]:
    """California state holidays (as observed, weekdays only) in `year`, with their names."""
    data = _calendar()
    wanted = set(data.state_holidays)
    saturday_to_friday = set(data.observed.saturday_to_friday)
    out: dict[dt.date, str] = {}
    for day, names in holidays.country_holidays("US", subdiv="CA", years=year, observed=False).items():
        for name in names.split("; "):
            if name not in wanted:
                continue
            observed = day
            if day.weekday() == _SUNDAY and data.observed.sunday_to_monday:
                observed = day + _ONE_DAY
            elif day.weekday() == _SATURDAY:
                if name not in saturday_to_friday:
                    continue  # CalHR: holiday credit, offices open on Friday
                observed = day - _ONE_DAY
            label = name if observed == day else f"{name} (observed)"
            out[observed] = f"{out[observed]}; {label}" if observed in out else label
    for extra in data.extra_closures:
        if extra.date.year == year:
            out[extra.date] = extra.name
    return dict(sorted(out.items()))


@cache
def _calendar() -> CalendarData:
    """calendar.yaml, its holiday names checked once against the holidays package."""
    data = load_knowledge().procedure.calendar
    _check_names(data)
    return data


def _check_names(data: CalendarData) -> None:
    """Every holiday name in calendar.yaml must be one the package gives, or it would silently never match."""
    known: set[str] = set()
    for year in (2014, 2026):
        for names in holidays.country_holidays("US", subdiv="CA", years=year, observed=False).values():
            known.update(names.split("; "))
    for name in [*data.state_holidays, *data.observed.saturday_to_friday]:
        if name not in known:
            raise KnowledgeBaseError(
                f"holiday {name!r} is not a name the holidays package gives for California "
                f"(expected one of {sorted(known)})",
                file="procedure/calendar.yaml",
                key="state_holidays",
            )


@cache
def _weekend() -> frozenset[int]:
    return frozenset(_calendar().weekend)


def is_business_day(day: dt.date) -> bool:
    """True unless `day` is a Saturday, a Sunday or an observed California state holiday."""
    return day.weekday() not in _weekend() and day not in state_holidays(day.year)


def add_business_days(start: dt.date, n: int) -> dt.date:
    """The `n`th business day after `start` (before it when `n` is negative); `start` itself is day 0.

    `start` need not be a business day: a clock started on a Saturday ends on the same day as one started
    on the Friday before, counting forward.
    """
    step = _ONE_DAY if n >= 0 else -_ONE_DAY
    day = start
    remaining = abs(n)
    while remaining:
        day += step
        if is_business_day(day):
            remaining -= 1
    return day


def next_business_day(day: dt.date) -> dt.date:
    """`day` itself when it is a business day, else the first business day after it."""
    while not is_business_day(day):
        day += _ONE_DAY
    return day


def business_days_between(start: dt.date, end: dt.date) -> int:
    """How many business days lie after `start` up to and including `end` (negative if `end` < `start`)."""
    if end < start:
        return -business_days_between(end, start)
    count = 0
    day = start
    while day < end:
        day += _ONE_DAY
        count += is_business_day(day)
    return count


def holidays_between(start: dt.date, end: dt.date) -> list[dt.date]:
    """Observed state holidays after `start` up to and including `end`, that fell on weekdays."""
    found: list[dt.date] = []
    for year in range(start.year, end.year + 1):
        found.extend(d for d in state_holidays(year) if start < d <= end)
    return found
