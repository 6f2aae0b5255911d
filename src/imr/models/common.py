"""Small value types shared by every contract."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field
from pydantic.fields import FieldInfo


class Decision(StrEnum):
    """An IMR decision on one disputed item. Upheld: UR stands (not medically necessary)."""

    UPHELD = "Upheld"
    OVERTURNED = "Overturned"


Sex = Literal["male", "female"]
# How well a procedure rule is sourced, and the unit of a procedure clock (knowledge/procedure/*.yaml).
RuleStatus = Literal["confirmed", "unconfirmed", "policy"]
ClockUnit = Literal["calendar_days", "business_days", "hours"]


# Each contract's fields and their names, read once: pydantic's `model_fields` is a class property
# that cost a fifth of `trusted`.
_FIELDS: dict[type, tuple[tuple[tuple[str, FieldInfo], ...], frozenset[str]]] = {}


class Contract(BaseModel):
    """Base for the public data contracts: fields may grow, never change."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    @classmethod
    def trusted(cls, **values: Any) -> Self:
        """An instance built from values the project's own code made, without validating them: the
        fact extractor makes tens of thousands of facts per case batch, and pydantic's checks (even
        ``model_construct``'s defaults handling) cost more than the extraction around them. Fields
        not given take their defaults."""
        known = _FIELDS.get(cls)
        if known is None:
            known = _FIELDS[cls] = (tuple(cls.model_fields.items()), frozenset(cls.model_fields))
        fields, names = known
        if not values.keys() >= names:  # the facts give every field: no default to look up
            for name, field in fields:
                if name not in values:
                    values[name] = field.get_default(call_default_factory=True)
        made = cls.__new__(cls)
        object.__setattr__(made, "__dict__", values)
        object.__setattr__(made, "__pydantic_fields_set__", set(values))
        object.__setattr__(made, "__pydantic_extra__", None)
        object.__setattr__(made, "__pydantic_private__", None)
        return made


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
