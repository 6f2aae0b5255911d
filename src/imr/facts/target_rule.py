"""TargetRule: a term (literal or pattern) that marks a mention of a concept."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from imr.errors import KnowledgeBaseError
from imr.facts.rule import Rule, check_pattern, text_field


@dataclass(frozen=True, slots=True)
class TargetRule(Rule):
    """``literal`` is matched word by word, case-insensitive; ``pattern`` (optional) is a regular
    expression over lower-cased text used instead. ``value`` normalises the mention (e.g. work status
    "TTD" → temporarily_totally_disabled)."""

    literal: str
    concept: str
    pattern: str | None = None
    value: str | None = None

    ALLOWED_KEYS: ClassVar[frozenset[str]] = frozenset({"literal", "concept", "pattern", "value"})
    REQUIRED_KEYS: ClassVar[frozenset[str]] = frozenset({"literal", "concept"})

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TargetRule:
        cls.check_keys(data)
        concept = text_field(data, "concept", required=True)
        assert concept is not None
        if "." not in concept:
            raise KnowledgeBaseError(
                f"concept id {concept!r} must be dotted: <category>.<name>", key="concept"
            )
        pattern = text_field(data, "pattern")
        check_pattern(pattern)
        literal = text_field(data, "literal", required=True)
        assert literal is not None
        return cls(literal=literal, concept=concept, pattern=pattern, value=text_field(data, "value"))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"literal": self.literal, "concept": self.concept}
        if self.pattern is not None:
            out["pattern"] = self.pattern
        if self.value is not None:
            out["value"] = self.value
        return out
