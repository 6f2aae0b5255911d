"""Drug names our vocabulary lacks, from drug-named-entity-recognition's dictionary (offline), as
compiled into the knowledge (imr.knowledge.drugs)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from imr.knowledge.drugs import RequestDrugNames


@dataclass(frozen=True, slots=True)
class NerDrug:
    """A drug the package recognized: its generics (lower case), token span and whether it is a patch."""

    generics: tuple[str, ...]
    first: int
    last: int
    patch: bool


_PAREN = re.compile(r"\s*\(.*?\)")


def find_ner_drugs(words: list[str], drugs: RequestDrugNames) -> list[NerDrug]:
    """Drugs named by `words` (tokens of a request), in order."""
    found: list[NerDrug] = []
    for raw, first, last in drugs.find_in_request(words):
        name = _PAREN.sub("", raw).strip().lower()
        if not name:
            continue
        patch = name.endswith(" patch")
        if patch:
            name = name.removesuffix(" patch")
        generics = tuple(part.strip() for part in name.split("/") if part.strip())
        found.append(NerDrug(generics, first, last, patch))
    return found
