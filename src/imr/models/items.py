"""A disputed request read into structured form (`imr items parse`)."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from imr.models.common import Contract


class ItemKind(StrEnum):
    """What kind of thing is requested."""

    DRUG = "drug"
    SERVICE = "service"
    IMAGING = "imaging"
    DIAGNOSTIC = "diagnostic"
    INJECTION = "injection"
    DME = "dme"
    SURGERY = "surgery"
    VISIT = "visit"
    PROGRAM = "program"
    LAB = "lab"
    OTHER = "other"
    UNRECOGNIZED = "unrecognized"


class Strength(Contract):
    """One number of a drug's strength with its unit, and the ingredient it is of when that is clear."""

    value: float
    unit: str | None = Field(
        None, description="mg, mcg, mcg/hr, mg/ml, %, …; None when the request gives none"
    )
    ingredient: str | None = Field(None, description="The generic name, when the request's order tells")


class NormalizedItem(Contract):
    """The normalized form of one request. Fields that do not apply are None (left out of JSON)."""

    request: str
    kind: ItemKind
    recognized: bool = True
    unrecognized_reason: str | None = None
    # drugs
    brand: str | None = None
    generic: str | None = None
    generics: list[str] = Field(default_factory=list)
    drug_class: str | None = None
    route: str | None = None
    # the kinds of dose form the request names: a cream, gel or lotion is "topical", a patch "patch"
    dose_forms: list[str] = Field(default_factory=list)
    strength: str | None = None
    # the same strength as numbers: one per ingredient of a combination ("10/325 mg" is two)
    strengths: list[Strength] = Field(default_factory=list)
    quantity: int | None = None
    dosing: str | None = None
    days_supply: int | None = None
    # refills asked with the quantity ("#60 with 2 refills": three fills of 60)
    refills: int | None = None
    # services, procedures and the rest
    service: str | None = None
    sessions: int | None = None
    frequency_per_week: float | None = None
    weeks: float | None = None
    body_regions: list[str] = Field(default_factory=list)
    laterality: str | None = None
    modifiers: list[str] = Field(default_factory=list)
    # spinal levels named ("L4-5", "L5-S1"), for injections and spine surgery
    levels: list[str] = Field(default_factory=list)
    # programs, equipment and home care: days (e.g. a 30-day rental), total hours, hours per week
    days: int | None = None
    hours: float | None = None
    hours_per_week: float | None = None
    # knowledge-base topics the request maps to, most specific first
    topics: list[str] = Field(default_factory=list)

    def to_public(self) -> dict[str, object]:
        """The JSON form: empty and None fields left out, so the output reads like the request."""
        return self.model_dump(
            mode="json", exclude_none=True, exclude_defaults=False, exclude={"request"}
        ) | {"request": self.request}
