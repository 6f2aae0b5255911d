"""The data assignment runs on: vocab/specialties.yaml and procedure/reviewers.yaml, validated."""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict, Field, model_validator

from imr.errors import KnowledgeBaseError
from imr.intake.procedure import load_package_data, read_package_data
from imr.models.application import RuleStatus
from imr.models.items import ItemKind

SPECIALTIES_FILE = "knowledge/vocab/specialties.yaml"
REVIEWERS_FILE = "knowledge/procedure/reviewers.yaml"
CANONICAL_FILE = "knowledge/vocab/canonical.yaml"


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


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


@cache
def specialty_map() -> SpecialtyMap:
    """vocab/specialties.yaml, with every name checked against the specialties and canonical.yaml."""
    data = load_package_data(SPECIALTIES_FILE, SpecialtyMap)
    canonical = read_package_data(CANONICAL_FILE)
    known_names = {
        "services": set(canonical.get("services", {})),
        "drug_classes": set(canonical.get("drug_classes", {})),
        "kinds": {kind.value for kind in ItemKind},
    }
    for section, names in known_names.items():
        for key in getattr(data, section):
            if key not in names:
                _fail(
                    f"{key!r} is not a canonical name (expected one of {sorted(names)})", f"{section}.{key}"
                )
    for group, members in data.groups.items():
        if group in data.specialties:
            _fail(f"group {group!r} has the name of a specialty", f"groups.{group}")
        for member in members:
            if member not in data.specialties:
                _fail(f"{member!r} is not a specialty id", f"groups.{group}")
    lists = {
        f"{section}.{key}": spec for section in known_names for key, spec in getattr(data, section).items()
    }
    lists["default"] = data.default
    for where, spec in lists.items():
        for name in [*spec.preferred, *spec.accepted]:
            if name not in data.specialties and name not in data.groups:
                _fail(f"{name!r} is neither a specialty id nor a group", where)
    return data


@cache
def reviewer_rules() -> ReviewerRules:
    """procedure/reviewers.yaml, validated."""
    return load_package_data(REVIEWERS_FILE, ReviewerRules)


def _fail(message: str, key: str) -> None:
    raise KnowledgeBaseError(message, file=f"src/imr/{SPECIALTIES_FILE}", key=key)
