"""vocab/mme.yaml: morphine milligram equivalent conversion factors, dated by the table in force,
and the sig words that say how many doses a day are taken."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from imr.knowledge.nlp import Data, Text


class MmeTable(Data):
    """One conversion table: oral mg of a generic to oral morphine mg; patches per mcg/hr."""

    effective: dt.date
    source: Text
    url: Text | None = None
    factors: dict[str, float] = Field(min_length=1)
    patch_factors: dict[str, float] = Field(default_factory=dict)


class MmeFile(Data):
    """The conversion tables (the one in force on a date applies) and how a sig is read."""

    days_supply: int = Field(gt=0)
    frequencies: dict[str, float] = Field(min_length=1)
    tables: list[MmeTable] = Field(min_length=1)

    def table(self, on: dt.date | None) -> MmeTable:
        """The table in force on `on` (the earliest one before any; the latest when no date)."""
        ordered = sorted(self.tables, key=lambda t: t.effective)
        if on is None:
            return ordered[-1]
        current = [t for t in ordered if t.effective <= on]
        return current[-1] if current else ordered[0]
