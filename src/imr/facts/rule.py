"""What every NLP rule class shares: strict loading of its dict form, as in medspaCy's BaseRule."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, ClassVar

from imr.errors import KnowledgeBaseError


class Rule:
    """Base of TargetRule, ContextRule and SectionRule.

    Subclasses list ALLOWED_KEYS and REQUIRED_KEYS; `from_dict` refuses anything else, naming the key.
    """

    ALLOWED_KEYS: ClassVar[frozenset[str]] = frozenset()
    REQUIRED_KEYS: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def check_keys(cls, data: Mapping[str, Any]) -> None:
        if not isinstance(data, Mapping):
            raise KnowledgeBaseError(f"a {cls.__name__} must be a mapping, got {type(data).__name__}")
        unknown = set(data) - cls.ALLOWED_KEYS
        if unknown:
            raise KnowledgeBaseError(
                f"{cls.__name__} has unknown keys {sorted(unknown)}; allowed: {sorted(cls.ALLOWED_KEYS)}",
                key=sorted(unknown)[0],
            )
        missing = cls.REQUIRED_KEYS - set(data)
        if missing:
            raise KnowledgeBaseError(
                f"{cls.__name__} is missing required keys {sorted(missing)}", key=sorted(missing)[0]
            )


def check_pattern(pattern: str | None, *, key: str = "pattern") -> None:
    """A rule's regular expression must compile (it is matched against lower-cased text)."""
    if pattern is None:
        return
    try:
        re.compile(pattern)
    except re.error as exc:
        raise KnowledgeBaseError(f"invalid regular expression {pattern!r}: {exc}", key=key) from exc


def text_field(data: Mapping[str, Any], key: str, *, required: bool = False) -> str | None:
    value = data.get(key)
    if value is None:
        if required:
            raise KnowledgeBaseError(f"'{key}' is required", key=key)
        return None
    if not isinstance(value, str) or not value.strip():
        raise KnowledgeBaseError(f"'{key}' must be a non-empty string, got {value!r}", key=key)
    return value


def names_field(data: Mapping[str, Any], key: str) -> tuple[str, ...] | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise KnowledgeBaseError(f"'{key}' must be a list of names, got {value!r}", key=key)
    return tuple(value)
