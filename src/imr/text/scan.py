"""A pattern's matches over lower-cased text, exactly as ``finditer`` finds them, found faster.

What makes a scan slow that the pattern as written does not need:
- a text that cannot hold a match, lacking the literals (or words) every match contains
  (imr.text.required), is scanned to its end: it is not scanned at all;
- a pattern that starts with a word boundary gets none of the regular-expression engine's fast scan
  for its first characters: it is scanned without the boundary, checked at each match instead;
- a pattern that starts with an optional part or a look-around is tried at every position: it is
  tried only where one of the literals every match starts with occurs, or, given the text's tokens,
  where a word starts with one of them (or with a digit);
- a pattern that starts with a repeat of one character ("\\d{1,2}/10") is tried at every position too
  (the engine looks only at a pattern's first item for where a match can start, and a repeat is none
  it reads): it is compiled with the repeat's first character written out ("\\d\\d{0,1}/10"), which
  matches alike and which the engine skips ahead for.
Each reading of the pattern is sound for any text; tests/facts/test_scans.py compares every scan with
finditer over the blind dev records and over generated patterns and texts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from re import _compiler as _re_compiler  # type: ignore[attr-defined]
from re import _constants as _re_constants  # type: ignore[attr-defined]
from re import _parser as _re_parser  # type: ignore[attr-defined]
from typing import cast

from imr.text.required import (
    ANYWHERE,
    DIGIT,
    Required,
    checks_of,
    leading_literals,
    may_match,
    may_match_words,
    required_literals,
    word_leads,
)
from imr.text.tokens import Tokens

_AT, _AT_BOUNDARY = _re_constants.AT, _re_constants.AT_BOUNDARY
_BRANCH, _IN, _LITERAL, _SUBPATTERN = (
    _re_constants.BRANCH,
    _re_constants.IN,
    _re_constants.LITERAL,
    _re_constants.SUBPATTERN,
)
_REPEATS = (_re_constants.MAX_REPEAT, _re_constants.MIN_REPEAT)
_MAXREPEAT = _re_constants.MAXREPEAT
_BOUNDARY = re.compile(r"\b")
_UNSET = object()  # a helper pattern not compiled yet
_LEADING_BOUNDARY = "\\b"


class Scan:
    """``regex.finditer`` over lower-cased text: the same matches (spans and groups)."""

    __slots__ = (
        "_anywhere",
        "_checks",
        "_finder",
        "_found",
        "_lead_words",
        "_scanned",
        "_unbounded",
        "by_tokens",
        "digits",
        "regex",
        "required",
        "word_leads",
    )

    def __init__(self, regex: re.Pattern[str], *, by_words: bool = False) -> None:
        """`by_words`: given the text's tokens, try the pattern only where a word starts with what
        a match can start with, when every match starts a word (worth it for a pattern the engine
        tries slowly at each position, not for one it rejects at a glance)."""
        self.regex = regex
        found = analysis(regex, by_words)
        # literals every match contains: a text without them is not scanned
        self.required = found.required
        self._checks = checks_of(found.required)
        self.word_leads = found.word_leads
        self.by_tokens = found.by_tokens
        self.digits = found.digits
        # the helper patterns are compiled when first needed (_UNSET until then): most patterns meet
        # no text holding their required literals in a case, and compiling them all slowed a cold start
        self._found = found
        self._unbounded: re.Pattern[str] | object | None = _UNSET
        self._scanned: re.Pattern[str] | object = _UNSET
        self._finder: re.Pattern[str] | object | None = _UNSET
        self._anywhere: re.Pattern[str] | object | None = _UNSET
        self._lead_words: re.Pattern[str] | object | None = _UNSET

    @property
    def unbounded(self) -> re.Pattern[str] | None:
        """The pattern without its leading word boundary, checked at each match instead (or None)."""
        if self._unbounded is _UNSET:
            source = self._found.unbounded
            self._unbounded = (
                _compiled(source, self.regex.flags, self._found.unroll) if source is not None else None
            )
        return cast("re.Pattern[str] | None", self._unbounded)

    @property
    def scanned(self) -> re.Pattern[str]:
        """The pattern as the engine scans it: the regex, or its form with a leading repeat unrolled."""
        if self._scanned is _UNSET:
            unroll = self._found.unroll and self._found.unbounded is None
            self._scanned = _compiled(self.regex.pattern, self.regex.flags, True) if unroll else self.regex
        return cast("re.Pattern[str]", self._scanned)

    @property
    def finder(self) -> re.Pattern[str] | None:
        """Where a match can start, for a pattern the engine cannot scan fast itself: one of the
        literals every match starts with (or None); else a word starting with one of them."""
        if self._finder is _UNSET:
            self._finder = re.compile(self._found.finder) if self._found.finder is not None else None
        return cast("re.Pattern[str] | None", self._finder)

    @property
    def anywhere(self) -> re.Pattern[str] | None:
        if self._anywhere is _UNSET:
            self._anywhere = re.compile(self._found.anywhere) if self._found.anywhere is not None else None
        return cast("re.Pattern[str] | None", self._anywhere)

    @property
    def lead_words(self) -> re.Pattern[str] | None:
        """The words a match can start at, found among a text's distinct words (Tokens.words_text):
        those starting with one of the leads (or a digit); None when a lead holds what no word does
        after a letter or digit ("w/"), so that words alone cannot tell."""
        if self._lead_words is _UNSET:
            leads = [a for a in self.word_leads if a[:1].isalnum()]
            self._lead_words = None
            if all(a.isalnum() for a in leads) and (leads or self.digits):
                found = [re.escape(a) for a in leads] + ([r"\d"] if self.digits else [])
                self._lead_words = re.compile(f"\n((?:{'|'.join(found)})[^\n]*)")
        return cast("re.Pattern[str] | None", self._lead_words)

    def finditer(self, low: str, tokens: Tokens | None = None) -> Iterator[re.Match[str]]:
        """The matches in `low`, whose tokens (imr.text.tokens) are `tokens` when given."""
        if tokens is None:
            if not may_match(low, self.required):
                return iter(())
        elif not may_match_words(low, self._checks, tokens.vocabulary(), tokens.words_text()):
            return iter(())
        found = self._found
        if found.finder is not None:
            return led_matches(self.regex, cast("re.Pattern[str]", self.finder), low)
        if tokens is not None and (self.word_leads or self.digits):
            word_starts: list[int] = []
            words: list[str] | None = None
            if self.by_tokens:
                # only the words that start with a lead (or digit) are tried: they are picked out of
                # the text's distinct words, then found among its words at C speed
                chosen = self.lead_words
                if chosen is None:
                    words = None
                elif self.digits:
                    words = chosen.findall(tokens.words_text())
                else:
                    # leads of letters and digits only: the words starting with them are looked up in
                    # the sorted distinct words
                    words = tokens.words_starting(self.word_leads)
                word_starts = tokens.starts if words is None else tokens.starts_of(words)
            starts = _merged(word_starts, self.anywhere, low)
            # the words picked, and the places the finder finds, start with a lead (or digit); all
            # the words, taken when the distinct words cannot tell, are checked one by one
            led = words is not None or not self.by_tokens
            return word_start_matches(self.regex, self.word_leads, self.digits, low, starts, led=led)
        if found.unbounded is None:
            return self.scanned.finditer(low)
        return bounded_matches(cast("re.Pattern[str]", self.unbounded), self.regex, low)


@dataclass(frozen=True, slots=True)
class Analysis:
    """What a pattern's parse tells a scan, as plain data (patterns as strings, compiled by the scan)."""

    required: Required
    unbounded: str | None
    finder: str | None
    word_leads: tuple[str, ...]
    by_tokens: bool
    digits: bool
    anywhere: str | None
    # the pattern scanned (without its leading boundary, when it has one) starts with a repeat of one
    # character: it is compiled with that character written out (`unrolled`)
    unroll: bool = False


