"""Word tokens of a text: offsets into the original text, lower-cased words for matching."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from itertools import accumulate

# Letters and digits only: punctuation and hyphens separate words, so "flare-ups" and "flare ups"
# tokenize alike and a literal written either way matches both.
WORD = re.compile(r"[^\W_]+")
_SPLIT = re.compile(r"([^\W_]+)")  # the words, kept between the gaps


def lower_same_length(text: str) -> str:
    """``text.lower()`` with every offset kept (a few characters grow when lower-cased)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)


def flexible_spaces(pattern: str) -> str:
    """A data pattern with each literal space (outside [...]) matching any run of whitespace, so
    patterns written on one line match text wrapped over several."""
    out: list[str] = []
    in_class = escaped = False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "[":
            in_class = True
        elif ch == "]":
            in_class = False
        elif ch == " " and not in_class:
            out.append(r"\s+")
            continue
        out.append(ch)
    return "".join(out)


def words_of(phrase: str) -> tuple[str, ...]:
    """The match key of a literal: its lower-cased words."""
    return tuple(WORD.findall(lower_same_length(phrase)))


@dataclass(slots=True)
class Tokens:
    """Parallel arrays of word starts, ends and lower-cased words."""

    starts: list[int]
    ends: list[int]
    words: list[str]
    _vocabulary: frozenset[str] | None = None
    _words_text: str | None = None
    _index: dict[str, list[int]] | None = None
    _sorted: list[str] | None = None

    def vocabulary(self) -> frozenset[str]:
        """The distinct words (made once)."""
        if self._vocabulary is None:
            self._vocabulary = frozenset(self.words)
        return self._vocabulary

    def words_text(self) -> str:
        """The distinct words, each after a line break (made once): a run of letters and digits is in
        the text exactly when it is in this, which is shorter to search."""
        if self._words_text is None:
            self._words_text = "\n" + "\n".join(self.vocabulary())
        return self._words_text

    def words_starting(self, leads: Iterable[str]) -> list[str]:
        """The distinct words that start with one of `leads` (none of which starts another), in the
        order of the leads, then of the words."""
        ordered = self._sorted
        if ordered is None:
            ordered = self._sorted = sorted(self.vocabulary())
        out: list[str] = []
        end = len(ordered)
        for lead in leads:
            at = bisect_left(ordered, lead)
            while at < end and ordered[at].startswith(lead):
                out.append(ordered[at])
                at += 1
        return out

    def starts_of(self, chosen: Collection[str]) -> list[int]:
        """Where the words that are among `chosen` (distinct words) start, in order."""
        index = self._index
        if index is None:
            # each distinct word's starts, made once when a scan first asks: a scan then costs the
            # few words it asks for, not a pass over all the text's words
            index = self._index = {}
            for word, start in zip(self.words, self.starts, strict=True):
                found = index.get(word)
                if found is None:
                    index[word] = [start]
                else:
                    found.append(start)
        if len(chosen) == 1:
            for word in chosen:
                return index.get(word, [])
        out: list[int] = []
        for word in chosen:
            out += index.get(word, ())
        out.sort()
        return out

    @classmethod
    def of(cls, low: str) -> Tokens:
        # One split, its parts' lengths summed: [gap, word, gap, word, …, gap] gives where each word
        # starts and ends, all at C speed (about three times as fast as a match object per word).
        parts = _SPLIT.split(low)
        offsets = list(accumulate(map(len, parts)))
        return cls(offsets[0:-1:2], offsets[1::2], parts[1::2])

    def __len__(self) -> int:
        return len(self.words)

    def first_at_or_after(self, char: int) -> int:
        """Index of the first token starting at or after `char`."""
        return bisect_left(self.starts, char)

    def last_ending_by(self, char: int) -> int:
        """Index just past the last token ending at or before `char`."""
        return bisect_right(self.ends, char)
