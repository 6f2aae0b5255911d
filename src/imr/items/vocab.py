"""The request vocabulary (knowledge/vocab/*.yaml), loaded once, checked against canonical.yaml."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from imr.errors import KnowledgeBaseError
from imr.items.phrases import PhraseIndex, phrase_key

VOCAB_DIR = Path(__file__).resolve().parent.parent / "knowledge" / "vocab"
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class Generic:
    """A generic drug and how the MTUS groups it."""

    name: str
    drug_class: str
    topical_class: str | None
    route: str | None
    patch_route: str | None


@dataclass(frozen=True, slots=True)
class DrugName:
    """A name a request may use for a drug: a generic, a brand of one generic, or a product."""

    display: str
    generics: tuple[str, ...]
    is_brand: bool
    drug_class: str | None = None  # products only: the product's own class
    route: str | None = None  # brands and products: their usual route


@dataclass(frozen=True, slots=True)
class ServiceRule:
    """How a service name reads: one canonical service, or one chosen by region or modifier."""

    rank: int
    service: str | None
    by_region: dict[str, str]
    by_modifier: dict[str, str]


@dataclass(frozen=True, slots=True)
class RegionName:
    """A body-region name: the canonical regions it means and any laterality it implies."""

    regions: tuple[str, ...]
    laterality: str | None


@dataclass(frozen=True)
class Vocab:
    """Everything the normalizer reads from data."""

    generics: dict[str, Generic]
    drug_names: PhraseIndex[DrugName]
    combination_priority: tuple[str, ...]
    frequencies: PhraseIndex[float]
    as_needed: PhraseIndex[bool]
    forms: PhraseIndex[str]
    ner_ignore: frozenset[str]
    services: PhraseIndex[ServiceRule]
    service_kinds: dict[str, str]
    regions: PhraseIndex[RegionName]
    level_regions: dict[str, str]
    laterality: PhraseIndex[str]
    laterality_before_region: dict[str, str]
    modifiers: PhraseIndex[str]
    numbers: dict[str, int]
    known_words: frozenset[str] = field(default_factory=frozenset)
    fuzzy_targets: tuple[str, ...] = ()
    # Brand names, brand misspellings and generic aliases → the generic they name (a product's first
    # ingredient), as written in drugs.yaml: the facts stage's drug matcher adds them to its dictionary.
    other_drug_names: tuple[tuple[str, str], ...] = ()


def _read(name: str, directory: Path) -> dict[str, Any]:
    path = directory / name
    try:
        with path.open(encoding="utf-8") as handle:
            data = yaml.load(handle, Loader=_LOADER)
    except OSError as exc:
        raise KnowledgeBaseError(f"cannot read vocabulary file: {exc}", file=path) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise KnowledgeBaseError(f"invalid YAML: {exc}", file=path, line=line) from exc
    if not isinstance(data, dict):
        raise KnowledgeBaseError("expected a mapping at the top level", file=path)
    return data


Kind = type | tuple[type, ...]
_KIND_NAMES: dict[Kind, str] = {
    str: "a name",
    int: "a whole number",
    float: "a number",
    list: "a list",
    dict: "a mapping",
    (list, dict): "a list or a mapping",
}


def _is(value: object, kind: Kind) -> bool:
    if isinstance(value, bool):  # YAML's yes/no/true/false are not numbers or names
        return False
    if kind is float:
        return isinstance(value, int | float)
    return isinstance(value, kind)


def _shown(value: object) -> str:
    return f"{type(value).__name__} {value!r}"


# The keys each file and each kind of entry may have, and what each must be.
_DRUGS_FILE: dict[str, Kind] = {
    "generics": dict,
    "products": dict,
    "combination_class_priority": list,
    "frequencies": dict,
    "as_needed": list,
    "forms": dict,
    "ner_ignore": list,
}
_GENERIC: dict[str, Kind] = {
    "class": str,
    "topical_class": str,
    "route": str,
    "patch_route": str,
    "brands": (list, dict),
    "aliases": list,
}
_BRAND: dict[str, Kind] = {"route": str, "aliases": list}
_PRODUCT: dict[str, Kind] = {"generics": list, "class": str, "route": str}
_SERVICES_FILE: dict[str, Kind] = {"services": list}
_SERVICE: dict[str, Kind] = {
    "service": str,
    "by_region": dict,
    "by_modifier": dict,
    "names": list,
    "rank": int,
}
_TERMS_FILE: dict[str, Kind] = {
    "body_regions": list,
    "level_regions": dict,
    "laterality": dict,
    "before_region_only": dict,
    "modifiers": dict,
    "numbers": dict,
    "common_words": list,
}
_REGION: dict[str, Kind] = {"region": str, "regions": list, "laterality": str, "names": list}


class _Checker:
    """Checks names against canonical.yaml and collects phrases, refusing one phrase with two meanings."""

    def __init__(self, canonical: dict[str, Any], directory: Path) -> None:
        self.directory = directory
        self.services: dict[str, str] = {
            name: str((spec or {}).get("kind", "service")) for name, spec in canonical["services"].items()
        }
        self.classes = set(canonical["drug_classes"])
        self.regions = set(canonical["body_regions"])
        self.laterality = set(canonical["laterality"])
        self.routes = set(canonical["routes"])

    def need(self, value: object, allowed: set[str], what: str, file: str, key: str) -> str:
        if not isinstance(value, str) or value not in allowed:
            raise KnowledgeBaseError(
                f"{what} {value!r} is not in canonical.yaml (expected one of: {', '.join(sorted(allowed))})",
                file=self.directory / file,
                key=key,
            )
        return value

    def entry(self, value: object, allowed: dict[str, Kind], file: str, key: str) -> dict[str, Any]:
        """`value` as a mapping (None: empty) whose keys are all in `allowed`, each of its kind."""
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise KnowledgeBaseError(
                f"expected a mapping with keys {', '.join(allowed)}, got {_shown(value)}",
                file=self.directory / file,
                key=key,
            )
        unknown = sorted(str(k) for k in value if k not in allowed)
        if unknown:
            raise KnowledgeBaseError(
                f"unknown key {', '.join(map(repr, unknown))} (expected one of: {', '.join(allowed)})",
                file=self.directory / file,
                key=key,
            )
        for name, kind in allowed.items():
            found = value.get(name)
            if found is not None and not _is(found, kind):
                raise KnowledgeBaseError(
                    f"`{name}` must be {_KIND_NAMES[kind]}, got {_shown(found)}",
                    file=self.directory / file,
                    key=f"{key}.{name}",
                )
        return value

    def numbers(self, value: object, kind: type[int] | type[float], file: str, key: str) -> dict[str, Any]:
        """A mapping name → number (a whole number when `kind` is int); None is empty."""
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise KnowledgeBaseError(
                f"expected a mapping of name -> number, got {_shown(value)}",
                file=self.directory / file,
                key=key,
            )
        for name, number in value.items():
            if not _is(number, kind):
                raise KnowledgeBaseError(
                    f"`{name}` must be {_KIND_NAMES[kind]}, got {_shown(number)}",
                    file=self.directory / file,
                    key=f"{key}.{name}",
                )
        return value

    def phrases(self, value: object, file: str, key: str) -> list[str]:
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise KnowledgeBaseError(
                "expected a list of non-empty names", file=self.directory / file, key=key
            )
        return list(value)


def _unique(entries: list[tuple[str, Any]], file: Path, section: str) -> list[tuple[str, Any]]:
    seen: dict[str, Any] = {}
    for phrase, payload in entries:
        key = phrase_key(phrase)
        if key in seen and seen[key] != payload:
            raise KnowledgeBaseError(f"name {phrase!r} is given two meanings", file=file, key=section)
        seen[key] = payload
    return entries


def _load_drugs(
    data: dict[str, Any], check: _Checker
) -> tuple[dict[str, Generic], list[tuple[str, DrugName]], list[tuple[str, str]]]:
    """Generics, every drug name with its meaning, and the names that are not generics → a generic."""
    file = "drugs.yaml"
    generics: dict[str, Generic] = {}
    names: list[tuple[str, DrugName]] = []
    others: list[tuple[str, str]] = []
    for name, raw in (data.get("generics") or {}).items():
        where = f"generics.{name}"
        spec = check.entry(raw, _GENERIC, file, where)
        route = spec.get("route")
        generics[name] = Generic(
            name=name,
            drug_class=check.need(spec.get("class"), check.classes, "drug class", file, where),
            topical_class=(
                check.need(spec["topical_class"], check.classes, "drug class", file, where)
                if spec.get("topical_class")
                else None
            ),
            route=check.need(route, check.routes, "route", file, where) if route else None,
            patch_route=(
                check.need(spec["patch_route"], check.routes, "route", file, where)
                if spec.get("patch_route")
                else None
            ),
        )
        names.append((name, DrugName(name, (name,), is_brand=False)))
        for alias in check.phrases(spec.get("aliases"), file, f"{where}.aliases"):
            names.append((alias, DrugName(name, (name,), is_brand=False)))
            others.append((alias, name))
        brands = spec.get("brands") or []
        if isinstance(brands, list):
            brands = dict.fromkeys(check.phrases(brands, file, f"{where}.brands"))
        for brand, raw_brand in brands.items():
            extra = check.entry(raw_brand, _BRAND, file, f"{where}.brands.{brand}")
            brand_route = extra.get("route")
            if brand_route:
                check.need(brand_route, check.routes, "route", file, f"{where}.brands.{brand}")
            entry = DrugName(brand, (name,), is_brand=True, route=brand_route)
            misspelled = check.phrases(extra.get("aliases"), file, f"{where}.brands.{brand}.aliases")
            for phrase in [brand, *misspelled]:
                names.append((phrase, entry))
                others.append((phrase, name))
    for product, raw in (data.get("products") or {}).items():
        where = f"products.{product}"
        spec = check.entry(raw, _PRODUCT, file, where)
        parts = tuple(check.phrases(spec.get("generics"), file, f"{where}.generics"))
        for part in parts:
            if part not in generics:
                raise KnowledgeBaseError(
                    f"ingredient {part!r} is not a generic in this file",
                    file=check.directory / file,
                    key=where,
                )
        names.append(
            (
                product,
                DrugName(
                    product,
                    parts,
                    is_brand=True,
                    drug_class=check.need(spec.get("class"), check.classes, "drug class", file, where),
                    route=check.need(spec.get("route"), check.routes, "route", file, where),
                ),
            )
        )
        if parts:
            others.append((product, parts[0]))
    return generics, _unique(names, check.directory / file, "generics/products"), others


def _load_services(data: dict[str, Any], check: _Checker) -> list[tuple[str, ServiceRule]]:
    file = "services.yaml"
    names: list[tuple[str, ServiceRule]] = []
    for index, raw in enumerate(data.get("services") or []):
        where = f"services[{index}]"
        spec = check.entry(raw, _SERVICE, file, where)
        service = spec.get("service")
        by_region = dict(spec.get("by_region") or {})
        if service is None and not by_region:
            raise KnowledgeBaseError(
                "entry needs `service` or `by_region`", file=check.directory / file, key=where
            )
        if service is not None:
            check.need(service, set(check.services), "service", file, where)
        for region, target in by_region.items():
            if region != "other":
                check.need(region, check.regions, "body region", file, f"{where}.by_region")
            check.need(target, set(check.services), "service", file, f"{where}.by_region")
        if by_region and "other" not in by_region:
            raise KnowledgeBaseError(
                "by_region needs an `other` service", file=check.directory / file, key=where
            )
        by_modifier = dict(spec.get("by_modifier") or {})
        for target in by_modifier.values():
            check.need(target, set(check.services), "service", file, f"{where}.by_modifier")
        rule = ServiceRule(spec.get("rank", 0), service, by_region, by_modifier)
        names.extend((phrase, rule) for phrase in check.phrases(spec.get("names"), file, f"{where}.names"))
    return _unique(names, check.directory / file, "services")


def _load_terms(data: dict[str, Any], check: _Checker) -> dict[str, Any]:
    file = "request_terms.yaml"
    regions: list[tuple[str, RegionName]] = []
    for index, raw in enumerate(data.get("body_regions") or []):
        where = f"body_regions[{index}]"
        spec = check.entry(raw, _REGION, file, where)
        listed = spec.get("regions") or [spec.get("region")]
        parts = tuple(check.need(r, check.regions, "body region", file, where) for r in listed)
        side = spec.get("laterality")
        if side is not None:
            check.need(side, check.laterality, "laterality", file, where)
        entry = RegionName(parts, side)
        regions.extend((phrase, entry) for phrase in check.phrases(spec.get("names"), file, f"{where}.names"))
    sides = [
        (phrase, check.need(side, check.laterality, "laterality", file, "laterality"))
        for side, phrases in (data.get("laterality") or {}).items()
        for phrase in check.phrases(phrases, file, f"laterality.{side}")
    ]
    before_region = {
        phrase_key(phrase): check.need(side, check.laterality, "laterality", file, "before_region_only")
        for side, phrases in (data.get("before_region_only") or {}).items()
        for phrase in check.phrases(phrases, file, f"before_region_only.{side}")
    }
    modifiers = [
        (phrase, str(name))
        for name, phrases in (data.get("modifiers") or {}).items()
        for phrase in check.phrases(phrases, file, f"modifiers.{name}")
    ]
    level_regions = {
        str(letter): check.need(region, check.regions, "body region", file, "level_regions")
        for letter, region in (data.get("level_regions") or {}).items()
    }
    numbers = check.numbers(data.get("numbers"), int, file, "numbers")
    return {
        "regions": _unique(regions, check.directory / file, "body_regions"),
        "laterality": _unique(sides, check.directory / file, "laterality"),
        "before_region": before_region,
        "modifiers": _unique(modifiers, check.directory / file, "modifiers"),
        "common_words": frozenset(
            phrase_key(w) for w in check.phrases(data.get("common_words"), file, "common_words")
        ),
        "level_regions": level_regions,
        "numbers": {str(k): v for k, v in numbers.items()},
    }


def load_vocab(directory: Path = VOCAB_DIR) -> Vocab:
    """Read and check the vocabulary in `directory`; raises KnowledgeBaseError naming file and key."""
    canonical = _read("canonical.yaml", directory)
    check = _Checker(canonical, directory)
    drugs = check.entry(_read("drugs.yaml", directory), _DRUGS_FILE, "drugs.yaml", "(top level)")
    generics, drug_names, other_drug_names = _load_drugs(drugs, check)
    services = _load_services(
        check.entry(_read("services.yaml", directory), _SERVICES_FILE, "services.yaml", "(top level)"), check
    )
    terms = _load_terms(
        check.entry(_read("request_terms.yaml", directory), _TERMS_FILE, "request_terms.yaml", "(top level)"),
        check,
    )
    priority = tuple(
        check.need(c, check.classes, "drug class", "drugs.yaml", "combination_class_priority")
        for c in drugs.get("combination_class_priority") or []
    )
    forms = [
        (
            phrase,
            check.need(route, {*check.routes, "patch", "compounded"}, "form route", "drugs.yaml", "forms"),
        )
        for route, phrases in (drugs.get("forms") or {}).items()
        for phrase in check.phrases(phrases, "drugs.yaml", f"forms.{route}")
    ]
    frequencies = [
        (str(k), float(v))
        for k, v in check.numbers(drugs.get("frequencies"), float, "drugs.yaml", "frequencies").items()
    ]
    as_needed = [(p, True) for p in check.phrases(drugs.get("as_needed"), "drugs.yaml", "as_needed")]
    all_phrases = [p for p, _ in drug_names + services + terms["regions"] + terms["laterality"]]
    all_phrases += [p for p, _ in terms["modifiers"] + forms + frequencies]
    known = frozenset(word for phrase in all_phrases for word in phrase_key(phrase).split())
    fuzzy = tuple(
        sorted(
            {
                phrase_key(p)
                for p, _ in drug_names + services + terms["regions"]
                if " " not in phrase_key(p) and len(phrase_key(p)) >= 5 and phrase_key(p).isalpha()
            }
        )
    )
    return Vocab(
        generics=generics,
        drug_names=PhraseIndex(drug_names),
        combination_priority=priority,
        frequencies=PhraseIndex(frequencies),
        as_needed=PhraseIndex(as_needed),
        forms=PhraseIndex(forms),
        ner_ignore=frozenset(
            w.lower() for w in check.phrases(drugs.get("ner_ignore"), "drugs.yaml", "ner_ignore")
        ),
        services=PhraseIndex(services),
        service_kinds=check.services,
        regions=PhraseIndex(terms["regions"]),
        level_regions=terms["level_regions"],
        laterality=PhraseIndex(terms["laterality"]),
        laterality_before_region=terms["before_region"],
        modifiers=PhraseIndex(terms["modifiers"]),
        numbers=terms["numbers"],
        known_words=known | frozenset(terms["numbers"]) | terms["common_words"],
        fuzzy_targets=fuzzy,
        other_drug_names=tuple(other_drug_names),
    )


@lru_cache(maxsize=1)
def vocab() -> Vocab:
    """The packaged vocabulary, loaded once per process."""
    return load_vocab()
