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

# Marks a literal that every match holds as a whole word (a token of imr.text.tokens): "pt" in
# "had pt" is no such word in "symptoms".
WORD = "\x00"
# How many of a pattern's required alternatives are checked: the most selective (longest) first.
CHECKED = 3
_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT)
# Flags under which what is read here does not hold: another case, or ASCII word boundaries ("\\b"
# then sits inside a word such as "épt", where the text's words differ).
_UNREAD = re.IGNORECASE | re.ASCII | re.LOCALE


def required_literals(regex: re.Pattern[str]) -> Required:
    """Sets of literals of which every match of `regex` contains one each (the most selective
    `CHECKED` of them; those marked `WORD` as whole words); empty when nothing is certain
    (case-insensitive patterns among them)."""
    if regex.flags & _UNREAD:
        return ()
    found = {_minimal(c) for c in _conjuncts(_p.parse(regex.pattern, regex.flags)) if _usable(c)}
    kept = [c for c in found if not any(_implies(other, c) for other in found if other != c)]
    ranked = sorted(kept, key=_selectivity, reverse=True)
    return tuple(tuple(sorted(c)) for c in ranked[:CHECKED])


# A required set as a scan checks it: its whole words (looked up among the text's words), its literals
# of word characters only (looked for among the text's distinct words: no such literal spans two words)
# and the rest (looked for in the text itself).
Checks = tuple[tuple[frozenset[str], tuple[str, ...], tuple[str, ...]], ...]


def checks_of(required: Required) -> Checks:
    """`required` split for `may_match_words`: each set's whole words, literals of word characters
    only (the shorter, the likelier found, first) and other literals."""
    out = []
    for alternatives in required:
        whole = frozenset(a[1:] for a in alternatives if a[0] == WORD)
        rest = sorted((a for a in alternatives if a[0] != WORD), key=lambda a: (len(a), a))
        inner = tuple(a for a in rest if a.isalnum())
        out.append((whole, inner, tuple(a for a in rest if not a.isalnum())))
    return tuple(out)


def may_match_words(low: str, checks: Checks, words: frozenset[str], words_text: str) -> bool:
    """`may_match(low, required, words)` for `checks` = checks_of(required), given the text's words
    and its `words_text` (imr.text.tokens.Tokens.words_text: its distinct words, one a line). A literal
    of word characters only lies within one word wherever it occurs (words are the longest runs of
    such characters): it is looked for in the shorter text of the distinct words."""
    for whole, inner, other in checks:
        if whole and not words.isdisjoint(whole):
            continue
        for literal in inner:
            if literal in words_text:
                break
        else:
            for literal in other:
                if literal in low:
                    break
            else:
                return False
    return True


def may_match(low: str, required: Required, words: frozenset[str] | None = None) -> bool:
    """False only when `low` (whose words are `words`, when given) lacks every alternative of one
    required set (then there is no match)."""
    for alternatives in required:
        for literal in alternatives:
            if literal[0] == WORD:
                if (literal[1:] in words) if words is not None else (literal[1:] in low):
                    break
            elif literal in low:
                break
        else:
            return False
    return True


def _conjuncts(items: Any, prefix: str = "", left: bool = False, right: bool = False) -> list[frozenset[str]]:
    """Sets of literals each of which holds one literal of every match of the sequence `items`,
    `prefix` being literal text every match of it follows directly; `left` and `right` say whether a
    word boundary stands before the sequence (its prefix) and after it."""
    out: list[frozenset[str]] = []
    run: list[str] = [prefix] if prefix else []
    run_left = left  # a word boundary before the run
    # before the first item stands the prefix, when there is one: no boundary there
    first_left = left and not prefix
    items = list(items)
    for index, (op, av) in enumerate(items):
        if op is _c.LITERAL:
            if not run:
                run_left = _left_bounded(items, index, first_left)
            run.append(chr(av))
            continue
        if op is _c.AT and av is not _c.AT_BOUNDARY:
            continue  # zero width: the literals either side are adjacent in every match
        # the parser takes a prefix common to alternatives out in front ("p(?:t|hysical)"): the
        # literal before a group is put back before what the group starts with
        before = "".join(run)
        if run:
            out.append(frozenset({_literal(before, run_left, _bounds((op, av)))}))
            run = []
        else:
            run_left = _left_bounded(items, index, first_left)
        after = right if index + 1 == len(items) else _bounds(items[index + 1])
        if op is _c.SUBPATTERN:
            _group, add_flags, _del_flags, inner = av
            if not add_flags & _UNREAD:
                out += _conjuncts(inner, before, run_left, after)
        elif op is _c.ATOMIC_GROUP:
            out += _conjuncts(av, before, run_left, after)
        elif op in _REPEATS:
            least, most, inner = av
            if least >= 1:
                out += _conjuncts(inner, before, run_left, after and most == 1)
        elif op is _c.BRANCH:
            best = [_best(_conjuncts(alternative, before, run_left, after)) for alternative in av[1]]
            if all(b is not None for b in best):
                out.append(frozenset().union(*(b for b in best if b is not None)))
        # anything else (classes, any character, look-arounds, back-references) requires no literal
    if run:
        out.append(frozenset({_literal("".join(run), run_left, right)}))
    return out


