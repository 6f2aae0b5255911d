"""ContextRule: a cue that modifies the concepts in its scope (negation, history, absence …)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from imr.errors import KnowledgeBaseError
from imr.facts.rule import Rule, check_pattern, names_field, text_field
from imr.models.facts import ModifierCategory

DIRECTIONS = ("forward", "backward", "bidirectional", "terminate", "pseudo")
MODIFYING = ("forward", "backward", "bidirectional")


@dataclass(frozen=True, slots=True)
class ContextRule(Rule):
    """A ConText cue.

    * ``direction``: ``forward`` (the cue modifies what follows it in the sentence), ``backward``
      (what precedes it), ``bidirectional``, ``terminate`` (ends other cues' scope: "but"), or
      ``pseudo`` (a longer phrase that contains a cue but is not one: "no change in").
    * ``category``: a ModifierCategory value; omitted for terminate and pseudo rules.
    * ``max_scope``: how many words the scope may span (default: to the end of the sentence).
    * ``allowed_types`` / ``excluded_types``: concept ids or prefixes the cue may (not) modify.
    * ``terminates``: for terminate rules, the categories they stop (default: all).
    """

    literal: str
    category: str | None
    direction: str = "forward"
    pattern: str | None = None
    max_scope: int | None = None
    allowed_types: tuple[str, ...] | None = None
    excluded_types: tuple[str, ...] | None = None
    terminates: tuple[str, ...] | None = None
    id: str = ""

    ALLOWED_KEYS: ClassVar[frozenset[str]] = frozenset(
        {
            "id",
            "literal",
            "category",
            "direction",
            "pattern",
            "max_scope",
            "allowed_types",
            "excluded_types",
            "terminates",
        }
    )
    REQUIRED_KEYS: ClassVar[frozenset[str]] = frozenset({"literal"})

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ContextRule:
        cls.check_keys(data)
        literal = text_field(data, "literal", required=True)
        assert literal is not None
        direction = data.get("direction", "forward")
        if direction not in DIRECTIONS:
            raise KnowledgeBaseError(
                f"direction {direction!r} not recognised; must be one of {list(DIRECTIONS)}", key="direction"
            )
        category = text_field(data, "category")
        categories = [c.value for c in ModifierCategory]
        if direction in MODIFYING:
            if category not in categories:
                raise KnowledgeBaseError(
                    f"a {direction} rule needs a category from {categories}, got {category!r}", key="category"
                )
        elif category is not None:
            raise KnowledgeBaseError(
                f"a {direction} rule takes no category (got {category!r})", key="category"
            )
        terminates = names_field(data, "terminates")
        if terminates is not None:
            if direction != "terminate":
                raise KnowledgeBaseError("'terminates' is only for terminate rules", key="terminates")
            bad = [t for t in terminates if t not in categories]
            if bad:
                raise KnowledgeBaseError(f"'terminates' names unknown categories {bad}", key="terminates")
        allowed, excluded = names_field(data, "allowed_types"), names_field(data, "excluded_types")
        if allowed is not None and excluded is not None:
            raise KnowledgeBaseError("set allowed_types or excluded_types, not both", key="allowed_types")
        max_scope = data.get("max_scope")
        if max_scope is not None and (
            not isinstance(max_scope, int) or isinstance(max_scope, bool) or max_scope < 1
        ):
            raise KnowledgeBaseError(
                f"max_scope must be a positive whole number, got {max_scope!r}", key="max_scope"
            )
        pattern = text_field(data, "pattern")
        check_pattern(pattern)
        rule_id = text_field(data, "id") or f"{category or direction}:{literal}"
        return cls(
            literal=literal,
            category=category,
            direction=direction,
            pattern=pattern,
            max_scope=max_scope,
            allowed_types=allowed,
            excluded_types=excluded,
            terminates=terminates,
            id=rule_id,
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "literal": self.literal, "direction": self.direction}
        optional = {
            "category": self.category,
            "pattern": self.pattern,
            "max_scope": self.max_scope,
            "allowed_types": list(self.allowed_types) if self.allowed_types is not None else None,
            "excluded_types": list(self.excluded_types) if self.excluded_types is not None else None,
            "terminates": list(self.terminates) if self.terminates is not None else None,
        }
        out.update({k: v for k, v in optional.items() if v is not None})
        return out

    def applies_to(self, concept: str) -> bool:
        """Whether this cue may modify a mention of `concept` (ids match exactly or as a prefix)."""
        if self.allowed_types is not None:
            return any(_covers(t, concept) for t in self.allowed_types)
        if self.excluded_types is not None:
            return not any(_covers(t, concept) for t in self.excluded_types)
        return True


def _covers(type_: str, concept: str) -> bool:
    return (
        concept == type_
        or concept.startswith(type_ + ".")
        or (type_.endswith(".") and concept.startswith(type_))
    )
