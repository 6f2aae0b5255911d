"""A fast phrase matcher: literals looked up word by word in a dictionary (flashtext-style), plus
optional regular expressions. Longest match wins; matches never overlap."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import compress
from typing import Generic, TypeVar

from imr.text.scan import Scan
from imr.text.tokens import Tokens, flexible_spaces, words_of

T = TypeVar("T")

# What may stand between the words of a literal in the text: line wraps, hyphens, slashes ("h/o").
_GAP = re.compile(r"[\s\-'’/]{1,8}")


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
        # first word → the lengths (in words) of the phrases it starts, longest first
        self._lengths: dict[str, tuple[int, ...]] = {}
        # first word → the second words of its phrases of two words or more: a phrase longer than a
        # word is looked up only when the next word is one of them
        self._seconds: dict[str, frozenset[str]] = {}
        self._patterns: list[tuple[Scan, T]] = []

    def __len__(self) -> int:
        return len(self._phrases) + len(self._patterns)

    def add(self, literal: str, payload: T, *, pattern: str | None = None) -> None:
        if pattern is not None:
            self._patterns.append((Scan(re.compile(flexible_spaces(pattern))), payload))
            return
        key = words_of(literal)
        if not key:
            return
        joined = " ".join(key)
        self._phrases[joined] = (*self._phrases.get(joined, ()), payload)
        lengths = self._lengths.get(key[0], ())
        if len(key) not in lengths:
            self._lengths[key[0]] = tuple(sorted((*lengths, len(key)), reverse=True))
        if len(key) > 1:
            self._seconds[key[0]] = self._seconds.get(key[0], frozenset()) | {key[1]}

    def match(self, low: str, tokens: Tokens) -> list[PhraseMatch[T]]:
        found = self._literal_matches(low, tokens)
        if self._patterns:
            found = _resolve(found + self._pattern_matches(low, tokens))
        return found

    def _literal_matches(self, low: str, tokens: Tokens) -> list[PhraseMatch[T]]:
        words, starts, ends = tokens.words, tokens.starts, tokens.ends
        all_lengths, phrases, seconds = self._lengths, self._phrases, self._seconds
        out: list[PhraseMatch[T]] = []
        n = len(words)
        free = 0  # words before this are in a match found
        # only words that start a phrase are looked at: picked out at C speed
        for i in compress(range(n), map(all_lengths.__contains__, words)):
            if i < free:
                continue
            lengths = all_lengths[words[i]]
            if lengths[0] > 1 and (i + 1 == n or words[i + 1] not in seconds[words[i]]):
                # no phrase of two words or more goes on with the next word: only the word itself
                lengths = lengths[-1:] if lengths[-1] == 1 else ()
            # only lengths some phrase has are looked up, longest first
            for k in lengths:
                if k > n - i:
                    continue
                payloads = phrases.get(words[i] if k == 1 else " ".join(words[i : i + k]))
                if payloads is not None and _joined(low, starts, ends, i, k):
                    out.append(PhraseMatch(starts[i], ends[i + k - 1], i, i + k, payloads))
                    free = i + k
                    break
        return out

    def _pattern_matches(self, low: str, tokens: Tokens) -> list[PhraseMatch[T]]:
        out: list[PhraseMatch[T]] = []
        for scan, payload in self._patterns:
            # a group named "t" marks the match itself within its context ("had (?P<t>pt)"): context
            # read forwards costs far less than a look-behind tried at every position
            group = "t" if "t" in scan.regex.groupindex else 0
            for m in scan.finditer(low, tokens):
                start, end = m.span(group)
                if end <= start:
                    continue
                out.append(
                    PhraseMatch(
                        start, end, tokens.first_at_or_after(start), tokens.last_ending_by(end), (payload,)
                    )
                )
        return out


def _joined(low: str, starts: list[int], ends: list[int], i: int, k: int) -> bool:
    """The words i..i+k are one phrase: only spaces, hyphens or slashes between them."""
    for j in range(i, i + k - 1):
        gap_start, gap_end = ends[j], starts[j + 1]
        if _GAP.fullmatch(low, gap_start, gap_end) is None:
            return False
    return True


def _resolve(matches: list[PhraseMatch[T]]) -> list[PhraseMatch[T]]:
    """Keep the longest of overlapping matches (the earliest on ties), in text order. Overlap is
    judged on words, as spaCy's filter_spans does; punctuation-only cues (";") never overlap. Matches of
    the very same span join their payloads, as a literal added twice does (one wording read as two
    concepts)."""
    taken: set[int] = set()
    kept: list[PhraseMatch[T]] = []
    by_span: dict[tuple[int, int], PhraseMatch[T]] = {}
    for m in sorted(matches, key=lambda m: (m.start - m.end, m.start)):
        words = range(m.tok_start, m.tok_end)
        same = by_span.get((m.start, m.end))
        if same is not None:
            same.payloads = (*same.payloads, *(p for p in m.payloads if p not in same.payloads))
            continue
        if any(w in taken for w in words):
            continue
        by_span[(m.start, m.end)] = m
        taken.update(words)
        kept.append(m)
    kept.sort(key=lambda m: m.start)
    return kept
