"""Rationale phrases: the {placeholders} a phrase may use and how they are filled."""

from __future__ import annotations

import string
from collections.abc import Mapping

PLACEHOLDERS: frozenset[str] = frozenset(
    {
        "requested",  # sessions or quantity requested
        "limit",  # the guideline's number
        "initial_limit",  # the initial course or trial within it
        "completed",  # sessions already completed
        "total",  # requested + completed
        "days",  # days of use so far
        "max_days",
        "frequency",  # requested visits per week
        "max_per_week",
        "weeks",  # requested weeks
        "max_weeks",
        "what",  # what was looked for, in words
        "found",  # what was found, quoted
        "elsewhere",  # what was found only of another side, limb or level, quoted (or empty)
        "records",  # the records searched
        "age",
        "min_age",
        "max_age",
        "age_over",
        "months",  # months since injury
        "min_months",
        "max_months",
        "generic",
        "ingredients",
        "service",
        "regions",
        "treatment",  # the requested treatment in words
        "parts",  # what a computed total is made of (e.g. each opioid's morphine equivalents)
        "prior",  # an earlier study of the same kind, quoted
        "count",  # how many different findings are documented
        "min_count",  # how many the guideline asks for
        "min_weeks",  # the weeks a course must have run first
        "dates",  # the dates of the tests counted
        "since",  # what a time window is counted from (the injury, or a body region's onset)
        "began",  # how long a course had run (days or weeks)
        "on",  # the governing date, as written in letters
        "supply",  # how the days a requested supply lasts were counted (refills, doses a day)
    }
)


def placeholders(template: str) -> set[str]:
    """The placeholder names a phrase uses (ValueError for a malformed phrase)."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


class _Missing(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "not documented"


def render(template: str, values: Mapping[str, object]) -> str:
    """Fill a phrase; a value the case does not have reads "not documented"."""
    text = {key: _text(value) for key, value in values.items() if value is not None}
    return template.format_map(_Missing(text))


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list | tuple | set):
        return ", ".join(str(v) for v in value)
    return str(value)
