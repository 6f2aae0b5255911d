"""Knowledge-base topics of a normalized item, when the guideline stage offers `topics_for`."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import lru_cache
from typing import cast

from imr.models import NormalizedItem

TopicsFor = Callable[[NormalizedItem], list[str]]


@lru_cache(maxsize=1)
def _topics_for() -> TopicsFor | None:
    # imported lazily: the guideline stage sits beside this one and may import it in turn
    try:
        module = importlib.import_module("imr.guidelines")
    except ImportError:
        return None
    function = getattr(module, "topics_for", None)
    return cast(TopicsFor, function) if callable(function) else None


def topics_of(item: NormalizedItem) -> list[str]:
    """Topic ids covering `item`, most specific first; empty when no knowledge base is available."""
    if not item.recognized:
        return []
    function = _topics_for()
    return list(function(item)) if function is not None else []