# The analyses made or read in this process, by (pattern, flags, by_words). Parsing every pattern is
# most of the cost of building the record pipeline, so they are kept on disk beside the compiled
# knowledge (imr.knowledge.cache sets `_store`) and read back at a cold start.
_ANALYSES: dict[tuple[str, int, bool], Analysis] = {}
_made: list[bool] = [False]
_store: list[Callable[[dict[tuple[str, int, bool], Analysis]], None]] = []


def analysis(regex: re.Pattern[str], by_words: bool = False) -> Analysis:
    """The analysis of `regex` for a scan: read from the ones already made when there is one."""
    key = (regex.pattern, regex.flags, by_words)
    found = _ANALYSES.get(key)
    if found is None:
        found = _ANALYSES[key] = _analyse(regex, by_words)
        _made[0] = True
    return found


def known_analyses(analyses: dict[tuple[str, int, bool], Analysis]) -> None:
    """Analyses read back from disk (they were made by this same code: the cache key hashes it)."""
    _ANALYSES.update(analyses)


def keep_analyses_with(store: Callable[[dict[tuple[str, int, bool], Analysis]], None]) -> None:
    """Where `save_analyses` writes the analyses (set by the knowledge cache)."""
    _store[:] = [store]


def save_analyses() -> None:
    """Write the analyses when some were made since they were read (once the pipeline is built)."""
    if _made[0] and _store:
        _made[0] = False
        _store[0](dict(_ANALYSES))


