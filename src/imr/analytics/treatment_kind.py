"""What kind of treatment a disputed item's request is (drug, acupuncture, imaging …), for statistics.

A small keyword classifier over the request text; the patterns live in treatment_kinds.yaml.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import yaml

from imr.errors import KnowledgeBaseError

OTHER = "other"
_DATA = "treatment_kinds.yaml"


@cache
def _kinds() -> tuple[tuple[str, re.Pattern[str]], ...]:
    text = resources.files("imr.analytics").joinpath(_DATA).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    kinds: list[tuple[str, re.Pattern[str]]] = []
    entries = data.get("kinds") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise KnowledgeBaseError("expected a list under 'kinds'", file=_DATA, key="kinds")
    for index, entry in enumerate(entries):
        key = f"kinds[{index}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("kind"), str):
            raise KnowledgeBaseError("expected a mapping with 'kind' and 'pattern'", file=_DATA, key=key)
        try:
            kinds.append((entry["kind"], re.compile(str(entry["pattern"]), re.IGNORECASE)))
        except (KeyError, re.error) as error:
            raise KnowledgeBaseError(f"bad pattern: {error}", file=_DATA, key=f"{key}.pattern") from error
    return tuple(kinds)


def treatment_kind(request: str) -> str:
    """The kind of treatment a request asks for; "other" when no pattern matches."""
    for kind, pattern in _kinds():
        if pattern.search(request):
            return kind
    return OTHER
