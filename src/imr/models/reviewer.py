"""A physician reviewer's profile, for matching and for the letter's credentials block."""

from __future__ import annotations

from pydantic import Field

from imr.models.common import Contract


class Affiliation(Contract):
    """A declared tie to an organisation or person that would make a review a conflict of interest."""

    kind: str  # employer, insurer, claims_administrator, provider_group, provider, attorney
    name: str


class Reviewer(Contract):
    """A physician reviewer. Names stay confidential in letters; `id` is a stable pseudonym."""

    id: str
    name: str | None = None
    specialties: list[str] = Field(default_factory=list)
    board_certifications: list[str] = Field(default_factory=list)
    subspecialties: list[str] = Field(default_factory=list)
    licensure_states: list[str] = Field(default_factory=list)
    years_in_practice: int = Field(default=0, ge=0)
    hours_per_week_active: int = Field(default=0, ge=0)
    affiliations: list[Affiliation] = Field(default_factory=list)
    active: bool = True
