"""The request vocabulary (vocab/*.yaml): strict file models, and the look-up tables built from them.

canonical.yaml names every service, drug class, body region, laterality and route; drugs.yaml,
services.yaml and request_terms.yaml say how requests write them. Names are checked against
canonical.yaml and a phrase may have one meaning only; every problem is located (file, key).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from imr.knowledge.problems import Problems, SourceMap
from imr.text.request_phrases import PhraseIndex, phrase_key

# The shortest word of a longer service or region name that a misspelling may be read as.
_LONG_WORD = 6

# A phrase a request may use: a non-empty name.
Name = Annotated[str, Field(pattern=r"\S")]


class Data(BaseModel):
    """Base of every vocabulary model: unknown keys are errors, never ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


# ---- canonical.yaml


class ServiceSpec(Data):
    kind: str = "service"
    label: str | None = None  # how prose names it when not its name with spaces ("TENS", "MRI")


class DrugClassSpec(Data):
    """A canonical drug class and how prose names it ("NSAIDs")."""

    label: str | None = None


class Canonical(Data):
    """The canonical names every other file (and the guideline topics) must use."""

    services: dict[str, ServiceSpec]
    drug_classes: dict[str, DrugClassSpec]

    def service_label(self, service: str) -> str:
        """The service in prose: its label, else its name with spaces ("physical therapy")."""
        spec = self.services.get(service)
        return spec.label if spec is not None and spec.label else service.replace("_", " ")

    def class_label(self, drug_class: str) -> str:
        """The class in prose: its label, else its name with spaces ("muscle relaxant")."""
        spec = self.drug_classes.get(drug_class)
        return spec.label if spec is not None and spec.label else drug_class.replace("_", " ")

    body_regions: list[str]
    laterality: list[str]
    routes: list[str]


# ---- drugs.yaml


class BrandSpec(Data):
    route: str | None = None
    aliases: list[Name] = Field(default_factory=list)


def _brands_as_mapping(value: object) -> object:
    """Brands may be listed by name alone: [Soma] is {Soma: {}}."""
    return dict.fromkeys(value) if isinstance(value, list) else value


class GenericSpec(Data):
    drug_class: str = Field(alias="class")
    topical_class: str | None = None
    route: str | None = None
    patch_route: str | None = None
    brands: Annotated[dict[Name, BrandSpec | None], BeforeValidator(_brands_as_mapping)] = Field(
        default_factory=dict
    )
    aliases: list[Name] = Field(default_factory=list)


class ProductSpec(Data):
    generics: list[Name] = Field(default_factory=list)
    drug_class: str = Field(alias="class")
    route: str
    in_records: str | None = Field(
        default=None, description="The generic a mention in a record counts as (default: the first)."
    )
    # the strength of an ingredient the product always has ("Medrox": capsaicin 0.0375 %), read into a
    # request that names the product without its strengths
    strengths: dict[Name, float] = Field(default_factory=dict)
    strength_unit: str = "%"
    # other spellings of the product's name ("Lido Pro" for LidoPro)
    aliases: list[Name] = Field(default_factory=list)


class DrugsFile(Data):
    generics: dict[str, GenericSpec]
    products: dict[str, ProductSpec] = Field(default_factory=dict)
    combination_class_priority: list[str] = Field(default_factory=list)
    frequencies: dict[str, float] = Field(default_factory=dict)
    as_needed: list[Name] = Field(default_factory=list)
    forms: dict[str, list[Name]] = Field(default_factory=dict)
    ner_ignore: list[Name] = Field(default_factory=list)


# ---- services.yaml


class ServiceEntry(Data):
    service: str | None = None
    by_region: dict[str, str] = Field(default_factory=dict)
    by_modifier: dict[str, str] = Field(default_factory=dict)
    names: list[Name] = Field(default_factory=list)
    rank: int = 0
    # the services it delivers: listed with it in one request ("Home health RN and home PT"), they
    # are parts of it, and the request is for it
    includes: list[str] = Field(default_factory=list)
    # a name read only by its region ("injection" of a joint) yields to a drug the request names,
    # unless the drug is of one of these classes (what the service injects: "Kenalog injection R knee")
    yields_to_drugs_except: list[str] | None = None


class ServicesFile(Data):
    services: list[ServiceEntry]


# ---- request_terms.yaml


