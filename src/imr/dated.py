"""Dated values, as OpenFisca parameters are: each value keyed by the date it takes effect.

A value is in force from its date until the day before the next one; the last runs on. A date
keyed to null ends what came before without replacing it (nothing is in force from then on).
In a pydantic model, ``Dated[X]`` validates ``{2009-07-18: X, 2016-07-28: X}``.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from typing import Any, Generic, TypeVar, get_args

from pydantic import GetCoreSchemaHandler
from pydantic_core import core_schema

T = TypeVar("T")

ONE_DAY = dt.timedelta(days=1)


class Dated(Generic[T]):
    """``{date it takes effect: value}``: `at(date)` is the value in force on that date."""

    __slots__ = ("_dates", "_values")

    def __init__(self, values: Mapping[dt.date, T | None]) -> None:
        dates = list(values)
        if not dates:
            raise ValueError("give at least one dated value (the date it takes effect: the value)")
        if dates != sorted(dates) or len(set(dates)) != len(dates):
            raise ValueError("dated values must be listed in order of the date they take effect")
        self._dates: tuple[dt.date, ...] = tuple(dates)
        self._values: tuple[T | None, ...] = tuple(values.values())

    def at(self, on: dt.date) -> T | None:
        """The value in force on `on` (None before the first date or after a null)."""
        position = bisect_right(self._dates, on)
        return self._values[position - 1] if position else None

    def periods(self) -> Iterator[tuple[dt.date, dt.date | None, T]]:
        """(first day, last day or None when it runs on, value) of every non-null value, in order."""
        for position, (start, value) in enumerate(zip(self._dates, self._values, strict=True)):
            if value is None:
                continue
            end = self._dates[position + 1] - ONE_DAY if position + 1 < len(self._dates) else None
            yield start, end, value

    def first(self) -> dt.date:
        return self._dates[0]

    def as_dict(self) -> dict[dt.date, T | None]:
        return dict(zip(self._dates, self._values, strict=True))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Dated) and self.as_dict() == other.as_dict()

    def __hash__(self) -> int:
        return hash(self._dates)

    def __repr__(self) -> str:
        return f"Dated({self.as_dict()!r})"

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        (item,) = get_args(source) or (Any,)
        mapping = handler.generate_schema(dict[dt.date, item | None])  # type: ignore[valid-type]
        return core_schema.no_info_after_validator_function(
            cls,
            mapping,
            serialization=core_schema.plain_serializer_function_ser_schema(lambda value: value.as_dict()),
        )
