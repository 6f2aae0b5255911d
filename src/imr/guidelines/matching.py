"""Which topics cover a normalized item, and how specifically (higher score = more specific)."""

from __future__ import annotations

from imr.guidelines.model import AppliesTo
from imr.models import ItemKind, NormalizedItem

# Specificity weights: a named drug beats its class, a class or service beats a bare kind.
_GENERIC = 30
_CLASS = 20
_SERVICE = 20
_KIND = 5
_REGION = 5
_ROUTE = 3


def item_generics(item: NormalizedItem) -> set[str]:
    """Every generic the item names (a compound names several)."""
    names = set(item.generics)
    if item.generic:
        names.add(item.generic)
    return names


def item_route(item: NormalizedItem) -> str | None:
    """The route, taking an unstated route of a drug as oral (how requests are written)."""
    if item.route:
        return item.route
    return "oral" if item.kind == ItemKind.DRUG else None


def match_score(applies: AppliesTo, item: NormalizedItem) -> int | None:
    """How specifically `applies` covers `item`, or None when it does not cover it."""
    score: int | None = None
    generics = item_generics(item)
    if applies.generics and generics:
        single = item.generic in applies.generics if item.generic else False
        every = bool(item.generics) and set(item.generics) <= set(applies.generics)
        if single or every:
            score = _GENERIC
    if applies.drug_classes and item.drug_class in applies.drug_classes:
        score = max(score or 0, _CLASS)
    if applies.services and item.service in applies.services:
        score = max(score or 0, _SERVICE)
    if applies.kinds and item.kind.value in applies.kinds:
        score = max(score or 0, _KIND)
    if score is None:
        return None
    if applies.exclude_generics and generics & set(applies.exclude_generics):
        return None
    if applies.routes:
        route = item_route(item)
        if route not in applies.routes:
            return None
        score += _ROUTE
    if applies.body_regions:
        if not set(item.body_regions) & set(applies.body_regions):
            return None
        score += _REGION
    return score
