"""Concept descriptions go into the rationale's sentences ("In this case, no {what} is documented"),
so each reads as a noun phrase: a list inside one says "or"/"and" or stands in parentheses; a bare
comma list ("aberrant behaviour, inconsistent screen") reads as two findings run together."""

from __future__ import annotations

import re

from imr.knowledge import load_knowledge

OUTSIDE_PARENTHESES = re.compile(r"\([^)]*\)")


def test_no_description_is_a_bare_comma_list() -> None:
    kb = load_knowledge().guidelines
    bare = {
        concept: text
        for concept, text in kb.concepts.items()
        if "," in OUTSIDE_PARENTHESES.sub("", text)
        and not re.search(r"\b(?:or|and|of|with|without|for|by)\b", OUTSIDE_PARENTHESES.sub("", text))
    }
    assert not bare, bare
