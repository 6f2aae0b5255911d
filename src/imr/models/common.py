"""Small value types shared by every contract."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from functools import partial
from typing import Any, Literal, Self, cast

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


# Each contract's fields with a maker of their default, and their names, read once: pydantic's
# `model_fields` is a class property that cost a fifth of `trusted`, and its `get_default` reads the
# default factory's signature at every call (`list` twice for each fact).
_FIELDS: dict[type, tuple[tuple[tuple[str, Callable[[], Any]], ...], frozenset[str]]] = {}


def _default_makers(fields: dict[str, FieldInfo]) -> list[tuple[str, Callable[[], Any]]]:
    makers: list[tuple[str, Callable[[], Any]]] = []
    for name, field in fields.items():
        factory = field.default_factory
        if factory is not None and not field.default_factory_takes_validated_data:
            makers.append((name, cast(Callable[[], Any], factory)))
        else:
            makers.append((name, partial(field.get_default, call_default_factory=True)))
    return makers


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
            known = _FIELDS[cls] = (tuple(_default_makers(cls.model_fields)), frozenset(cls.model_fields))
        fields, names = known
        if not values.keys() >= names:  # the facts give every field: no default to look up
            for name, make in fields:
                if name not in values:
                    values[name] = make()
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
