"""SectionRule: a header ("Physical examination:") or a narrative lead ("Examination showed")."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from imr.errors import KnowledgeBaseError
from imr.facts.rule import Rule, check_pattern, text_field

KINDS = ("header", "lead")


@dataclass(frozen=True, slots=True)
class SectionRule(Rule):
    """``kind: header`` matches at the start of a line and needs a colon after it; ``kind: lead``
    matches near the start of a sentence, for narrative summaries without headers. Either opens a
    section that runs until the next one."""

    literal: str
    category: str
    kind: str = "header"
    pattern: str | None = None

    ALLOWED_KEYS: ClassVar[frozenset[str]] = frozenset({"literal", "category", "kind", "pattern"})
    REQUIRED_KEYS: ClassVar[frozenset[str]] = frozenset({"literal", "category"})

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SectionRule:
        cls.check_keys(data)
        kind = data.get("kind", "header")
        if kind not in KINDS:
            raise KnowledgeBaseError(f"kind must be one of {list(KINDS)}, got {kind!r}", key="kind")
        pattern = text_field(data, "pattern")
        check_pattern(pattern)
        literal = text_field(data, "literal", required=True)
        category = text_field(data, "category", required=True)
        assert literal is not None and category is not None
        return cls(literal=literal, category=category, kind=kind, pattern=pattern)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"literal": self.literal, "category": self.category, "kind": self.kind}
        if self.pattern is not None:
            out["pattern"] = self.pattern
        return out