def _literal(text: str, left: bool, right: bool) -> str:
    """`text` marked as a whole word when word boundaries stand either side of it."""
    return WORD + text if left and right and text.isalnum() else text


def _left_bounded(items: list[Any], index: int, left: bool) -> bool:
    """Whether a word boundary stands before item `index` (`left`: before the first)."""
    if index == 0:
        return left
    op, av = items[index - 1]
    if _bounds((op, av)):
        return True
    if op in _REPEATS and av[0] == 0:
        # optional ("(?:total\\s+)?"): a boundary either way when it ends with one and one stands before it
        inner = list(av[2])
        return bool(inner) and _bounds(inner[-1]) and _left_bounded(items, index - 1, left)
    return False


def _bounds(item: tuple[Any, Any]) -> bool:
    """Whether the item stands for a word boundary: "\\b", or characters no word holds ("\\s+")."""
    op, av = item
    if op is _c.AT:
        return bool(av is _c.AT_BOUNDARY)
    if op in _REPEATS:
        least, _most, inner = av
        return bool(least >= 1 and len(inner) == 1 and _bounds(inner[0]) and inner[0][0] is not _c.AT)
    if op is _c.IN:
        return all(_outside_words(member) for member in av)
    return False


def _outside_words(member: tuple[Any, Any]) -> bool:
    op, av = member
    if op is _c.LITERAL:
        return not (chr(av).isalnum() or chr(av) == "_")
    return op is _c.CATEGORY and av in (_c.CATEGORY_SPACE, _c.CATEGORY_NOT_WORD)


def _usable(alternatives: frozenset[str]) -> bool:
    return all(_text(a) for a in alternatives)


def _text(literal: str) -> str:
    return literal[1:] if literal[:1] == WORD else literal


def _best(conjuncts: list[frozenset[str]]) -> frozenset[str] | None:
    usable = [c for c in conjuncts if _usable(c)]
    return max(usable, key=_selectivity) if usable else None


def _selectivity(alternatives: frozenset[str]) -> tuple[int, int, tuple[str, ...]]:
    """Longer literals are rarer; fewer alternatives are checked sooner (then the literals
    themselves decide, so that the choice is the same in every run)."""
    return min(len(_text(a)) for a in alternatives), -len(alternatives), tuple(sorted(alternatives))


def _holds(first: str, second: str) -> bool:
    """Whether a text holding `first` always holds `second`."""
    return first == second or (second[:1] != WORD and second in _text(first))


def _implies(first: frozenset[str], second: frozenset[str]) -> bool:
    """Whether a text holding one of `first` always holds one of `second` ("pt" or "physical"
    holds "p"): then `second` need not be checked."""
    return all(any(_holds(a, b) for b in second) for a in first)


def _minimal(alternatives: frozenset[str]) -> frozenset[str]:
    """Without literals that hold another alternative (a text holding them holds that one)."""
    return frozenset(a for a in alternatives if not any(b != a and _holds(a, b) for b in alternatives))


# Stands among leading literals for any decimal digit ("\\d").
DIGIT = "\x01"
# Marks a leading literal that need not start a word ("#" in "(?:#\\s*)?\\b\\d+").
ANYWHERE = "\x02"
# Past this many leading literals a pattern's leads are cut to their first characters.
_MOST_LEADS = 64
_LOOK_AROUND = (_c.ASSERT, _c.ASSERT_NOT)
_STARTS = (_c.AT_BEGINNING, _c.AT_BEGINNING_STRING)
_WORD_CHARACTER = re.compile(r"[^\W_]")


def leading_literals(regex: re.Pattern[str]) -> tuple[str, ...]:
    """Literals one of which every match of `regex` starts with (none of them empty), unless the
    match is at the start of the text ("^"); () when a match may start with anything."""
    return _leading(regex, words=False)