def _analyse(regex: re.Pattern[str], by_words: bool) -> Analysis:
    unbounded = without_leading_boundary(regex)
    unroll = unrolled(unbounded or regex) is not None
    fast = unroll or _scanned_fast(unbounded or regex)
    leads = () if fast else leading_literals(regex)
    words = word_leads(regex) if by_words and not fast and not leads else ()
    if unbounded is not None and not words:
        # a pattern that starts with a word boundary starts each match at a word: given the text's
        # tokens, it is tried only at the words that start with what a match can start with, found
        # among the text's distinct words (far fewer than the places the engine would try), when each
        # such lead is a run of letters and digits that the distinct words can tell
        bounded = word_leads(regex)
        if bounded and all(a == DIGIT or a.isalnum() for a in bounded):
            words, leads = bounded, ()
    word_leads_ = tuple(a for a in words if a[:1] not in (DIGIT, ANYWHERE))
    any_digit = ANYWHERE + DIGIT in words
    # word starts are looked at for a literal or a digit that starts a word, unless any digit is
    # looked for anyway
    by_tokens = bool(word_leads_) or (DIGIT in words and not any_digit)
    digits = DIGIT in words or any_digit  # or any word that starts with a digit
    # or, not where a word starts, one of these literals ("#") or any digit
    anywhere = tuple(a[1:] for a in words if a[:1] == ANYWHERE and a != ANYWHERE + DIGIT)
    found = [re.escape(a) for a in anywhere] + ([r"\d"] if any_digit else [])
    return Analysis(
        required=required_literals(regex),
        unbounded=unbounded.pattern if unbounded is not None else None,
        finder="|".join(re.escape(a) for a in leads) if leads else None,
        word_leads=word_leads_ + anywhere,
        by_tokens=by_tokens,
        digits=digits,
        anywhere="|".join(found) if found else None,
        unroll=unroll,
    )


def _scanned_fast(regex: re.Pattern[str]) -> bool:
    """Whether the engine skips ahead to where a match can start by itself: when the pattern starts
    with a literal, a character class, or alternatives that each start with a literal (the cases the
    `re` compiler makes a prefix or first-character set of)."""
    items = list(_re_parser.parse(regex.pattern, regex.flags))
    while items and items[0][0] is _SUBPATTERN:
        items = list(items[0][1][3])
    if not items:
        return False
    op, av = items[0]
    if op is _BRANCH:
        return all(alternative and alternative[0][0] is _LITERAL for alternative in av[1])
    return op is _LITERAL or op is _IN


def unrolled(regex: re.Pattern[str]) -> re.Pattern[str] | None:
    """`regex` with its leading repeat of one character class or literal ("\\d{1,2}", also inside
    groups) written as that character and the rest of the repeat ("\\d\\d{0,1}"): the same matches,
    groups and backtracking, but a first item the engine can skip ahead to. None when it does not start
    so."""
    parsed = _re_parser.parse(regex.pattern, regex.flags)
    sequence = parsed
    while sequence.data and sequence.data[0][0] is _SUBPATTERN:
        _group, add_flags, del_flags, inner = sequence.data[0][1]
        if add_flags or del_flags:
            return None
        sequence = inner
    if not sequence.data:
        return None
    op, av = sequence.data[0]
    if op not in _REPEATS:
        return None
    least, most, item = av
    if least < 1 or len(item.data) != 1 or item.data[0][0] not in (_IN, _LITERAL):
        return None
    rest = most if most == _MAXREPEAT else most - 1
    sequence.data[0:1] = [item.data[0]] + ([(op, (least - 1, rest, item))] if rest else [])
    return cast("re.Pattern[str]", _re_compiler.compile(parsed, regex.flags))


def _compiled(source: str, flags: int, unroll: bool) -> re.Pattern[str]:
    regex = re.compile(source, flags)
    return (unrolled(regex) or regex) if unroll else regex


