"""Literals a regular expression's every match contains, to skip scanning a text that lacks them.

Most data patterns (a positive McMurray test, a urine drug screen naming a drug) match in few records,
yet a scan for one costs far more than looking for a word: `"mcmurray" in low` runs at memory speed.
A pattern is read as a conjunction of alternatives ("tear" or "rupture", and "cruciate"): a text
without any alternative of one of them cannot hold a match, so it is not scanned at all.
"""

from __future__ import annotations

import re
from re import _constants as _c  # type: ignore[attr-defined]
from re import _parser as _p  # type: ignore[attr-defined]
from typing import Any

Required = tuple[tuple[str, ...], ...]

# How many of a pattern's required alternatives are checked: the most selective (longest) first.
CHECKED = 3
_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT)


def required_literals(regex: re.Pattern[str]) -> Required:
    """Sets of literals of which every match of `regex` contains one each (the most selective
    `CHECKED` of them); empty when nothing is certain (case-insensitive patterns among them)."""
    if regex.flags & re.IGNORECASE:
        return ()
    found = {_minimal(c) for c in _conjuncts(_p.parse(regex.pattern, regex.flags)) if "" not in c}
    kept = [c for c in found if not any(_implies(other, c) for other in found if other != c)]
    ranked = sorted(kept, key=_selectivity, reverse=True)
    return tuple(tuple(sorted(c)) for c in ranked[:CHECKED])


def may_match(low: str, required: Required) -> bool:
    """False only when `low` lacks every alternative of one required set (then there is no match)."""
    for alternatives in required:
        for literal in alternatives:
            if literal in low:
                break
        else:
            return False
    return True


def _conjuncts(items: Any, prefix: str = "") -> list[frozenset[str]]:
    """Sets of literals each of which holds one literal of every match of the sequence `items`,
    `prefix` being literal text every match of it follows directly."""
    out: list[frozenset[str]] = []
    run: list[str] = [prefix] if prefix else []
    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        if op is _c.AT:
            continue  # zero width: the literals either side are adjacent in every match
        # the parser takes a prefix common to alternatives out in front ("p(?:t|hysical)"): the
        # literal before a group is put back before what the group starts with
        before = "".join(run)
        if run:
            out.append(frozenset({before}))
            run = []
        if op is _c.SUBPATTERN:
            _group, add_flags, _del_flags, inner = av
            if not add_flags & re.IGNORECASE:
                out += _conjuncts(inner, before)
        elif op is _c.ATOMIC_GROUP:
            out += _conjuncts(av, before)
        elif op in _REPEATS:
            least, _most, inner = av
            if least >= 1:
                out += _conjuncts(inner, before)
        elif op is _c.BRANCH:
            best = [_best(_conjuncts(alternative, before)) for alternative in av[1]]
            if all(b is not None for b in best):
                out.append(frozenset().union(*(b for b in best if b is not None)))
        # anything else (classes, any character, look-arounds, back-references) requires no literal
    if run:
        out.append(frozenset({"".join(run)}))
    return out


def _best(conjuncts: list[frozenset[str]]) -> frozenset[str] | None:
    usable = [c for c in conjuncts if "" not in c]
    return max(usable, key=_selectivity) if usable else None


def _selectivity(alternatives: frozenset[str]) -> tuple[int, int]:
    """Longer literals are rarer; fewer alternatives are checked sooner."""
    return min(len(a) for a in alternatives), -len(alternatives)


def _implies(first: frozenset[str], second: frozenset[str]) -> bool:
    """Whether a text holding one of `first` always holds one of `second` ("pt" or "physical"
    holds "p"): then `second` need not be checked."""
    return all(any(b in a for b in second) for a in first)


def _minimal(alternatives: frozenset[str]) -> frozenset[str]:
    """Without literals that contain another alternative (a text holding them holds that one)."""
    return frozenset(a for a in alternatives if not any(b != a and b in a for b in alternatives))
