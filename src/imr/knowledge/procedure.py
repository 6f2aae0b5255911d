"""The IMR procedure data (procedure/*.yaml, vocab/specialties.yaml): clocks, eligibility rules,
business calendar, reviewer qualification and conflicts, and which specialties fit which items."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from imr.dated import Dated
from imr.models.common import ClockUnit, RuleStatus

Track = Literal["regular", "formulary", "expedited"]


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class ClockEdition(_Data):
    """A clock as in force from the date it is keyed by."""

    amount: int = Field(ge=0)
    unit: ClockUnit
    extend_to_business_day: bool
    citation: str
    status: RuleStatus
    source: str
    note: str | None = None


class Clock(_Data):
    """A procedure clock and its editions."""

    title: str
    starts: str
    editions: Dated[ClockEdition]

    def edition_on(self, day: dt.date) -> ClockEdition | None:
        """The edition in force on `day`, if any."""
        return self.editions.at(day)


class DeadlineSettings(_Data):
    """Operational policy (not law)."""

    at_risk_days: dict[Track, int]


class DeadlineData(_Data):
    clocks: dict[str, Clock]
    settings: DeadlineSettings


class KindSpelling(_Data):
    spellings: list[str]
    reason: str
    citation: str
    status: RuleStatus


class EligibilityRule(_Data):
    """One eligibility rule's authority and parameters (only the ones the rule uses are set)."""

    title: str
    citation: str
    status: RuleStatus
    source: str | None = None
    allowed_signers: list[str] | None = None
    clock: str | None = None
    disputable_kinds: dict[str, list[str]] | None = None
    ineligible_kinds: dict[str, KindSpelling] | None = None
    injury_on_or_after: dt.date | None = None
    ur_decision_on_or_after: dt.date | None = None


class EligibilityData(_Data):
    rules: dict[str, EligibilityRule]


class Observance(_Data):
    sunday_to_monday: bool
    saturday_to_friday: list[str]


class ExtraClosure(_Data):
    date: dt.date
    name: str
    citation: str


class CalendarData(_Data):
    source: str
    status: RuleStatus
    citation: str
    weekend: list[int]
    state_holidays: list[str] = Field(min_length=1)
    observed: Observance
    extra_closures: list[ExtraClosure]


class FitWeights(_Data):
    preferred: float = Field(gt=0)
    accepted: float = Field(gt=0)


class SpecialtyDef(_Data):
    label: str
    aliases: list[str] = Field(default_factory=list)


class FitLists(_Data):
    """Specialty ids or group names that fit an item, preferred first."""

    preferred: list[str] = Field(min_length=1)
    accepted: list[str] = Field(default_factory=list)


class SpecialtyMap(_Data):
    fit: FitWeights
    specialties: dict[str, SpecialtyDef]
    groups: dict[str, list[str]]
    services: dict[str, FitLists]
    drug_classes: dict[str, FitLists]
    kinds: dict[str, FitLists]
    default: FitLists

    def expand(self, names: list[str]) -> list[str]:
        """Group names replaced by their specialty ids, order kept, duplicates dropped."""
        out: list[str] = []
        for name in names:
            for specialty in self.groups.get(name, [name]):
                if specialty not in out:
                    out.append(specialty)
        return out


class Threshold(_Data):
    """A lower bound: strictly more than, or at least, a number."""

    more_than: int | None = None
    at_least: int | None = None

    @model_validator(mode="after")
    def _one_bound(self) -> Threshold:
        if (self.more_than is None) == (self.at_least is None):
            raise ValueError("give exactly one of more_than, at_least")
        return self

    def admits(self, value: int) -> bool:
        return value > self.more_than if self.more_than is not None else value >= (self.at_least or 0)

    def describe(self) -> str:
        return f"more than {self.more_than}" if self.more_than is not None else f"at least {self.at_least}"


class Qualification(_Data):
    years_in_practice: Threshold
    hours_per_week_active: Threshold
    citation: str
    status: RuleStatus


class Licensure(_Data):
    preferred_state: str
    spellings: list[str] = Field(min_length=1)
    status: RuleStatus


class ConflictRules(_Data):
    citation: str
    status: RuleStatus
    name_match_threshold: float = Field(gt=0, le=100)
    subset_min_words: int = Field(ge=1)
    ignore_words: list[str]


class PriorReviewRule(_Data):
    citation: str
    status: RuleStatus


class ReviewerRules(_Data):
    qualification: Qualification
    licensure: Licensure
    conflicts: ConflictRules
    prior_review: PriorReviewRule


class Procedure(_Data):
    """Everything the intake, deadline and assignment steps read from data."""

    deadlines: DeadlineData
    eligibility: EligibilityData
    calendar: CalendarData
    reviewers: ReviewerRules
    specialties: SpecialtyMap
