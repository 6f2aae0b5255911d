"""What a reviewer sends to sign one item: confirm the draft, or override it with a reason; either
way with the rationale the letter publishes (an override's reason is never published)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, GetJsonSchemaHandler, ValidationInfo, field_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from imr.models import Decision


class CitedGuideline(BaseModel):
    """The guideline a decision rests on, when the draft has none (an item left for review)."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(
        min_length=1, max_length=500, pattern=r"\S", description="e.g. 'ODG Pain chapter, Office visits'"
    )
    source: str = Field(
        default="", max_length=100, description="MTUS, ODG, ACOEM … (may be part of the title)"
    )
    pages: str | None = Field(default=None, max_length=100)
    non_mtus: bool = Field(default=False, description="True when the decision does not rest on the MTUS")


class SignItem(BaseModel):
    """Confirm the draft decision, or override it with your own decision and the reason.

    `rationale` is the decision rationale the letter publishes: optional to confirm (the draft's
    otherwise), required to override (the draft's argues for the other decision). `reason` is why you
    overrode the draft: recorded and shown in the worksheet, never published. An override must
    differ from the draft's decision (to keep the draft's decision, confirm it and edit its rationale).
    `claims_administrator_guideline` is what UR cited ("none" if it cited nothing); when left out it
    is read from the UR decision record. `guideline` is needed when the draft cites none.
    """

    model_config = ConfigDict(extra="forbid")

    action: Literal["confirm", "override"]
    decision: Decision | None = Field(default=None, validate_default=True)
    reason: str | None = Field(default=None, max_length=10_000, validate_default=True)
    rationale: str | None = Field(default=None, max_length=20_000, validate_default=True)
    claims_administrator_guideline: str | None = Field(default=None, max_length=2_000)
    guideline: CitedGuideline | None = None
    passphrase: str | None = Field(
        default=None,
        max_length=200,
        repr=False,
        description="Your own signing passphrase (set it with PUT /reviewers/{id}/passphrase): needed "
        "for every signature, never stored with it",
    )

    # Field validators rather than one model validator, so that an error names its field.
    @field_validator("decision")
    @classmethod
    def _decision_only_to_override(cls, value: Decision | None, info: ValidationInfo) -> Decision | None:
        action = info.data.get("action")
        if action == "override" and value is None:
            raise ValueError("an override needs 'decision' (Upheld or Overturned)")
        if action == "confirm" and value is not None:
            raise ValueError(
                "'decision' is only given with action 'override'; confirm takes the draft's decision"
            )
        return value

    @field_validator("reason")
    @classmethod
    def _override_needs_reason(cls, value: str | None, info: ValidationInfo) -> str | None:
        if info.data.get("action") == "override" and not (value or "").strip():
            raise ValueError("an override needs a non-blank 'reason'")
        return value

    @field_validator("rationale")
    @classmethod
    def _override_needs_rationale(cls, value: str | None, info: ValidationInfo) -> str | None:
        if info.data.get("action") == "override" and not (value or "").strip():
            raise ValueError(
                "an override needs the 'rationale' the letter publishes (the reason is kept apart, "
                "in the worksheet)"
            )
        if value is not None and not value.strip():
            return None
        return value

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """The two shapes a sign request takes, so that clients (and schema-driven tests) see the rules."""
        text = {"type": "string", "maxLength": 2_000}
        guideline = handler(CitedGuideline.__pydantic_core_schema__)
        common: dict[str, Any] = {
            "claims_administrator_guideline": text,
            "guideline": guideline,
            "passphrase": {
                "type": "string",
                "minLength": 1,
                "maxLength": 200,
                "writeOnly": True,
                "description": "Your own signing passphrase: needed for every signature",
            },
        }
        confirm: dict[str, Any] = {
            "type": "object",
            "title": "Confirm",
            "properties": {
                "action": {"const": "confirm"},
                "rationale": {"type": "string", "maxLength": 20_000},
                **common,
            },
            "required": ["action", "passphrase"],
            "additionalProperties": False,
        }
        override: dict[str, Any] = {
            "type": "object",
            "title": "Override",
            "properties": {
                "action": {"const": "override"},
                "decision": {"enum": [d.value for d in Decision]},
                "reason": {"type": "string", "minLength": 1, "maxLength": 10_000, "pattern": r"\S"},
                "rationale": {"type": "string", "minLength": 1, "maxLength": 20_000, "pattern": r"\S"},
                **common,
            },
            "required": ["action", "decision", "reason", "rationale", "passphrase"],
            "additionalProperties": False,
        }
        return {"title": "SignItem", "description": cls.__doc__, "oneOf": [confirm, override]}
