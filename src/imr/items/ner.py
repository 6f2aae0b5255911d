"""Drug names our vocabulary lacks, from drug-named-entity-recognition (offline dictionary).

The package unpickles its dictionary on import (about 2 s), so it is imported on first use only and
kept for the life of the process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol, cast


class _FindDrugs(Protocol):
    def __call__(
        self, tokens: list[str], *, is_ignore_case: bool
    ) -> list[tuple[dict[str, Any], int, int]]: ...


@dataclass(frozen=True, slots=True)
class NerDrug:
    """A drug the package recognized: its generics (lower case), token span and whether it is a patch."""

    generics: tuple[str, ...]
    first: int
    last: int
    patch: bool


_PAREN = re.compile(r"\s*\(.*?\)")


@lru_cache(maxsize=1)
def _finder() -> _FindDrugs:
    from drug_named_entity_recognition import find_drugs

    return cast(_FindDrugs, find_drugs)


def find_ner_drugs(words: list[str]) -> list[NerDrug]:
    """Drugs named by `words` (tokens of a request), in order."""
    found: list[NerDrug] = []
    for data, first, last in _finder()(words, is_ignore_case=True):
        name = _PAREN.sub("", str(data.get("name", ""))).strip().lower()
        if not name:
            continue
        patch = name.endswith(" patch")
        if patch:
            name = name.removesuffix(" patch")
        generics = tuple(part.strip() for part in name.split("/") if part.strip())
        found.append(NerDrug(generics, first, last, patch))
    return found