class RegionEntry(Data):
    region: str | None = None
    regions: list[str] = Field(default_factory=list)
    laterality: str | None = None
    names: list[Name] = Field(default_factory=list)


class RequestTermsFile(Data):
    body_regions: list[RegionEntry] = Field(default_factory=list)
    level_regions: dict[str, str] = Field(default_factory=dict)
    laterality: dict[str, list[Name]] = Field(default_factory=dict)
    before_region_only: dict[str, list[Name]] = Field(default_factory=dict)
    modifiers: dict[str, list[Name]] = Field(default_factory=dict)
    surgery_context: list[Name] = Field(default_factory=list)
    numbers: dict[str, int] = Field(default_factory=dict)
    common_words: list[Name] = Field(default_factory=list)


# ---- the compiled vocabulary the request normalizer reads


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
    strengths: tuple[tuple[str, float, str], ...] = ()  # products only: (ingredient, value, unit)


@dataclass(frozen=True, slots=True)
class ServiceRule:
    """How a service name reads: one canonical service, or one chosen by region or modifier."""

    rank: int
    service: str | None
    by_region: dict[str, str]
    by_modifier: dict[str, str]
    includes: frozenset[str] = frozenset()
    yields_to_drugs_except: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class RegionName:
    """A body-region name: the canonical regions it means and any laterality it implies."""

    regions: tuple[str, ...]
    laterality: str | None


@dataclass(frozen=True, eq=False)
class Vocab:
    """Everything the normalizer reads from data (compared by identity: one per knowledge)."""

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
    # Words that make the surgery named right after them the context of a request ("s/p TKA").
    surgery_context: frozenset[str] = frozenset()
    known_words: frozenset[str] = field(default_factory=frozenset)
    fuzzy_targets: tuple[str, ...] = ()
    fuzzy_parts: tuple[str, ...] = ()
    # Brand names, brand misspellings and generic aliases → the generic they name (a product's first
    # ingredient), as written in drugs.yaml: the facts stage's drug dictionary adds them.
    other_drug_names: tuple[tuple[str, str], ...] = ()


@dataclass
class VocabFiles:
    """The four vocabulary files as validated, with where their keys are."""

    canonical: Canonical
    drugs: DrugsFile
    services: ServicesFile
    terms: RequestTermsFile
    sources: dict[str, SourceMap]


class _Check:
    """Checks names against canonical.yaml, adding a located problem for each one that is not there."""

    def __init__(self, files: VocabFiles, problems: Problems) -> None:
        canonical = files.canonical
        self.sources = files.sources
        self.problems = problems
        self.services = set(canonical.services)
        self.classes = set(canonical.drug_classes)
        self.regions = set(canonical.body_regions)
        self.laterality = set(canonical.laterality)
        self.routes = set(canonical.routes)

    def need(
        self, value: str | None, allowed: set[str], what: str, file: str, loc: tuple[object, ...]
    ) -> None:
        if value is None or value not in allowed:
            self.problems.add(
                f"{what} {value!r} is not in canonical.yaml (expected one of: {', '.join(sorted(allowed))})",
                self.sources[file],
                loc,
            )

    def unique(self, entries: list[tuple[str, Any]], file: str, section: str) -> list[tuple[str, Any]]:
        seen: dict[str, Any] = {}
        for phrase, payload in entries:
            key = phrase_key(phrase)
            if key in seen and seen[key] != payload:
                self.problems.add(f"name {phrase!r} is given two meanings", self.sources[file], (section,))
            seen[key] = payload
        return entries


