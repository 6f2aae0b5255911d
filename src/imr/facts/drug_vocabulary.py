"""Drug names → generic names and drug classes.

Names come from the dictionary shipped with drug-named-entity-recognition (DNER; loaded once from
its data file, without importing the package's fuzzy-match index), filtered to real drugs and
corrected by knowledge/nlp/drug_terms.yaml. Classes come from knowledge/vocab/drugs.yaml (owned by
the items stage) when it lists the generic, else from drug_terms.yaml's fallback table.
"""

from __future__ import annotations

import bz2
import pickle
from functools import cache
from importlib import resources
from typing import Any

from imr.errors import KnowledgeBaseError
from imr.facts.phrases import PhraseMatcher
from imr.facts.resources import read_yaml, settings, strip_lines, vocab_path
from imr.facts.tokens import words_of

DNER_PACKAGE = "drug_named_entity_recognition"
DNER_FILE = "drug_ner_dictionary.pkl.bz2"
# Variants longer than this many words are chemical names, not how notes name drugs.
MAX_WORDS = 4


@cache
def dner_dictionary() -> dict[str, Any]:
    """DNER's own data file (a pickle inside the installed package; trusted like its code)."""
    path = resources.files(DNER_PACKAGE) / DNER_FILE
    try:
        with resources.as_file(path) as real, bz2.open(real, "rb") as handle:
            data = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError) as exc:
        raise KnowledgeBaseError(f"cannot read the drug dictionary: {exc}", file=str(path)) from exc
    if not isinstance(data, dict) or "drug_variant_to_canonical" not in data:
        raise KnowledgeBaseError("unexpected drug dictionary layout", file=str(path))
    return data


def _is_drug(info: dict[str, Any]) -> bool:
    # MeSH-only entries are mostly classes, chemicals and lab substances ("mrna", "sits").
    return bool(info.get("drugbank_id") or info.get("medline_plus_id"))


@cache
def drug_names() -> dict[tuple[str, ...], str]:
    """Every drug name we match (as its words) → generic name."""
    terms = settings("drug_terms.yaml")
    ignore = {w.lower() for w in terms.get("ignore") or []}
    aliases = {k.lower(): v.lower() for k, v in (terms.get("generic_aliases") or {}).items()}
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
    names.update(_items_brands())
    for brand, generic in (terms.get("brands") or {}).items():
        names[words_of(str(brand))] = str(generic).lower()
    names.pop((), None)
    return names


@cache
def drug_matcher() -> PhraseMatcher[str]:
    matcher: PhraseMatcher[str] = PhraseMatcher()
    for key, generic in drug_names().items():
        matcher.add(" ".join(key), generic)
    return matcher


@cache
def _items_vocabulary() -> dict[str, Any]:
    """knowledge/vocab/drugs.yaml (the items stage's; read tolerantly, it may be absent or grow)."""
    raw = strip_lines(read_yaml(vocab_path("drugs.yaml"), required=False))
    return raw if isinstance(raw, dict) else {}


def _items_entries() -> list[tuple[str, Any]]:
    """(generic, entry) pairs: ``generics: {name: {class, brands, aliases}}``."""
    entries = _items_vocabulary().get("generics")
    if not isinstance(entries, dict):
        return []
    return [(str(k).lower(), v) for k, v in entries.items()]


@cache
def _items_classes() -> dict[str, str]:
    out: dict[str, str] = {}
    for generic, info in _items_entries():
        found = _class_of(info)
        if found:
            out[generic] = found
    return out


def _names(value: Any) -> list[str]:
    """Brand or alias names from a list, or from a mapping name → {aliases: [...]}."""
    if isinstance(value, list):
        return [str(v) for v in value if str(v).strip()]
    if isinstance(value, dict):
        out: list[str] = []
        for name, info in value.items():
            out.append(str(name))
            if isinstance(info, dict):
                out.extend(_names(info.get("aliases")))
        return out
    return []


def _items_brands() -> dict[tuple[str, ...], str]:
    """Brand names and misspellings → generic; a fixed combination ("Norco") → its first generic."""
    out: dict[tuple[str, ...], str] = {}
    products = _items_vocabulary().get("products")
    if isinstance(products, dict):
        for brand, info in products.items():
            generics = info.get("generics") if isinstance(info, dict) else None
            if isinstance(generics, list) and generics:
                out[words_of(str(brand))] = str(generics[0]).lower()
    for generic, info in _items_entries():
        if isinstance(info, dict):
            for name in _names(info.get("brands")) + _names(info.get("aliases")):
                out[words_of(name)] = generic
    return out


def _class_of(info: Any) -> str | None:
    if isinstance(info, str):
        return info
    if isinstance(info, dict):
        value = info.get("drug_class") or info.get("class")
        return str(value) if value else None
    return None


def drug_class(generic: str) -> str | None:
    """The canonical drug class of a generic name (None when no vocabulary knows it)."""
    found = _items_classes().get(generic)
    if found:
        return found
    fallback: dict[str, str] = settings("drug_terms.yaml").get("fallback_classes") or {}
    return fallback.get(generic)
