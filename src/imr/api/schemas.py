"""Request and response bodies that exist only at the HTTP boundary."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from imr.store.principal import Role
from imr.store.views import DraftView, ItemView


class AssignRequest(BaseModel):
    reviewer_id: str | None = Field(
        default=None,
        description="Assign this reviewer (still checked for fit and conflicts); omit to pick the best",
    )


class AssignmentOut(BaseModel):
    case_id: str
    reviewer_id: str
    result: dict[str, Any] = Field(
        description="The assignment with its explanation and the candidates considered"
    )


class CorrectionRequest(BaseModel):
    reason: str = Field(min_length=1, description="Why the issued letter needs correcting")


class DeterminationOut(BaseModel):
    case_id: str
    draft: DraftView
    items: list[ItemView]


class StaffTokenRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Literal["intake", "reviewer", "admin"]
    principal: str = Field(
        min_length=1,
        max_length=200,
        pattern=r"\S",
        description="Who it is for; for a reviewer, the reviewer id",
    )


class PartyTokenRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Literal["party"]
    principal: str = Field(min_length=1, max_length=200, pattern=r"\S")
    party_name: str = Field(
        min_length=1, max_length=300, pattern=r"\S", description="The party's name, as in case files"
    )


TokenRequest = Annotated[StaffTokenRequest | PartyTokenRequest, Field(discriminator="role")]


class TokenOut(BaseModel):
    token: str = Field(description="Shown once; only its hash is stored")
    role: Role
    principal: str


class Health(BaseModel):
    status: str
    database: str
