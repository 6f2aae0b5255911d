"""Tokens of a request and whole-word phrase lookup over them.

Phrases are matched on tokens rather than with one large regex: a request has a dozen tokens and the
vocabulary over a thousand phrases, so dictionary lookups of token n-grams are both simpler and faster.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

# A token: letters/digits, optionally joined by "." "'" "&" inside ("p.t", "add'l", "e&m", "7.5mg").
_TOKEN = re.compile(r"[a-z0-9µ]+(?:[.'&][a-z0-9µ]+)*", re.IGNORECASE)
# "preop", "postop": the fused spellings of "pre op", "post op", read as the two words they abbreviate
# (names are keyed by these same tokens, so "post op PT" and "postop PT" are one name)
_FUSED_OP = re.compile(r"(pre|post)(op)", re.IGNORECASE)
# "PTx12", "chiro2x4": a name run into its count, read as the name and the count
_FUSED_COUNT = re.compile(r"([a-z]{2,}?)(x?\d+(?:x\d+)?)", re.IGNORECASE)
# Punctuation that ends a clause: phrases never run across it.
_HARD = re.compile(r"[,;()\[\]:]")


@dataclass(frozen=True, slots=True)
class Token:
    """One token of the lower-cased request, with its character span."""

    text: str
    start: int
    end: int
    clause: int  # index of the clause (text between , ; ( ) : ) the token is in


@dataclass(frozen=True, slots=True)
class PhraseMatch(Generic[T]):
    """A vocabulary phrase found in a request: token span [first, last), character span, payload."""

    first: int
    last: int
    start: int
    end: int
    key: str
    payload: T


def tokenize(text: str) -> list[Token]:
    """Tokens of `text` (expected lower-cased), each knowing its clause."""
    tokens: list[Token] = []
    clause = 0
    position = 0
    for match in _TOKEN.finditer(text):
        if _HARD.search(text, position, match.start()):
            clause += 1
        word = match.group().lower()
        fused = _FUSED_OP.fullmatch(word) or _FUSED_COUNT.fullmatch(word)
        if fused:
            middle = match.start() + len(fused.group(1))
            tokens.append(Token(fused.group(1), match.start(), middle, clause))
            tokens.append(Token(fused.group(2), middle, match.end(), clause))
        else:
            tokens.append(Token(word, match.start(), match.end(), clause))
        position = match.end()
    return tokens


def phrase_key(phrase: str) -> str:
    """The lookup key of a phrase: its tokens joined by single spaces."""
    return " ".join(token.text for token in tokenize(phrase.lower()))


class PhraseIndex(Generic[T]):
    """Whole-word, case-insensitive lookup of phrases (as token sequences) in tokenized text."""

    def __init__(self, entries: Iterable[tuple[str, T]]) -> None:
        self._by_key: dict[str, T] = {}
        self._longest = 1
        for phrase, payload in entries:
            key = phrase_key(phrase)
            if key:
                self._by_key.setdefault(key, payload)
                self._longest = max(self._longest, key.count(" ") + 1)

    def get(self, phrase: str) -> T | None:
        """The payload of exactly this phrase, if known."""
        return self._by_key.get(phrase_key(phrase))

    def find(self, tokens: list[Token]) -> list[PhraseMatch[T]]:
        """Leftmost-longest, non-overlapping matches, in order; phrases stay inside one clause."""
        found: list[PhraseMatch[T]] = []
        i = 0
        count = len(tokens)
        while i < count:
            hit: PhraseMatch[T] | None = None
            clause = tokens[i].clause
            longest = min(self._longest, count - i)
            for size in range(longest, 0, -1):
                last = i + size
                if tokens[last - 1].clause != clause:
                    continue
                key = " ".join(token.text for token in tokens[i:last])
                payload = self._by_key.get(key)
                if payload is not None:
                    hit = PhraseMatch(i, last, tokens[i].start, tokens[last - 1].end, key, payload)
                    break
            if hit is None:
                i += 1
            else:
                found.append(hit)
                i = hit.last
        return found
