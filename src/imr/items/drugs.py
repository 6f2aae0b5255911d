"""Which drug a request names: brand, generic(s), route and MTUS class.

Our vocabulary (drugs.yaml) is read first; drug-named-entity-recognition is asked only about words
the vocabulary does not know. Several drugs in one request are a combination only when written as one
("hydrocodone/APAP", "Flurbiprofen/Cyclobenzaprine/Lidocaine cream"); otherwise the request is not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from imr.items.ner import find_ner_drugs
from imr.knowledge import Knowledge
from imr.knowledge.vocabulary import DrugName, Vocab
from imr.text.request_phrases import Token

# Text allowed between the names of one combination product; removed piece by piece (a single
# "consists only of" pattern backtracks exponentially on long gaps).
# A colon introduces a compound's ingredients: "Compound cream: amitriptyline/gabapentin".
# A unit may be written against its number ("10mg/APAP 325mg").
_JOINER_PIECES = re.compile(
    r"\band\b|\bwith\b|\bw/|\bplus\b|\d+(?:\.\d+)?(?:mg|mcg|gm|g)?\b|\b(?:mg|mcg|gm|g)\b|[\s/+&,()%:\-]"
)
# A strength in percent ("Flurbiprofen 25%/Cyclobenzaprine 2%") is a skin preparation's: a request
# naming no dose form but a percent strength is for a topical.
_PERCENT = re.compile(r"\d(?:\.\d+)?\s*%")
_AND = re.compile(r",|\band\b")
_DEFAULT_TOPICAL_CLASS = "topical_analgesic"
_COMPOUNDED = "compounded_topical"


@dataclass
class DrugReading:
    """The drug a request names, or why it cannot be read (`problem`)."""

    brand: str | None = None
    generic: str | None = None
    generics: list[str] = field(default_factory=list)
    drug_class: str | None = None
    route: str | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problem: str | None = None
    countable: bool = True
    # the kinds of dose form the request names (drugs.yaml `forms`: oral, topical, patch …)
    forms: list[str] = field(default_factory=list)
    # the strengths the named product always has: (ingredient, value, unit)
    product_strengths: list[tuple[str, float, str]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Mention:
    name: DrugName
    start: int
    end: int
    patch: bool = False


def _vocab_mentions(tokens: list[Token], vocab: Vocab) -> list[_Mention]:
    return [_Mention(m.payload, m.start, m.end) for m in vocab.drug_names.find(tokens)]


def _ner_mentions(tokens: list[Token], knowledge: Knowledge) -> list[_Mention]:
    vocab = knowledge.vocab
    candidates = [
        t
        for t in tokens
        if len(t.text) >= 4
        and t.text.isalpha()
        and t.text not in vocab.known_words
        and t.text not in vocab.ner_ignore
    ]
    if not candidates:
        return []
    words = [t.text for t in tokens]
    allowed = {id(t) for t in candidates}
    mentions: list[_Mention] = []
    for drug in find_ner_drugs(words, knowledge.request_drugs):
        span = tokens[drug.first : drug.last]
        if not any(id(t) in allowed for t in span):
            continue
        surface = " ".join(t.text for t in span)
        is_brand = surface not in drug.generics and "/".join(drug.generics) != surface
        display = surface.title() if is_brand else "/".join(drug.generics)
        mentions.append(
            _Mention(DrugName(display, drug.generics, is_brand), span[0].start, span[-1].end, drug.patch)
        )
    return mentions


def _forms(tokens: list[Token], vocab: Vocab) -> set[str]:
    return {m.payload for m in vocab.forms.find(tokens)}


def find_drug(
    text: str, tokens: list[Token], knowledge: Knowledge, *, use_ner: bool = True
) -> DrugReading | None:
    """The drug named in `text` (lower-cased, tokenized as `tokens`), None when no drug is named."""
    vocab = knowledge.vocab
    mentions = _vocab_mentions(tokens, vocab)
    if not mentions and use_ner:
        mentions = _ner_mentions(tokens, knowledge)
    if not mentions:
        return None
    reading = DrugReading(spans=[(m.start, m.end) for m in mentions])
    generics: list[str] = []
    combined_with_and = False
    for previous, mention in zip([None, *mentions[:-1]], mentions, strict=True):
        new = [g for g in mention.name.generics if g not in generics]
        if previous is not None and new:
            gap = text[previous.end : mention.start]
            if _JOINER_PIECES.sub("", gap):
                return _several_drugs(reading, mentions)
            combined_with_and = combined_with_and or bool(_AND.search(gap))
        generics.extend(new)
    named = _forms(tokens, vocab) | ({"patch"} if any(m.patch for m in mentions) else set())
    forms = named or ({"topical"} if _PERCENT.search(text) else set())
    products = [m.name for m in mentions if m.name.drug_class is not None]
    product = products[0] if products and set(generics) <= set(products[0].generics) else None
    topical = bool(forms & {"topical", "patch", "compounded"})
    if combined_with_and and product is None and len(generics) > 1 and not topical:
        return _several_drugs(reading, mentions)
    brands = [m.name.display for m in mentions if m.name.is_brand]
    reading.brand = brands[0] if brands else None
    reading.product_strengths = list(product.strengths) if product is not None else []
    reading.generics = generics
    reading.generic = "/".join(generics) if generics else None
    reading.route = _route(mentions, generics, forms, product, vocab)
    reading.forms = sorted(named)
    reading.drug_class = _class(generics, reading.route, product, vocab)
    reading.countable = reading.route not in {"topical", _COMPOUNDED} or "patch" in forms
    unknown = [g for g in generics if g not in vocab.generics]
    if unknown and reading.drug_class is None:
        reading.notes.append("drug_class_unknown")
    return reading


def _several_drugs(reading: DrugReading, mentions: list[_Mention]) -> DrugReading:
    names = "; ".join(m.name.display for m in mentions)
    reading.problem = f"names more than one drug ({names}); give one drug per request"
    return reading


def _route(
    mentions: list[_Mention], generics: list[str], forms: set[str], product: DrugName | None, vocab: Vocab
) -> str | None:
    several = len(generics) > 1 and product is None
    # capsaicin, menthol or lidocaine in a mixture make it a skin preparation even with no form named
    skin_only = any(vocab.generics[g].route == "topical" for g in generics if g in vocab.generics)
    if "compounded" in forms or (several and (forms & {"topical", "patch"} or skin_only)):
        return _COMPOUNDED
    if "patch" in forms:
        single = vocab.generics.get(generics[0]) if len(generics) == 1 else None
        return (single.patch_route if single else None) or "topical"
    for form in ("topical", "injection", "sublingual", "intranasal", "rectal", "oral"):
        if form in forms:
            return form
    for mention in mentions:
        if mention.name.route:
            return mention.name.route
    defaults = {vocab.generics[g].route if g in vocab.generics else None for g in generics}
    if len(defaults) == 1:
        return defaults.pop()
    return None


def _class(generics: list[str], route: str | None, product: DrugName | None, vocab: Vocab) -> str | None:
    if route == _COMPOUNDED:
        return _COMPOUNDED
    if product is not None:
        return product.drug_class
    known = [vocab.generics[g] for g in generics if g in vocab.generics]
    if len(known) != len(generics) or not known:
        return None
    if len(known) > 1:
        if route == "topical":
            return _COMPOUNDED
        classes = {g.drug_class for g in known}
        for candidate in vocab.combination_priority:
            if candidate in classes:
                return candidate
        return known[0].drug_class
    single = known[0]
    if route == "topical":
        return single.topical_class or _DEFAULT_TOPICAL_CLASS
    return single.drug_class
