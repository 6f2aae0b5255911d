"""Concept descriptions go into the rationale's sentences ("In this case, no {what} is documented"),
so each reads as a noun phrase: a list inside one says "or"/"and" or stands in parentheses; a bare
comma list ("aberrant behaviour, inconsistent screen") reads as two findings run together."""

from __future__ import annotations

import re

from imr.engine.criteria.lookup import concept_words
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


def test_every_concept_a_criterion_names_has_a_description() -> None:
    # without one the rationale falls back to the concept id's last word ("do not show weakness,
    # shoulder or another of the findings"); a region of a described group takes the group's words
    kb = load_knowledge().guidelines
    named = {
        concept
        for topic in kb.topics.values()
        for version in topic.versions
        for criterion in version.criteria or []
        for concept in getattr(criterion, "concepts", None) or []
    }
    # "finding" alone is the whole category (any finding at all), worded by its criterion
    bare = {c for c in named - {"finding"} if concept_words(kb, c) == c.split(".")[-1].replace("_", " ")}
    assert not bare
    assert concept_words(kb, "finding.imaging_lesion.shoulder").endswith("examination (shoulder)")
    assert concept_words(kb, "finding.imaging_lesion.ankle_foot").endswith("(ankle and foot)")


def test_descriptions_carry_no_notes_for_developers() -> None:
    # "the records document … pain complaint (pain scores attach here)" was read by a physician
    kb = load_knowledge().guidelines
    notes = re.compile(r"=|\battach(?:es)? here\b|\bvalue\b|\bmention\b", re.IGNORECASE)
    assert not {c: t for c, t in kb.concepts.items() if notes.search(t)}
