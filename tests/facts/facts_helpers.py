"""Assertion helpers shared by the fact-extraction tests."""

from __future__ import annotations

from imr.models.facts import Fact


def only(facts: list[Fact], concept: str, text: str | None = None) -> Fact:
    """The one fact of `concept` (whose text is `text`, if given)."""
    found = [
        f
        for f in facts
        if f.concept == concept and (text is None or " ".join(f.text.lower().split()) == text)
    ]
    assert len(found) == 1, f"expected one {concept} {text or ''}, got {[(f.text, f.start) for f in found]}"
    return found[0]
