"""The drug-name dictionary: names in records and requests → generic names, compiled once.

Names come from the dictionary shipped with drug-named-entity-recognition (DNER), filtered to real
drugs and corrected by nlp/drug_terms.yaml, plus the brand names and aliases of vocab/drugs.yaml.
DNER's package unpickles and indexes its whole dictionary on import (seconds), so it is imported only
when the dictionary is compiled; the compiled form is kept with the knowledge (see imr.knowledge.cache).
"""

from __future__ import annotations

import importlib.util
import pickle
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from imr.errors import KnowledgeBaseError
from imr.knowledge.nlp import DrugTerms
from imr.knowledge.vocabulary import Vocab
from imr.text.phrases import PhraseMatcher
from imr.text.tokens import words_of

DNER_PACKAGE = "drug_named_entity_recognition"
DNER_FILE = "drug_ner_dictionary.pkl.bz2"
# Variants longer than this many words are chemical names, not how notes name drugs.
MAX_WORDS = 4
# The shape of one request token (imr.text.request_phrases): only such variants can ever match one.
_REQUEST_TOKEN = re.compile(r"[a-z0-9µ]+(?:[.'&][a-z0-9µ]+)*")


@dataclass(frozen=True, eq=False)
class RequestDrugNames:
    """A request token, or two tokens joined by a space → the names DNER gives that variant (what its
    ``find_drugs`` returns), for the words of requests our vocabulary does not know."""

    names: dict[str, tuple[str, ...]]

    def find_in_request(self, words: list[str]) -> list[tuple[str, int, int]]:
        """(name, first, last) of every drug named by `words`, as DNER's ``find_drugs`` finds them:
        two-word names first (overlaps allowed), then single words not already taken."""
        found: list[tuple[str, int, int]] = []
        taken: set[int] = set()
        names = self.names
        for i in range(len(words) - 1):
            hit = names.get(f"{words[i]} {words[i + 1]}".lower())
            if hit:
                found.extend((name, i, i + 2) for name in hit)
                taken.update((i, i + 1))
        for i, word in enumerate(words):
            if i in taken:
                continue
            hit = names.get(word.lower())
            if hit:
                found.extend((name, i, i + 1) for name in hit)
                taken.add(i)
        return found


def dner_fingerprint() -> str:
    """Which DNER dictionary is installed (its file's size and time), without importing the package."""
    spec = importlib.util.find_spec(DNER_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise KnowledgeBaseError("the drug dictionary package is not installed", file=DNER_PACKAGE)
    path = Path(next(iter(spec.submodule_search_locations))) / DNER_FILE
    try:
        stat = path.stat()
    except OSError as exc:
        raise KnowledgeBaseError(f"cannot read the drug dictionary: {exc}", file=path) from exc
    return f"{path}:{stat.st_size}:{stat.st_mtime_ns}"


def compile_record_drugs(vocab: Vocab, terms: DrugTerms) -> PhraseMatcher[str]:
    """Drug names in record text → generic: DNER's names, our drug vocabulary and drug_terms.yaml."""
    names = _record_names(_dner_data(), vocab, terms)
    matcher: PhraseMatcher[str] = PhraseMatcher()
    for key, generic in names.items():
        matcher.add(" ".join(key), generic)
    return matcher


def compile_request_drugs() -> RequestDrugNames:
    """DNER's names of one or two request tokens."""
    return RequestDrugNames(_request_names(_dner_data()))


@cache
def _dner_data() -> dict[str, Any]:
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


def _record_names(data: dict[str, Any], vocab: Vocab, terms: DrugTerms) -> dict[tuple[str, ...], str]:
    """Every drug name matched in records (as its words) → generic name."""
    ignore = {w.lower() for w in terms.ignore}
    aliases = {k.lower(): v.lower() for k, v in terms.generic_aliases.items()}
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
        if not any(not word.isdecimal() for word in key):
            continue  # numbers only ("2',3" of a chemical name): a pain range "2-3/10" is no drug
        names.setdefault(key, aliases.get(canonical, canonical))
    # Brand names, their misspellings and generic aliases → generic; a fixed combination ("Norco") → its
    # first generic (vocab/drugs.yaml); then drug_terms.yaml's brands, which win.
    names.update({words_of(name): generic for name, generic in vocab.other_drug_names})
    for brand, generic in terms.brands.items():
        names[words_of(str(brand))] = str(generic).lower()
    names.pop((), None)
    return names


def _request_names(data: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    """Variants of one or two request tokens → the "name" DNER's match data gives for each canonical."""
    canonical_data: dict[str, dict[str, Any]] = data["drug_canonical_to_data"]
    variant_data: dict[str, dict[str, Any]] = data.get("drug_variant_to_variant_data", {})
    out: dict[str, tuple[str, ...]] = {}
    for variant, canonicals in data["drug_variant_to_canonical"].items():
        parts = variant.split(" ")
        if len(parts) > 2 or not all(_REQUEST_TOKEN.fullmatch(part) for part in parts):
            continue
        names = tuple(
            str((canonical_data.get(c, {}) | variant_data.get(variant, {})).get("name", ""))
            for c in canonicals
        )
        if names:
            out[variant] = names
    return out
