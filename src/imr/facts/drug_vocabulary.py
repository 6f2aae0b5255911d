"""Drug names → generic names and drug classes.

Names come from the dictionary shipped with drug-named-entity-recognition (DNER; the one copy its
package loads, shared with the items stage), filtered to real drugs and corrected by
knowledge/nlp/drug_terms.yaml, plus the brand names and aliases of knowledge/vocab/drugs.yaml.
Classes come from drugs.yaml when it lists the generic, else from drug_terms.yaml's fallback table.
"""

from __future__ import annotations

import pickle
from functools import cache
from typing import Any

from imr.errors import KnowledgeBaseError
from imr.facts.phrases import PhraseMatcher
from imr.facts.tokens import words_of
from imr.knowledge import Knowledge

DNER_PACKAGE = "drug_named_entity_recognition"
# Variants longer than this many words are chemical names, not how notes name drugs.
MAX_WORDS = 4


@cache
def dner_dictionary() -> dict[str, Any]:
    """DNER's dictionary as its package loaded it: the package unpickles it on import (which the
    items stage needs anyway for ``find_drugs``), so it is read once per process."""
    try:
        from drug_named_entity_recognition import drugs_finder
    except (OSError, pickle.UnpicklingError, EOFError) as exc:
        raise KnowledgeBaseError(f"cannot read the drug dictionary: {exc}", file=DNER_PACKAGE) from exc
    data = getattr(drugs_finder, "d", None)
    if not isinstance(data, dict) or "drug_variant_to_canonical" not in data:
        raise KnowledgeBaseError("unexpected drug dictionary layout", file=DNER_PACKAGE)
    return data


def _is_drug(info: dict[str, Any]) -> bool:
    # MeSH-only entries are mostly classes, chemicals and lab substances ("mrna", "sits").
    return bool(info.get("drugbank_id") or info.get("medline_plus_id"))


def drug_names(knowledge: Knowledge) -> dict[tuple[str, ...], str]:
    """Every drug name we match (as its words) → generic name."""
    return knowledge.built("facts.drug_names", lambda: _drug_names(knowledge))


def _drug_names(knowledge: Knowledge) -> dict[tuple[str, ...], str]:
    terms = knowledge.nlp.drug_terms
    ignore = {w.lower() for w in terms.ignore}
    aliases = {k.lower(): v.lower() for k, v in terms.generic_aliases.items()}
    data = dner_dictionary()
    canonical_data: dict[str, dict[str, Any]] = data["drug_canonical_to_data"]
    names: dict[tuple[str, ...], str] = {}
    for variant, canonicals in data["drug_variant_to_canonical"].items():
        if variant in ignore or not canonicals:
            continue
        canonical = canonicals[0]
        if not _is_drug(canonical_data.get(canonical, {})):
            continue
        key = words_of(variant)
        if not key or len(key) > MAX_WORDS or (len(key) == 1 and len(key[0]) < 5):
            continue
        names.setdefault(key, aliases.get(canonical, canonical))
    names.update({words_of(name): generic for name, generic in knowledge.vocab.other_drug_names})
    for brand, generic in terms.brands.items():
        names[words_of(str(brand))] = str(generic).lower()
    names.pop((), None)
    return names


def drug_matcher(knowledge: Knowledge) -> PhraseMatcher[str]:
    """The drug dictionary as a phrase matcher, built once per knowledge."""

    def build() -> PhraseMatcher[str]:
        matcher: PhraseMatcher[str] = PhraseMatcher()
        for key, generic in drug_names(knowledge).items():
            matcher.add(" ".join(key), generic)
        return matcher

    return knowledge.built("facts.drug_matcher", build)


def drug_class(generic: str, knowledge: Knowledge) -> str | None:
    """The canonical drug class of a generic name (None when no vocabulary knows it)."""
    known = knowledge.vocab.generics.get(generic)
    if known is not None:
        return known.drug_class
    return knowledge.nlp.drug_terms.fallback_classes.get(generic)
