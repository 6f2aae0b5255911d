"""Small value types shared by every contract."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Decision(StrEnum):
    """An IMR decision on one disputed item. Upheld: UR stands (not medically necessary)."""

    UPHELD = "Upheld"
    OVERTURNED = "Overturned"


Sex = Literal["male", "female"]
# How well a procedure rule is sourced, and the unit of a procedure clock (knowledge/procedure/*.yaml).
RuleStatus = Literal["confirmed", "unconfirmed", "policy"]
ClockUnit = Literal["calendar_days", "business_days", "hours"]


class Contract(BaseModel):
    """Base for the public data contracts: fields may grow, never change."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Worker(Contract):
    """The injured worker, as far as letters and case files tell."""

    age: int | None = Field(default=None, ge=0, le=120)
    sex: Sex | None = None


class Evidence(Contract):
    """A span of record text a fact or finding rests on (character offsets, end exclusive)."""

    record: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
