"""Dated values, as OpenFisca parameters are: each value keyed by the date it takes effect.

A value is in force from its date until the day before the next one; the last runs on. A date
keyed to null ends what came before without replacing it (nothing is in force from then on).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterator
from typing import Generic, TypeVar

from pydantic import ConfigDict, RootModel, model_validator

T = TypeVar("T")

ONE_DAY = dt.timedelta(days=1)


class Dated(RootModel[dict[dt.date, T | None]], Generic[T]):
    """``{2009-07-18: value, 2016-07-28: value}``: `at(date)` is the value in force on that date."""

    model_config = ConfigDict(frozen=True)

    @model_validator(mode="after")
    def _in_date_order(self) -> Dated[T]:
        dates = list(self.root)
        if not dates:
            raise ValueError("give at least one dated value (date it takes effect: value)")
        if dates != sorted(dates):
            raise ValueError("dated values must be listed in order of the date they take effect")
        return self

    def at(self, on: dt.date) -> T | None:
        """The value in force on `on` (None before the first date or after a null)."""
        dates = list(self.root)
        position = bisect_right(dates, on)
        return self.root[dates[position - 1]] if position else None

    def periods(self) -> Iterator[tuple[dt.date, dt.date | None, T]]:
        """(first day, last day or None when it runs on, value) of every non-null value, in order."""
        dates = list(self.root)
        for position, start in enumerate(dates):
            value = self.root[start]
            if value is None:
                continue
            end = dates[position + 1] - ONE_DAY if position + 1 < len(dates) else None
            yield start, end, value

    def first(self) -> dt.date:
        return next(iter(self.root))
