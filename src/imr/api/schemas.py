"""Request and response bodies that exist only at the HTTP boundary."""

from __future__ import annotations

import datetime as dt
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


class IssueRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    preview_sha256: str | None = Field(
        default=None,
        pattern="^[0-9a-f]{64}$",
        description="The fingerprint of the preview read before issuing: the letter is issued only if "
        "it is still exactly that letter",
    )


class SummaryRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(
        max_length=20_000, description="The reviewer's clinical case summary; blank restores the written one"
    )


class PreviewOut(BaseModel):
    case_id: str
    sha256: str = Field(description="Send it back when issuing, to issue exactly this letter")
    complete: bool = Field(description="True when every item is signed and nothing is missing")
    missing: list[str] = Field(description="What the letter still needs, in plain words")
    letter_date: dt.date
    html: str = Field(description="The letter as it would be issued today (its PDF is made from this HTML)")


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


class PassphraseRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    passphrase: str = Field(
        min_length=10, max_length=200, description="The new signing passphrase (at least 10 characters)"
    )
    current_passphrase: str | None = Field(
        default=None, max_length=200, description="Needed to change a passphrase already set"
    )


class RevokeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    principal: str = Field(
        min_length=1, max_length=200, pattern=r"\S", description="Revoke every live token of this principal"
    )


class RevokedOut(BaseModel):
    principal: str
    revoked: int
