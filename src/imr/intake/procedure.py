"""The IMR procedure data (knowledge/procedure/*.yaml): clocks, eligibility rules, business calendar."""

from __future__ import annotations

import datetime as dt
from functools import cache
from importlib import resources
from typing import Any, Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from imr.errors import KnowledgeBaseError
from imr.models.application import ClockUnit, RuleStatus

PROCEDURE_DIR = "knowledge/procedure"
Track = Literal["regular", "formulary", "expedited"]


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ClockEdition(_Data):
    """One dated version of a clock."""

    effective_from: dt.date
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
    editions: list[ClockEdition] = Field(min_length=1)

    def edition_on(self, day: dt.date) -> ClockEdition | None:
        """The edition in force on `day` (latest effective_from on or before it), if any."""
        in_force = [e for e in self.editions if e.effective_from <= day]
        return max(in_force, key=lambda e: e.effective_from) if in_force else None


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


_M = TypeVar("_M", bound=BaseModel)


def read_package_data(relpath: str) -> Any:
    """A YAML file of the imr package (`relpath` from src/imr, e.g. "knowledge/vocab/canonical.yaml")."""
    try:
        return yaml.safe_load(resources.files("imr").joinpath(relpath).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeBaseError(f"cannot read the data file: {exc}", file=f"src/imr/{relpath}") from exc


def load_package_data(relpath: str, model: type[_M]) -> _M:
    """A YAML file of the imr package validated as `model`; an error names the file and the key."""
    raw = read_package_data(relpath)
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(part) for part in first["loc"])
        raise KnowledgeBaseError(
            f"{first['msg']} (expected the {model.__name__} layout)", file=f"src/imr/{relpath}", key=key
        ) from exc


@cache
def deadline_data() -> DeadlineData:
    """knowledge/procedure/deadlines.yaml, validated."""
    return load_package_data(f"{PROCEDURE_DIR}/deadlines.yaml", DeadlineData)


@cache
def eligibility_data() -> EligibilityData:
    """knowledge/procedure/eligibility.yaml, validated; a `clock` must name a clock in deadlines.yaml."""
    data = load_package_data(f"{PROCEDURE_DIR}/eligibility.yaml", EligibilityData)
    clocks = deadline_data().clocks
    for rule_id, rule in data.rules.items():
        if rule.clock is not None and rule.clock not in clocks:
            raise KnowledgeBaseError(
                f"clock {rule.clock!r} is not in deadlines.yaml (expected one of {sorted(clocks)})",
                file=f"src/imr/{PROCEDURE_DIR}/eligibility.yaml",
                key=f"rules.{rule_id}.clock",
            )
    return data


@cache
def calendar_data() -> CalendarData:
    """knowledge/procedure/calendar.yaml, validated."""
    return load_package_data(f"{PROCEDURE_DIR}/calendar.yaml", CalendarData)


def clock(clock_id: str) -> Clock:
    """A clock from deadlines.yaml by id."""
    clocks = deadline_data().clocks
    try:
        return clocks[clock_id]
    except KeyError:
        raise KnowledgeBaseError(
            f"no clock {clock_id!r} (expected one of {sorted(clocks)})",
            file=f"src/imr/{PROCEDURE_DIR}/deadlines.yaml",
            key="clocks",
        ) from None
