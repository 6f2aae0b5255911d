"""A fast phrase matcher: literals looked up word by word in a dictionary (flashtext-style), plus
optional regular expressions. Longest match wins; matches never overlap."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from re import _constants as _re_constants  # type: ignore[attr-defined]
from re import _parser as _re_parser  # type: ignore[attr-defined]
from typing import Any, Generic, TypeVar

from imr.text.required import Required, may_match, required_literals
from imr.text.tokens import Tokens, flexible_spaces, words_of

T = TypeVar("T")

_AT, _AT_BOUNDARY = _re_constants.AT, _re_constants.AT_BOUNDARY


def _parse(pattern: str, flags: int) -> list[Any]:
    return list(_re_parser.parse(pattern, flags))


# What may stand between the words of a literal in the text: line wraps, hyphens, slashes ("h/o").
_GAP = re.compile(r"[\s\-'’/]{1,8}")
_BOUNDARY = re.compile(r"\b")
_LEADING_BOUNDARY = "\\b"


def _without_leading_boundary(regex: re.Pattern[str]) -> re.Pattern[str] | None:
    """The pattern without the word boundary it starts with, when that is exact to check afterwards.

    A pattern that begins with an assertion gets none of the regular-expression engine's fast scan for
    its first characters, which halves its speed. The boundary can be checked at each match's start
    instead, when every top-level alternative starts with it (the parser factors a boundary common to
    all alternatives out in front); otherwise None."""
    if not regex.pattern.startswith(_LEADING_BOUNDARY):
        return None
    parsed = _parse(regex.pattern, regex.flags)
    if not parsed or parsed[0] != (_AT, _AT_BOUNDARY):
        return None
    return re.compile(regex.pattern[len(_LEADING_BOUNDARY) :], regex.flags)


@dataclass(slots=True)
class PhraseMatch(Generic[T]):
    start: int
    end: int
    tok_start: int
    tok_end: int
    payloads: tuple[T, ...]


class PhraseMatcher(Generic[T]):
    """Maps phrases to payloads. ``add`` a literal (matched case-insensitively, word by word) or a
    regular expression over lower-cased text; ``match`` returns non-overlapping matches in order."""

    def __init__(self) -> None:
        # words joined by single spaces → payloads: string keys keep a large matcher quick to unpickle
        self._phrases: dict[str, tuple[T, ...]] = {}
        self._longest: dict[str, int] = {}
        self._patterns: list[tuple[re.Pattern[str], T]] = []
        # the same patterns without a leading word boundary, checked at each match instead (or None)
        self._unbounded: list[re.Pattern[str] | None] = []
        # literals every match of each pattern contains: a text without them is not scanned
        self._required: list[Required] = []

    def __len__(self) -> int:
        return len(self._phrases) + len(self._patterns)

    def add(self, literal: str, payload: T, *, pattern: str | None = None) -> None:
        if pattern is not None:
            regex = re.compile(flexible_spaces(pattern))
            self._patterns.append((regex, payload))
            self._unbounded.append(_without_leading_boundary(regex))
            self._required.append(required_literals(regex))
            return
        key = words_of(literal)
        if not key:
            return
        joined = " ".join(key)
        self._phrases[joined] = (*self._phrases.get(joined, ()), payload)
        if self._longest.get(key[0], 0) < len(key):
            self._longest[key[0]] = len(key)

    def match(self, low: str, tokens: Tokens) -> list[PhraseMatch[T]]:
        found = self._literal_matches(low, tokens)
        if self._patterns:
            found = _resolve(found + self._pattern_matches(low, tokens))
        return found

    def _literal_matches(self, low: str, tokens: Tokens) -> list[PhraseMatch[T]]:
        words, starts, ends = tokens.words, tokens.starts, tokens.ends
        longest, phrases = self._longest, self._phrases
        out: list[PhraseMatch[T]] = []
        n = len(words)
        i = 0
        while i < n:
            most = longest.get(words[i])
            if most is None:
                i += 1
                continue
            for k in range(min(most, n - i), 0, -1):
                payloads = phrases.get(words[i] if k == 1 else " ".join(words[i : i + k]))
                if payloads is not None and _joined(low, starts, ends, i, k):
                    out.append(PhraseMatch(starts[i], ends[i + k - 1], i, i + k, payloads))
                    i += k
                    break
            else:
                i += 1
        return out

    def _pattern_matches(self, low: str, tokens: Tokens) -> list[PhraseMatch[T]]:
        out: list[PhraseMatch[T]] = []
        for (regex, payload), unbounded, required in zip(
            self._patterns, self._unbounded, self._required, strict=True
        ):
            if not may_match(low, required):
                continue
            # a group named "t" marks the match itself within its context ("had (?P<t>pt)"): context
            # read forwards costs far less than a look-behind tried at every position
            group = "t" if "t" in regex.groupindex else 0
            for m in regex.finditer(low) if unbounded is None else _bounded_matches(unbounded, low):
                start, end = m.span(group)
                if end <= start:
                    continue
                out.append(
                    PhraseMatch(
                        start, end, tokens.first_at_or_after(start), tokens.last_ending_by(end), (payload,)
                    )
                )
        return out


def _bounded_matches(regex: re.Pattern[str], low: str) -> Iterator[re.Match[str]]:
    """What `\\b` + `regex` finds with finditer: the leftmost match at a word boundary, then on from
    its end (one character on after an empty match)."""
    pos, end = 0, len(low)
    while pos <= end:
        m = regex.search(low, pos)
        if m is None:
            return
        if _BOUNDARY.match(low, m.start()) is None:
            pos = m.start() + 1
            continue
        yield m
        pos = m.end() if m.end() > m.start() else m.end() + 1


def _joined(low: str, starts: list[int], ends: list[int], i: int, k: int) -> bool:
    """The words i..i+k are one phrase: only spaces, hyphens or slashes between them."""
    for j in range(i, i + k - 1):
        gap_start, gap_end = ends[j], starts[j + 1]
        if _GAP.fullmatch(low, gap_start, gap_end) is None:
            return False
    return True


def _resolve(matches: list[PhraseMatch[T]]) -> list[PhraseMatch[T]]:
    """Keep the longest of overlapping matches (the earliest on ties), in text order. Overlap is
    judged on words, as spaCy's filter_spans does; punctuation-only cues (";") never overlap."""
    taken: set[int] = set()
    kept: list[PhraseMatch[T]] = []
    for m in sorted(matches, key=lambda m: (m.start - m.end, m.start)):
        words = range(m.tok_start, m.tok_end)
        if any(w in taken for w in words):
            continue
        taken.update(words)
        kept.append(m)
    kept.sort(key=lambda m: m.start)
    return kept
