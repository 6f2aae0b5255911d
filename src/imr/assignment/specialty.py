"""How well a reviewer's specialties fit a disputed item (vocab/specialties.yaml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from imr.assignment.data import specialty_map
from imr.knowledge.procedure import FitLists
from imr.models.items import NormalizedItem
from imr.models.reviewer import Reviewer


@dataclass(frozen=True)
class ItemFit:
    """One item against one reviewer: the weight (0 when nothing fits) and the words to explain it."""

    item: NormalizedItem
    weight: float
    looked_up_by: str  # e.g. "service acupuncture"
    matched: str | None  # label of the reviewer specialty that fits, if any
    tier: str | None  # "preferred" | "accepted"
    wanted: list[str]  # labels of the specialties that would fit


def normalize(text: str) -> str:
    """Case, '&' vs 'and', punctuation and spacing ignored."""
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold().replace("&", " and ")).split())


@cache
def _alias_index() -> dict[str, str]:
    data = specialty_map()
    index: dict[str, str] = {}
    for specialty_id, spec in data.specialties.items():
        for name in (specialty_id.replace("_", " "), spec.label, *spec.aliases):
            index[normalize(name)] = specialty_id
    return index


def reviewer_specialties(reviewer: Reviewer) -> tuple[list[str], list[str]]:
    """The reviewer's specialty ids (from specialties, board certifications and subspecialties), and the
    names that specialties.yaml does not know."""
    index = _alias_index()
    known: list[str] = []
    unknown: list[str] = []
    for name in [*reviewer.specialties, *reviewer.board_certifications, *reviewer.subspecialties]:
        specialty_id = index.get(normalize(name))
        if specialty_id is None:
            if name not in unknown:
                unknown.append(name)
        elif specialty_id not in known:
            known.append(specialty_id)
    return known, unknown


def requirement(item: NormalizedItem) -> tuple[str, FitLists]:
    """The specialty lists for an item: by service, then drug class, then kind, then the default."""
    data = specialty_map()
    if item.service and item.service in data.services:
        return f"service {item.service}", data.services[item.service]
    if item.drug_class and item.drug_class in data.drug_classes:
        return f"drug class {item.drug_class}", data.drug_classes[item.drug_class]
    if item.kind.value in data.kinds:
        return f"kind {item.kind.value}", data.kinds[item.kind.value]
    return "the default list (item not recognized)", data.default


def item_fit(item: NormalizedItem, specialty_ids: list[str]) -> ItemFit:
    """The best fit of any of `specialty_ids` to `item`."""
    data = specialty_map()
    looked_up_by, lists = requirement(item)
    preferred, accepted = data.expand(lists.preferred), data.expand(lists.accepted)
    wanted = [data.specialties[s].label for s in [*preferred, *accepted]]
    for tier, members, weight in (
        ("preferred", preferred, data.fit.preferred),
        ("accepted", accepted, data.fit.accepted),
    ):
        for specialty_id in specialty_ids:
            if specialty_id in members:
                label = data.specialties[specialty_id].label
                return ItemFit(item, weight, looked_up_by, label, tier, wanted)
    return ItemFit(item, 0.0, looked_up_by, None, None, wanted)


def label(specialty_id: str) -> str:
    return specialty_map().specialties[specialty_id].label