def word_leads(regex: re.Pattern[str]) -> tuple[str, ...]:
    """Like `leading_literals`, when each match starts where a word starts: after a word boundary
    ("\\b", or a look-behind ending in what no word holds: "(?<=for\\s)"), with a letter or digit;
    `DIGIT` among them stands for any decimal digit ("\\b\\d"), and a literal marked `ANYWHERE`
    may start a match anywhere ("#"). () when not so."""
    leads = _leading(regex, words=True)
    return leads if all(a[:1] in (DIGIT, ANYWHERE) or _WORD_CHARACTER.match(a) for a in leads) else ()


def _leading(regex: re.Pattern[str], *, words: bool) -> tuple[str, ...]:
    if regex.flags & _UNREAD:
        return ()
    multiline = bool(regex.flags & re.MULTILINE)
    leads = _leads(list(_p.parse(regex.pattern, regex.flags)), multiline, None if words else True)
    if not leads or "" in leads or (DIGIT in leads and not words):
        return ()
    # a literal that starts with another is found where that one is
    return tuple(sorted(a for a in leads if not any(b != a and a.startswith(b) for b in leads)))


def _digits_only(members: Any) -> bool:
    """Whether a character class holds digits only ("\\d", "[1-9]", "[0-4]"): a digit starts it."""
    for op, av in members:
        if op is _c.CATEGORY and av is _c.CATEGORY_DIGIT:
            continue
        if op is _c.LITERAL and chr(av).isdecimal() and chr(av).isascii():
            continue
        if op is _c.RANGE and 48 <= av[0] <= av[1] <= 57:
            continue
        return False
    return bool(members)


def _bounding_behind(op: Any, av: Any) -> bool:
    if op is not _c.ASSERT or av[0] >= 0:
        return False
    behind = list(av[1])
    return bool(behind) and _bounds(behind[-1])


def _leads(items: list[Any], multiline: bool, bounded: bool | None = True) -> set[str] | None:
    """Strings one of which every match of the sequence `items` starts with ("" when a match may be
    empty or start with what no literal says; `DIGIT` for any digit), unless it is at the start of
    the text; None when nothing is known. `bounded` None: what comes first must follow a word
    boundary (True once one has been passed, or when none is asked for)."""
    if not items:
        return {""}
    (op, av), rest = items[0], items[1:]
    found: set[str] | None
    if op is _c.LITERAL:
        if chr(av) in (DIGIT, ANYWHERE):
            return None
        after = _leads(rest, multiline)
        # a literal lead ends where a digit may follow ("x\\d": "x")
        found = {chr(av)} if after is None else {chr(av) + a.split(DIGIT, 1)[0] for a in after}
        if bounded is None:
            found = {ANYWHERE + a for a in found}  # no word boundary before it
    elif op is _c.IN and _digits_only(av):
        found = {ANYWHERE + DIGIT} if bounded is None else {DIGIT}
    elif op is _c.AT and av in _STARTS and not (multiline and av is _c.AT_BEGINNING):
        return set()  # only at the start of the text, where a match is always tried
    elif op is _c.AT or op in _LOOK_AROUND:
        # zero width: what follows starts where the match does, after a word boundary when this is
        # one or a look-behind for a character no word holds
        found = _leads(rest, multiline, True if av is _c.AT_BOUNDARY or _bounding_behind(op, av) else bounded)
    elif op is _c.SUBPATTERN:
        _group, add_flags, _del_flags, inner = av
        # "(?m:^…)" starts after any line break too
        inner_multiline = multiline or bool(add_flags & re.MULTILINE)
        found = None if add_flags & _UNREAD else _leads([*inner, *rest], inner_multiline, bounded)
    elif op is _c.BRANCH:
        found = set()
        for alternative in av[1]:
            leads = _leads([*alternative, *rest], multiline, bounded)
            if leads is None:
                return None
            found |= leads
    elif op in _REPEATS:
        least, _most, inner = av
        found = _leads(list(inner), multiline, bounded)
        if found is not None and least == 0:
            skipped = _leads(rest, multiline, bounded)
            found = None if skipped is None else found | skipped
    else:
        return None  # classes, any character, back-references: any character may come first
    if found is not None and len(found) > _MOST_LEADS:
        # a literal's first characters still lead every match
        found = {a[:2] if a[:1] == ANYWHERE else a[:1] for a in found}
    return found
