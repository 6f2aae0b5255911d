"""Earlier IMRs on the same item: linked to the new case so its reviewer sees them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from imr.models.application import PriorReview
from imr.models.items import NormalizedItem


def same_item(item: NormalizedItem, prior: PriorReview) -> bool:
    """Same service (and body region where both name one), else same generic drug, else same request text."""
    other = prior.normalized
    if other is not None:
        if item.service and other.service:
            regions = set(item.body_regions) & set(other.body_regions)
            return item.service == other.service and (
                bool(regions) or not item.body_regions or not other.body_regions
            )
        if item.generic and other.generic:
            return item.generic.casefold() == other.generic.casefold()
    return _text_key(item.request) == _text_key(prior.item)


def related_prior_reviews(
    items: Sequence[NormalizedItem], prior_reviews: Sequence[PriorReview]
) -> list[PriorReview]:
    """The prior reviews on any of `items`, most recent first."""
    related = [p for p in prior_reviews if any(same_item(item, p) for item in items)]
    return sorted(related, key=lambda p: p.decided_on or dt.date.min, reverse=True)


def _text_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w#%]+", " ", text.casefold()).split())