def without_leading_boundary(regex: re.Pattern[str]) -> re.Pattern[str] | None:
    """The pattern without the word boundary it starts with, when that is exact to check afterwards:
    when every top-level alternative starts with it (the parser factors a boundary common to all
    alternatives out in front); otherwise None."""
    if not regex.pattern.startswith(_LEADING_BOUNDARY):
        return None
    parsed = list(_re_parser.parse(regex.pattern, regex.flags))
    if not parsed or parsed[0] != (_AT, _AT_BOUNDARY):
        return None
    return re.compile(regex.pattern[len(_LEADING_BOUNDARY) :], regex.flags)


def led_matches(regex: re.Pattern[str], finder: re.Pattern[str], low: str) -> Iterator[re.Match[str]]:
    """What `regex` finds with finditer when every match starts at the text's start or where `finder`
    finds one of the literals it can start with: the leftmost match, tried at the start and where
    `finder` finds a lead, then on from its end."""
    pos, end = 0, len(low)
    first = regex.match(low)  # "^…" matches here with no lead
    if first is not None:
        if first.end() == 0:
            yield from regex.finditer(low)  # an empty match: the engine's own stepping after it
            return
        yield first
        pos = first.end()
    while pos < end:
        lead = finder.search(low, pos)
        if lead is None:
            return
        m = regex.match(low, lead.start())
        if m is None:
            pos = lead.start() + 1
            continue
        yield m
        pos = m.end()


def _merged(word_starts: list[int], finder: re.Pattern[str] | None, low: str) -> Iterable[int]:
    """Word starts and where `finder` finds a literal, in order (a place may come twice)."""
    if finder is None:
        yield from word_starts
        return
    hit = finder.search(low)
    for at in word_starts:
        while hit is not None and hit.start() < at:
            yield hit.start()
            hit = finder.search(low, hit.start() + 1)
        yield at
    while hit is not None:
        yield hit.start()
        hit = finder.search(low, hit.start() + 1)


def word_start_matches(
    regex: re.Pattern[str],
    leads: tuple[str, ...],
    digits: bool,
    low: str,
    word_starts: Iterable[int],
    *,
    led: bool = False,
) -> Iterator[re.Match[str]]:
    """What `regex` finds with finditer when every match starts at the text's start or at one of
    `word_starts` (in order: where words start, and where a literal that need not start a word is)
    with one of `leads` (or a digit, when `digits`), and so is not empty: the leftmost match, tried
    only there, then on from its end. `led`: each of `word_starts` is known to start with a lead
    (or digit), which is then not checked again."""
    pos = 0
    first = regex.match(low)  # "^…" matches here with no lead
    if first is not None:
        if first.end() == 0:
            yield from regex.finditer(low)  # an empty match: the engine's own stepping after it
            return
        yield first
        pos = first.end()
    for at in word_starts:
        if at < pos or not (led or low.startswith(leads, at) or (digits and low[at].isdecimal())):
            continue
        m = regex.match(low, at)
        if m is not None:
            yield m
            pos = m.end()


def bounded_matches(regex: re.Pattern[str], written: re.Pattern[str], low: str) -> Iterator[re.Match[str]]:
    """What `written` (`\\b` + `regex`) finds with finditer: the leftmost match at a word boundary,
    then on from its end. After an empty match finditer may find a longer one at the same place, a
    step this does not copy: from the first empty match on, `written`'s own matches are given."""
    pos, end = 0, len(low)
    given = 0
    while pos <= end:
        m = regex.search(low, pos)
        if m is None:
            return
        if _BOUNDARY.match(low, m.start()) is None:
            pos = m.start() + 1
            continue
        if m.end() == m.start():
            yield from islice(written.finditer(low), given, None)
            return
        yield m
        given += 1
        pos = m.end()


def search_at_word_starts(
    regex: re.Pattern[str], leads: tuple[str, ...], text: str, word_starts: Iterable[int]
) -> re.Match[str] | None:
    """``regex.search(text)`` for a pattern whose every match starts at the text's start or at a word
    start with one of `leads` (imr.text.required.word_leads), `word_starts` being every position in
    `text` where a word starts, in order: the pattern is tried only there."""
    m = regex.match(text)
    if m is not None:
        return m
    for at in word_starts:
        if text.startswith(leads, at):
            m = regex.match(text, at)
            if m is not None:
                return m
    return None