def _drugs(
    data: DrugsFile, check: _Check
) -> tuple[dict[str, Generic], list[tuple[str, DrugName]], list[tuple[str, str]]]:
    """Generics, every drug name with its meaning, and the names that are not generics → a generic."""
    file = "drugs.yaml"
    generics: dict[str, Generic] = {}
    names: list[tuple[str, DrugName]] = []
    others: list[tuple[str, str]] = []
    for name, spec in data.generics.items():
        where = ("generics", name)
        check.need(spec.drug_class, check.classes, "drug class", file, (*where, "class"))
        if spec.topical_class:
            check.need(spec.topical_class, check.classes, "drug class", file, (*where, "topical_class"))
        if spec.route:
            check.need(spec.route, check.routes, "route", file, (*where, "route"))
        if spec.patch_route:
            check.need(spec.patch_route, check.routes, "route", file, (*where, "patch_route"))
        generics[name] = Generic(
            name=name,
            drug_class=spec.drug_class,
            topical_class=spec.topical_class or None,
            route=spec.route or None,
            patch_route=spec.patch_route or None,
        )
        names.append((name, DrugName(name, (name,), is_brand=False)))
        for alias in spec.aliases:
            names.append((alias, DrugName(name, (name,), is_brand=False)))
            others.append((alias, name))
        for brand, brand_spec in spec.brands.items():
            extra = brand_spec or BrandSpec()
            if extra.route:
                check.need(extra.route, check.routes, "route", file, (*where, "brands", brand, "route"))
            entry = DrugName(brand, (name,), is_brand=True, route=extra.route or None)
            for phrase in [brand, *extra.aliases]:
                names.append((phrase, entry))
                others.append((phrase, name))
    for product, product_spec in data.products.items():
        where = ("products", product)
        parts = tuple(product_spec.generics)
        for part in parts:
            if part not in generics:
                check.problems.add(
                    f"ingredient {part!r} is not a generic in this file",
                    check.sources[file],
                    (*where, "generics"),
                )
        check.need(product_spec.drug_class, check.classes, "drug class", file, (*where, "class"))
        check.need(product_spec.route, check.routes, "route", file, (*where, "route"))
        for ingredient in product_spec.strengths:
            if ingredient not in parts:
                check.problems.add(
                    f"strength of {ingredient!r}, which is not one of the product's generics",
                    check.sources[file],
                    (*where, "strengths"),
                )
        product_name = DrugName(
            product,
            parts,
            is_brand=True,
            drug_class=product_spec.drug_class,
            route=product_spec.route,
            strengths=tuple((g, v, product_spec.strength_unit) for g, v in product_spec.strengths.items()),
        )
        for phrase in [product, *product_spec.aliases]:
            names.append((phrase, product_name))
        if product_spec.in_records is not None and product_spec.in_records not in parts:
            check.problems.add(
                f"in_records {product_spec.in_records!r} is not one of the product's generics",
                check.sources[file],
                (*where, "in_records"),
            )
        if parts:
            for phrase in [product, *product_spec.aliases]:
                others.append((phrase, product_spec.in_records or parts[0]))
    return generics, check.unique(names, file, "generics/products"), others


def _services(data: ServicesFile, check: _Check) -> list[tuple[str, ServiceRule]]:
    file = "services.yaml"
    source = check.sources[file]
    names: list[tuple[str, ServiceRule]] = []
    for index, spec in enumerate(data.services):
        where = ("services", index)
        if spec.service is None and not spec.by_region:
            check.problems.add("entry needs `service` or `by_region`", source, where)
        if spec.service is not None:
            check.need(spec.service, check.services, "service", file, (*where, "service"))
        for region, target in spec.by_region.items():
            if region != "other":
                check.need(region, check.regions, "body region", file, (*where, "by_region", region))
            check.need(target, check.services, "service", file, (*where, "by_region", region))
        if spec.by_region and "other" not in spec.by_region and spec.yields_to_drugs_except is None:
            # a name read only by its region says so (yields_to_drugs_except), else a region missing
            # from the list is a slip
            check.problems.add(
                "by_region needs an `other` service "
                "(or yields_to_drugs_except, for a name read only by region)",
                source,
                (*where, "by_region"),
            )
        for drug_class in spec.yields_to_drugs_except or []:
            check.need(drug_class, check.classes, "drug class", file, (*where, "yields_to_drugs_except"))
        for modifier, target in spec.by_modifier.items():
            check.need(target, check.services, "service", file, (*where, "by_modifier", modifier))
        for part in spec.includes:
            check.need(part, check.services, "service", file, (*where, "includes"))
        rule = ServiceRule(
            spec.rank,
            spec.service,
            dict(spec.by_region),
            dict(spec.by_modifier),
            frozenset(spec.includes),
            None if spec.yields_to_drugs_except is None else frozenset(spec.yields_to_drugs_except),
        )
        names.extend((phrase, rule) for phrase in spec.names)
    return check.unique(names, file, "services")


