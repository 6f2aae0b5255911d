"""Uphold rates with their intervals, by group, over decided items from any source: the stored
determinations of the service or parsed published letters; and turnaround against the deadline."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable, Iterable, Sequence

from pydantic import BaseModel, Field

from imr.analytics.interval import wilson_interval
from imr.analytics.letter_stats import UNKNOWN_SPECIALTY, guideline_key
from imr.analytics.treatment_kind import treatment_kind
from imr.knowledge import Knowledge
from imr.models.common import Decision
from imr.models.letter import PublishedLetter

NOT_STATED = "(not stated)"
OTHER_GROUPS = "other"


class DecidedItem(BaseModel):
    """One decided item, as the charts group it."""

    request: str
    decision: Decision
    treatment_kind: str
    guidelines: list[str] = Field(default_factory=list)  # "MTUS Chronic Pain Medical Treatment Guidelines"
    specialties: list[str] = Field(default_factory=list)
    month: str | None = None  # "2015-04"


class GroupRate(BaseModel):
    """Items of one group: how many were upheld, the share, and its 95% Wilson interval."""

    name: str
    items: int
    upheld: int
    rate: float | None
    ci_low: float | None
    ci_high: float | None


class Turnaround(BaseModel):
    """One issued case against its statutory decision deadline."""

    case_id: str
    track: str  # regular, expedited, formulary
    received: dt.date
    due: dt.date
    issued: dt.date

    @property
    def days_taken(self) -> int:
        return (self.issued - self.received).days

    @property
    def days_allowed(self) -> int:
        return (self.due - self.received).days

    @property
    def days_early(self) -> int:
        """Days before the deadline it was issued (negative: late)."""
        return (self.due - self.issued).days

    @property
    def on_time(self) -> bool:
        return self.issued <= self.due


class TurnaroundSummary(BaseModel):
    cases: int
    on_time: GroupRate  # "upheld" counts the cases issued on time
    median_days_taken: float | None
    median_days_allowed: float | None


class Report(BaseModel):
    """Everything the analytics page and `imr letters stats --html` chart."""

    title: str
    source: str
    month_basis: str
    overall: GroupRate
    by_treatment_kind: list[GroupRate]
    by_guideline: list[GroupRate]
    by_specialty: list[GroupRate]
    by_month: list[GroupRate]
    turnaround: list[Turnaround] = Field(default_factory=list)
    turnaround_summary: TurnaroundSummary | None = None


def group_rate(name: str, upheld: int, items: int) -> GroupRate:
    interval = wilson_interval(upheld, items)
    return GroupRate(
        name=name,
        items=items,
        upheld=upheld,
        rate=upheld / items if items else None,
        ci_low=interval[0] if interval else None,
        ci_high=interval[1] if interval else None,
    )


def rates_by(
    items: Iterable[DecidedItem], keys: Callable[[DecidedItem], Iterable[str]], *, limit: int | None = 12
) -> list[GroupRate]:
    """The uphold rate of each group (an item counts once in each of its groups), largest first;
    beyond `limit` groups the rest are pooled as "other"."""
    counts: dict[str, list[int]] = {}
    for item in items:
        for key in dict.fromkeys(keys(item)):
            tally = counts.setdefault(key, [0, 0])
            tally[0] += item.decision is Decision.UPHELD
            tally[1] += 1
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1][1], kv[0]))
    shown = ordered if limit is None or len(ordered) <= limit else ordered[: limit - 1]
    rest = ordered[len(shown) :]
    rates = [group_rate(name, upheld, n) for name, (upheld, n) in shown]
    if rest:
        rates.append(
            group_rate(
                f"{OTHER_GROUPS} ({len(rest)} groups)", sum(t[0] for _, t in rest), sum(t[1] for _, t in rest)
            )
        )
    return rates


def report(
    items: Sequence[DecidedItem],
    *,
    title: str,
    source: str,
    month_basis: str,
    turnaround: Sequence[Turnaround] = (),
) -> Report:
    """The rates by treatment kind, guideline, reviewer specialty and month, and the turnaround."""
    upheld = sum(item.decision is Decision.UPHELD for item in items)
    months = rates_by(items, lambda i: [i.month] if i.month else [], limit=None)
    return Report(
        title=title,
        source=source,
        month_basis=month_basis,
        overall=group_rate("all items", upheld, len(items)),
        by_treatment_kind=rates_by(items, lambda i: [i.treatment_kind]),
        by_guideline=rates_by(items, lambda i: i.guidelines or [NOT_STATED]),
        by_specialty=rates_by(items, lambda i: i.specialties or [UNKNOWN_SPECIALTY]),
        by_month=sorted(months, key=lambda r: r.name),
        turnaround=list(turnaround),
        turnaround_summary=summarise_turnaround(turnaround) if turnaround else None,
    )


def summarise_turnaround(cases: Sequence[Turnaround]) -> TurnaroundSummary:
    on_time = sum(case.on_time for case in cases)
    return TurnaroundSummary(
        cases=len(cases),
        on_time=group_rate("issued by the deadline", on_time, len(cases)),
        median_days_taken=statistics.median(c.days_taken for c in cases) if cases else None,
        median_days_allowed=statistics.median(c.days_allowed for c in cases) if cases else None,
    )


def decided_from_letters(letters: Iterable[PublishedLetter], knowledge: Knowledge) -> list[DecidedItem]:
    """Parsed published letters as decided items; their month is the UR decision's (the letters
    carry no issue date)."""
    out: list[DecidedItem] = []
    for letter in letters:
        month = letter.ur_date.strftime("%Y-%m") if letter.ur_date else None
        for item in letter.items:
            out.append(
                DecidedItem(
                    request=item.request,
                    decision=item.decision,
                    treatment_kind=treatment_kind(item.request, knowledge),
                    guidelines=list(dict.fromkeys(guideline_key(c) for c in item.citations)),
                    specialties=list(letter.reviewer.specialties),
                    month=month,
                )
            )
    return out
