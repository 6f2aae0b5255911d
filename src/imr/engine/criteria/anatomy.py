"""Where a finding is: the side and the spinal levels or roots its clause names.

A request aimed at one side and level ("R L5-S1 TFESI") is supported only by findings on that side
and at that level; a finding that names neither is not held against it."""

from __future__ import annotations

import re
from itertools import pairwise

from imr.guidelines.model import Limb
from imr.items.regions import find_anatomy, find_levels
from imr.knowledge.vocabulary import Vocab
from imr.models import Fact
from imr.text.request_phrases import tokenize
from imr.text.tokens import words_of

_LEFT = re.compile(r"(?<![a-z0-9])(?:l|lt|left)(?![a-z0-9])")
_RIGHT = re.compile(r"(?<![a-z0-9])(?:r|rt|right)(?![a-z0-9])")
_BOTH = re.compile(r"(?<![a-z0-9])(?:bilat|bilateral|bilaterally|both|ble|bue|b/l)(?![a-z0-9])")
_PARENTHESES = re.compile(r"\([^)]*\)")
# the part of a clause a side word belongs to: between commas, semicolons or full stops
_SEGMENT = re.compile(r"[,;]|\.(?:\s|$)")


def _segments(fact: Fact) -> list[str]:
    """The comma-delimited part of the fact's clause that holds the mention, then the parts before it,
    nearest first, without asides."""
    clause = fact.clause or fact.text
    at = fact.start - fact.clause_start if fact.clause and fact.clause_start is not None else 0
    at = min(max(at, 0), len(clause))
    starts, start, end = [0], 0, len(clause)
    for match in _SEGMENT.finditer(clause):
        if match.end() <= at:
            start = match.end()
            starts.append(start)
        elif match.start() >= at + len(fact.text):
            end = match.start()
            break
    bounds = [(start, end), *reversed(list(pairwise(starts)))]
    return [_PARENTHESES.sub(" ", clause[a:b].lower()) for a, b in bounds]


def _named(text: str) -> set[str]:
    found: set[str] = set()
    if _BOTH.search(text):
        found |= {"left", "right"}
    if _LEFT.search(text):
        found.add("left")
    if _RIGHT.search(text):
        found.add("right")
    return found


def sides(fact: Fact) -> set[str]:
    """The sides the mention's part of its clause names: {"left"}, {"right"}, both, or none. A part
    that names none is on the side an earlier part of the clause named, the nearest first: "R knee:
    medial joint line TTP, McMurray + medial" is a right-sided McMurray, "c/o R knee catching, locked
    briefly once" a right knee's locking."""
    for text in _segments(fact):
        found = _named(text)
        if found:
            return found
    return set()


def on_side(fact: Fact, laterality: str | None) -> bool:
    """Whether the fact may be about the requested side (a fact naming no side may be)."""
    if laterality not in ("left", "right"):
        return True
    named = sides(fact)
    return not named or laterality in named


def segments(levels: list[str]) -> set[str]:
    """The vertebrae or roots levels span: "L5-S1" -> {L5, S1}, "C6-7" -> {C6, C7}, "S1" -> {S1}."""
    out: set[str] = set()
    for level in levels:
        first, _, second = level.partition("-")
        out.add(first)
        if second:
            out.add(second if second[0].isalpha() else first[0] + second)
    return out


def at_level(fact: Fact, levels: list[str]) -> bool:
    """Whether the fact may be at one of the requested levels: it names an overlapping level or root,
    or none at all (the sentence is read, since a report names the level before the finding)."""
    if not levels:
        return True
    named = find_levels((fact.sentence or fact.clause or fact.text).lower())
    return not named or bool(segments(named) & segments(levels))


def _limbs_named(text: str, limbs: dict[str, Limb], vocab: Vocab) -> set[str]:
    regions = set(find_anatomy(text, tokenize(text), vocab).regions)
    said = f" {' '.join(words_of(text))} "
    return {
        name
        for name, limb in limbs.items()
        if regions & set(limb.regions) or any(f" {' '.join(words_of(w))} " in said for w in limb.words)
    }


def on_limb(fact: Fact, body_regions: list[str], limbs: dict[str, Limb], vocab: Vocab) -> bool:
    """Whether the fact may be of the requested limb: the part of its clause that names a limb (its
    own, else the nearest before it) names one of the request's, or no part names any ("neck pain
    radiating to R arm" is no finding of the legs; "SLR + L" is)."""
    wanted = {name for name, limb in limbs.items() if set(body_regions) & set(limb.regions)}
    if not wanted:
        return True
    for text in _segments(fact):
        named = _limbs_named(text, limbs, vocab)
        if named:
            return bool(named & wanted)
    return True
