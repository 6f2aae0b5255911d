"""What kind of treatment a disputed item's request is (drug, acupuncture, imaging …), for statistics.

The request normalizer (imr.items) reads the request; therapies are counted by their service, everything
else by its kind, and a request it cannot read is "other".
"""

from __future__ import annotations

from imr.items import normalize_request
from imr.knowledge import Knowledge
from imr.models import ItemKind

OTHER = "other"


def treatment_kind(request: str, knowledge: Knowledge) -> str:
    """The kind of treatment a request asks for; "other" when the request cannot be read."""
    item = normalize_request(request, knowledge)
    if not item.recognized or item.kind in (ItemKind.UNRECOGNIZED, ItemKind.OTHER):
        return OTHER
    if item.kind is ItemKind.SERVICE and item.service:
        return item.service
    return item.kind.value
