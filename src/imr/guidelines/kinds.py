"""Criterion kinds as data (knowledge/kinds.yaml): one entry per kind; evaluators in imr.engine.criteria."""

from __future__ import annotations

from pydantic import Field

from imr.guidelines.model import Strict

# The kind whose unmet criterion makes a "not_recommended" version not recommended (its exceptions lift it).
NOT_RECOMMENDED = "not_recommended"


class Phrases(Strict):
    """Default rationale phrases of a criterion kind."""

    met: str
    not_met: str
    insufficient: str
    not_applicable: str = "Not applicable to this request."


class KindParameters(Strict):
    required: list[str] = Field(default_factory=list)
    optional: list[str] = Field(default_factory=list)


class KindSpec(Strict):
    """What a kind takes and how its results read and count."""

    parameters: KindParameters = Field(default_factory=KindParameters)
    needs_one_of: list[str] = Field(default_factory=list)
    decisive: bool = Field(default=True, description="false: never decisive (a check for the reviewer)")
    documentable: bool = Field(default=False, description="a better record could satisfy it (a gap)")
    absence: bool = Field(default=False, description="its insufficient means not documented")
    reason: str | None = Field(
        default=None, description="the reason code a failed criterion of this kind gives (reason_codes)"
    )
    phrases: Phrases


class ReasonCode(Strict):
    """A decisive reason, as a code the evaluation compares and words the rationale's conclusion uses."""

    description: str = Field(min_length=1)
    due_to: str = Field(min_length=1, description='The reason in a conclusion: "Due to <due_to>, …".')


class KindsFile(Strict):
    """knowledge/kinds.yaml."""

    reason_codes: dict[str, ReasonCode] = Field(min_length=1)
    kinds: dict[str, KindSpec] = Field(min_length=1)
