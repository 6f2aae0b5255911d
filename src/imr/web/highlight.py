"""A record's text cut into segments, so evidence spans can be marked and linked to (and back)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True, slots=True)
class Span:
    """A marked span of record text (character offsets, end exclusive); `anchor` is its element id.
    `item` and `criterion` ("2.3": item 2, criterion 3) say which finding cites it."""

    anchor: str
    start: int
    end: int
    label: str
    item: int = 0
    criterion: str = ""


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text: `anchors` start here; `labels` name the spans covering it (none: plain text);
    `items` and `criteria` are the findings citing it; `starts` are the spans starting here."""

    text: str
    anchors: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    items: tuple[int, ...] = ()
    criteria: tuple[str, ...] = ()
    starts: tuple[Span, ...] = ()

    @property
    def marked(self) -> bool:
        return bool(self.labels)

    @property
    def colour(self) -> int:
        """The highlight colour of the segment: its first item's (0 when unmarked)."""
        return self.items[0] if self.items else 0


def segments(text: str, spans: Sequence[Span]) -> list[Segment]:
    """`text` cut at every span boundary; overlapping spans mark the text they share with both labels."""
    usable = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in usable), *(s.end for s in usable)})
    out: list[Segment] = []
    for start, end in pairwise(cuts):
        covering = [s for s in usable if s.start <= start and end <= s.end]
        starting = tuple(s for s in usable if s.start == start)
        out.append(
            Segment(
                text[start:end],
                tuple(s.anchor for s in starting),
                tuple(dict.fromkeys(s.label for s in covering)),
                tuple(dict.fromkeys(s.item for s in covering if s.item)),
                tuple(dict.fromkeys(s.criterion for s in covering if s.criterion)),
                starting,
            )
        )
    if not out:
        out.append(Segment(text))
    return out


def locate(text: str, start: int, end: int, quote: str) -> tuple[int, int] | None:
    """Where `quote` is in `text`: at the given offsets if it is there, else its nearest occurrence."""
    if 0 <= start < end <= len(text) and text[start:end] == quote:
        return start, end
    if not quote:
        return None
    found = _occurrences(text, quote)
    if not found:
        return None
    best = min(found, key=lambda i: abs(i - start))
    return best, best + len(quote)


def _occurrences(text: str, quote: str) -> list[int]:
    positions: list[int] = []
    at = text.find(quote)
    while at != -1:
        positions.append(at)
        at = text.find(quote, at + 1)
    return positions
