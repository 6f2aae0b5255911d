"""A disputed-item request read into a NormalizedItem: `normalize_request("Flexeril 5mg #60")`."""

from __future__ import annotations

from functools import lru_cache

from imr.errors import RequestParseError
from imr.items.clean import clean_text, mask, spell_numbers
from imr.items.counts import read_counts
from imr.items.dosing import read_dosing
from imr.items.drugs import DrugReading, find_drug
from imr.items.regions import Anatomy, find_anatomy
from imr.items.services import find_service
from imr.items.spelling import correct_spelling
from imr.knowledge import Knowledge
from imr.knowledge.vocabulary import Vocab
from imr.models import ItemKind, NormalizedItem, Strength
from imr.text.request_phrases import Token, tokenize

# Kinds whose "x 1" counts pieces (quantity) rather than sessions.
_COUNTED_AS_QUANTITY = {ItemKind.DME, ItemKind.IMAGING, ItemKind.LAB, ItemKind.SURGERY}
# Modifiers that only make sense for a drug.
_DRUG_ONLY_MODIFIERS = {"extended_release"}
_LONGEST_REQUEST = 2000


def normalize_request(text: str, knowledge: Knowledge) -> NormalizedItem:
    """The normalized form of one request, with the guideline topics that cover it; unreadable text
    gives kind=unrecognized with the reason.

    Raises RequestParseError only when `text` is not a string.
    """
    if not isinstance(text, str):
        raise RequestParseError(f"request must be text, got {type(text).__name__}")
    return _normalize(text, knowledge).model_copy(deep=True)


@lru_cache(maxsize=8192)
def _normalize(text: str, knowledge: Knowledge) -> NormalizedItem:
    item = read_request(text, knowledge)
    if item.recognized:
        item.topics = knowledge.guidelines.topics_for(item)
    return item


def _unrecognized(text: str, reason: str, **found: object) -> NormalizedItem:
    return NormalizedItem.model_validate(
        {
            "request": text,
            "kind": ItemKind.UNRECOGNIZED,
            "recognized": False,
            "unrecognized_reason": reason,
            **found,
        }
    )


def read_request(text: str, knowledge: Knowledge) -> NormalizedItem:
    """Read one request with the knowledge's vocabulary, without looking up topics."""
    vocab = knowledge.vocab
    cleaned = clean_text(text)
    if not any(ch.isalnum() for ch in cleaned):
        return _unrecognized(text, "empty request: no words to read")
    if len(cleaned) > _LONGEST_REQUEST:
        return _unrecognized(text, f"longer than {_LONGEST_REQUEST} characters: not one request")
    work = spell_numbers(cleaned, vocab.numbers)
    tokens, spelling = correct_spelling(tokenize(work), vocab)
    anatomy = find_anatomy(work, tokens, vocab)
    modifiers = list(dict.fromkeys(m.payload for m in vocab.modifiers.find(tokens)))
    service = find_service(work, tokens, anatomy.regions, modifiers, vocab)
    drug = None
    if service is not None and service.yields_to_drugs_except is not None:
        # "Toradol 60 mg IM injection R shoulder" asks for the drug; "Kenalog injection R knee" for the
        # joint injection it is given by
        drug = find_drug(work, tokens, knowledge)
        if (
            drug is not None
            and knowledge.drug_class(drug.generic or "") not in service.yields_to_drugs_except
        ):
            service = None
    if service is not None:
        if service.service is None:
            return _unrecognized(text, service.problem or "unreadable service", body_regions=anatomy.regions)
        return _service_item(
            text, work, service.service, anatomy, [*modifiers, *service.modifiers], spelling, vocab
        )
    drug = drug or find_drug(work, tokens, knowledge)
    if drug is not None:
        if drug.problem is not None:
            return _unrecognized(text, drug.problem, generics=drug.generics)
        return _drug_item(text, work, drug, anatomy, modifiers + spelling, vocab)
    return _unrecognized(text, _nothing_found(tokens, anatomy), body_regions=anatomy.regions)


def _nothing_found(tokens: list[Token], anatomy: Anatomy) -> str:
    reason = "names no drug, service, procedure, visit or equipment in our vocabulary"
    if anatomy.regions:
        reason += f" (found only body region: {', '.join(anatomy.regions)})"
    return reason


def _service_item(
    text: str, work: str, service: str, anatomy: Anatomy, modifiers: list[str], spelling: list[str], v: Vocab
) -> NormalizedItem:
    kind = ItemKind(v.service_kinds[service])
    counts = read_counts(work)
    as_quantity = kind in _COUNTED_AS_QUANTITY
    notes = [m for m in modifiers if m not in _DRUG_ONLY_MODIFIERS]
    return NormalizedItem(
        request=text,
        kind=kind,
        service=service,
        sessions=None if as_quantity else counts.sessions,
        quantity=counts.sessions if as_quantity else None,
        frequency_per_week=counts.frequency_per_week,
        weeks=counts.weeks,
        days=counts.days,
        hours=counts.hours,
        hours_per_week=counts.hours_per_week,
        body_regions=anatomy.regions,
        laterality=anatomy.laterality,
        levels=anatomy.levels,
        modifiers=list(dict.fromkeys(notes + counts.notes + anatomy.notes + spelling)),
    )


def _drug_item(
    text: str, work: str, drug: DrugReading, anatomy: Anatomy, modifiers: list[str], v: Vocab
) -> NormalizedItem:
    masked = work
    for start, end in drug.spans:
        masked = mask(masked, start, end)
    dosing = read_dosing(masked, v, countable=drug.countable)
    return NormalizedItem(
        request=text,
        kind=ItemKind.DRUG,
        brand=drug.brand,
        generic=drug.generic,
        generics=drug.generics,
        drug_class=drug.drug_class,
        route=drug.route,
        dose_forms=drug.forms,
        strength=dosing.strength,
        strengths=_per_ingredient(dosing.amounts, drug.generics or ([drug.generic] if drug.generic else []))
        or [Strength(value=v, unit=u, ingredient=g) for g, v, u in drug.product_strengths],
        quantity=dosing.quantity,
        dosing=dosing.dosing,
        days_supply=dosing.days_supply,
        refills=dosing.refills,
        body_regions=anatomy.regions,
        laterality=anatomy.laterality,
        modifiers=list(dict.fromkeys(modifiers + drug.notes + dosing.notes + anatomy.notes)),
    )


def _per_ingredient(amounts: list[tuple[float, str | None]], generics: list[str]) -> list[Strength]:
    """The strength's numbers, each given its ingredient when there is one number per ingredient in
    the order the drug's name lists them (hydrocodone/acetaminophen 10/325 mg)."""
    paired = len(amounts) == len(generics)
    return [
        Strength(value=value, unit=unit, ingredient=generics[i] if paired else None)
        for i, (value, unit) in enumerate(amounts)
    ]
