"""What a reviewer sends to sign one item: confirm the draft, or override it with a reason."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, GetJsonSchemaHandler, ValidationInfo, field_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from imr.models import Decision


class SignItem(BaseModel):
    """Confirm the draft decision, or override it with your own decision and the reason."""

    model_config = ConfigDict(extra="forbid")

    action: Literal["confirm", "override"]
    decision: Decision | None = Field(default=None, validate_default=True)
    reason: str | None = Field(default=None, max_length=10_000, validate_default=True)

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

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """The two shapes a sign request takes, so that clients (and schema-driven tests) see the rules."""
        confirm: dict[str, Any] = {
            "type": "object",
            "title": "Confirm",
            "properties": {"action": {"const": "confirm"}},
            "required": ["action"],
            "additionalProperties": False,
        }
        override: dict[str, Any] = {
            "type": "object",
            "title": "Override",
            "properties": {
                "action": {"const": "override"},
                "decision": {"enum": [d.value for d in Decision]},
                "reason": {"type": "string", "minLength": 1, "maxLength": 10_000, "pattern": r"\S"},
            },
            "required": ["action", "decision", "reason"],
            "additionalProperties": False,
        }
        return {"title": "SignItem", "description": cls.__doc__, "oneOf": [confirm, override]}
