"""Reading the facts a criterion names: found, refuted, searched, and numeric derived values."""

from __future__ import annotations

import re
from collections.abc import Iterable

from imr.guidelines import KnowledgeBase
from imr.knowledge import Knowledge
from imr.models import ClinicalFacts, Evidence, Fact, SearchScope
from imr.text.prose import LONGEST_LIST, MAX_QUOTES, join_and, join_or, lower_first
from imr.text.references import ref

# A study named where the physician asks for it (an RFA line) is asked for, not done.
ASKED_SECTIONS = frozenset({"request"})
STUDY_PREFIX = "study."
# Sections that ask for or plan care rather than tell what was found or done.
PLANNED_SECTIONS = frozenset({"plan", "request"})


def affirmed(facts: ClinicalFacts, concepts: Iterable[str]) -> list[Fact]:
    return [
        f
        for c in concepts
        for f in facts.affirmed(c)
        if not (f.concept.startswith(STUDY_PREFIX) and f.section in ASKED_SECTIONS)
    ]


def told_first(found: list[Fact]) -> list[Fact]:
    """What the records tell, before what a plan or request says ("Bleeding gastric ulcer in 2010", not
    "continue omeprazole ... given her history of bleeding ulcer"); the plan when it alone says it."""
    return [f for f in found if f.section not in PLANNED_SECTIONS] or found


def with_kinds(knowledge: Knowledge | None, concepts: Iterable[str]) -> list[str]:
    """`concepts` and every concept that is a kind of one of them (nlp/concepts.yaml `kind_of`), so a
    criterion asking for pain relief accepts a measured "8/10 -> 4/10"."""
    out = list(concepts)
    if knowledge is None:
        return out
    registry = knowledge.nlp.concepts
    grew = True
    while grew:
        grew = False
        for concept, spec in registry.items():
            if concept not in out and any(broader in out for broader in spec.kind_of):
                out.append(concept)
                grew = True
    return out


def refuted(facts: ClinicalFacts, concepts: Iterable[str]) -> list[Fact]:
    """Mentions saying the finding is absent, or that the records do not document it."""
    return [f for c in concepts for f in (*facts.negated(c), *facts.documented_absent(c))]


def evidence(found: Iterable[Fact]) -> list[Evidence]:
    seen: set[tuple[str, int, int]] = set()
    out: list[Evidence] = []
    for fact in found:
        key = (fact.record, fact.start, fact.end)
        if key not in seen:
            seen.add(key)
            out.append(fact.evidence())
    return out


def searched(facts: ClinicalFacts, concepts: Iterable[str]) -> SearchScope:
    """The union of what was searched for each concept (principle 2)."""
    names = list(concepts)
    records: list[str] = []
    sections: list[str] = []
    terms: list[str] = []
    for concept in names:
        scope = facts.scope(concept)
        records += [r for r in scope.records if r not in records]
        sections += [s for s in scope.sections if s not in sections]
        terms += [t for t in scope.terms if t not in terms]
    return SearchScope(concept=", ".join(names), records=records, sections=sections, terms=terms)


def number(facts: ClinicalFacts, name: str) -> tuple[float | None, list[Evidence]]:
    """A numeric derived value, or None when absent or not a number."""
    found = facts.value(name)
    if found is None or isinstance(found.value, bool) or not isinstance(found.value, int | float):
        return None, []
    return float(found.value), found.evidence


_COMPOUND = re.compile(r"\b(?:or|and|of)\b")


def concept_words(kb: KnowledgeBase, concept: str) -> str:
    """A concept's description; for a region of a described group (finding.imaging_lesion.shoulder), the
    group's description with the region ("… (shoulder)"); else the id's last word."""
    if concept in kb.concepts:
        return kb.concepts[concept]
    parts = concept.split(".")
    region = parts[-1].replace("_", " and ")
    for cut in range(len(parts) - 1, 1, -1):
        group = kb.concepts.get(".".join(parts[:cut]))
        if group:
            return f"{group} ({region})"
    return region.replace(" and ", " ")


def describe(kb: KnowledgeBase, concepts: Iterable[str], *, documented: bool = False) -> str:
    """Concepts in words, from their registry descriptions: "A", "A or B", "A, B or C"; what the records
    do document (`documented`) is joined with "and" ("A, B and C")."""
    words: list[str] = []
    for concept in concepts:
        text = lower_first(concept_words(kb, concept))
        if text not in words:
            words.append(text)
    # a description that holds its own "or", "and" or "of" ("side effects or intolerance of a
    # treatment") goes last, else the list after it reads as its object ("intolerance of a treatment,
    # home exercise program and physical therapy"); two such are parted by semicolons
    compound = [w for w in words if _COMPOUND.search(w)]
    words = [w for w in words if w not in compound] + compound
    if len(compound) > 1 and len(words) <= LONGEST_LIST:
        return "; ".join(words[:-1]) + f"; {'and' if documented else 'or'} {words[-1]}"
    if len(words) > LONGEST_LIST:
        if documented:
            return f"{words[0]}, {words[1]} and other findings the guideline lists"
        return f"{words[0]}, {words[1]} or another of the findings the guideline lists"
    return join_and(words) if documented else join_or(words)


def quoted(found: Iterable[Fact]) -> str:
    """The clauses the facts rest on, quoted with a token for their record (imr.text.references).
    Each finding named gets its quote before any gets a second ("a drug screen, a CURES check and an
    agreement" quotes one of each, not two drug screens)."""
    facts = list(found)
    firsts: dict[str, Fact] = {}
    for fact in facts:
        firsts.setdefault(fact.concept, fact)
    ordered = [*firsts.values(), *(f for f in facts if firsts.get(f.concept) is not f)]
    seen: list[tuple[str, str]] = []
    for fact in ordered:
        clause = " ".join(fact.evidence().text.split()).rstrip(" ;,")
        key = (clause, fact.record)
        if clause and key not in seen:
            seen.append(key)
    return "; ".join(f'"{clause}" ({ref(record)})' for clause, record in seen[:MAX_QUOTES])