def compile_vocab(files: VocabFiles, problems: Problems) -> Vocab:
    """The normalizer's look-up tables; problems get every name that is not canonical."""
    check = _Check(files, problems)
    drugs, terms = files.drugs, files.terms
    generics, drug_names, other_drug_names = _drugs(drugs, check)
    services = _services(files.services, check)
    regions: list[tuple[str, RegionName]] = []
    for index, spec in enumerate(terms.body_regions):
        where = ("body_regions", index)
        listed: list[str | None] = [*spec.regions] or [spec.region]
        for region in listed:
            check.need(region, check.regions, "body region", "request_terms.yaml", where)
        if spec.laterality is not None:
            check.need(spec.laterality, check.laterality, "laterality", "request_terms.yaml", where)
        entry = RegionName(tuple(r for r in listed if r is not None), spec.laterality)
        regions.extend((phrase, entry) for phrase in spec.names)
    for side in [*terms.laterality, *terms.before_region_only]:
        check.need(side, check.laterality, "laterality", "request_terms.yaml", ("laterality", side))
    sides = [(phrase, side) for side, phrases in terms.laterality.items() for phrase in phrases]
    before_region = {
        phrase_key(phrase): side for side, phrases in terms.before_region_only.items() for phrase in phrases
    }
    modifiers = [(phrase, name) for name, phrases in terms.modifiers.items() for phrase in phrases]
    for letter, region in terms.level_regions.items():
        check.need(region, check.regions, "body region", "request_terms.yaml", ("level_regions", letter))
    priority = tuple(drugs.combination_class_priority)
    for position, drug_class in enumerate(priority):
        check.need(
            drug_class, check.classes, "drug class", "drugs.yaml", ("combination_class_priority", position)
        )
    form_routes = {*check.routes, "patch", "compounded"}
    for route in drugs.forms:
        check.need(route, form_routes, "form route", "drugs.yaml", ("forms", route))
    forms = [(phrase, route) for route, phrases in drugs.forms.items() for phrase in phrases]
    frequencies = [(phrase, float(per_day)) for phrase, per_day in drugs.frequencies.items()]
    as_needed = [(phrase, True) for phrase in drugs.as_needed]
    regions = check.unique(regions, "request_terms.yaml", "body_regions")
    sides = check.unique(sides, "request_terms.yaml", "laterality")
    modifiers = check.unique(modifiers, "request_terms.yaml", "modifiers")
    all_phrases = [p for p, _ in drug_names + services + regions + sides]
    all_phrases += [p for p, _ in modifiers + forms + frequencies]
    known = frozenset(word for phrase in all_phrases for word in phrase_key(phrase).split())
    fuzzy = tuple(
        sorted(
            {
                phrase_key(p)
                for p, _ in drug_names + services + regions
                if " " not in phrase_key(p) and len(phrase_key(p)) >= 5 and phrase_key(p).isalpha()
            }
        )
    )
    # words of a service's or region's longer name, that a misspelling may be read as when the
    # corrected word then completes that name ("phyical therapy", "physical therpy")
    fuzzy_parts = tuple(
        sorted(
            {
                word
                for p, _ in services + regions
                for word in phrase_key(p).split()
                if " " in phrase_key(p) and len(word) >= _LONG_WORD and word.isalpha()
            }
            - set(fuzzy)
        )
    )
    return Vocab(
        generics=generics,
        drug_names=PhraseIndex(drug_names),
        combination_priority=priority,
        frequencies=PhraseIndex(frequencies),
        as_needed=PhraseIndex(as_needed),
        forms=PhraseIndex(forms),
        ner_ignore=frozenset(word.lower() for word in drugs.ner_ignore),
        services=PhraseIndex(services),
        service_kinds={name: spec.kind for name, spec in files.canonical.services.items()},
        regions=PhraseIndex(regions),
        level_regions=dict(terms.level_regions),
        laterality=PhraseIndex(sides),
        laterality_before_region=before_region,
        modifiers=PhraseIndex(modifiers),
        numbers=dict(terms.numbers),
        surgery_context=frozenset(phrase_key(p) for p in terms.surgery_context),
        known_words=known | frozenset(terms.numbers) | frozenset(phrase_key(w) for w in terms.common_words),
        fuzzy_targets=fuzzy,
        fuzzy_parts=fuzzy_parts,
        other_drug_names=tuple(other_drug_names),
    )
