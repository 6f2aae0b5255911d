"""Clauses: the stretch of a sentence a mention belongs to, for evidence a reader can check.

A finding is quoted with at least the clause that carries it, its negation or qualifier included
("TTP paraspinals, no muscle spasm" rather than "muscle spasm"). A short sentence is its own clause;
a long one (a shorthand line of findings separated by commas) is cut at clause punctuation, and the
quote grows until it covers every cue that modifies the mention and reads as a clause.
"""

from __future__ import annotations

import re

# A header label at the start of a sentence ("OBJECTIVE: ", "Treatment plan: "): not part of the clause.
_LABEL = re.compile(r"[ \t]*(?:[A-Z][A-Za-z0-9 /&()'.\-]{0,40}|[A-Z0-9 /&()'.\-]{2,60}):[ \t]+")
# Where clauses part inside a sentence: semicolons, commas, dashes and colons followed by a space.
_CUT = re.compile(r"\s*(?:;|,|\s[-–—]|:)\s+")
# A sentence no longer than this is quoted whole.
WHOLE_SENTENCE = 320
# A clause shorter than this (in words) takes in its neighbours: "TTP paraspinals" alone hides context,
# and an item of a long list ("…, chiropractic care, acupuncture, …") reads only with its neighbours.
MIN_WORDS = 5
_WORD = re.compile(r"[^\W_]+")


def clause_bounds(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The clauses of the sentence text[start:end], in order, trimmed of their punctuation."""
    label = _LABEL.match(text, start, end)
    if label is not None and label.end() < end:
        start = label.end()
    out: list[tuple[int, int]] = []
    at = start
    for cut in _CUT.finditer(text, start, end):
        if cut.start() > at:
            out.append((at, cut.start()))
        at = cut.end()
    if at < end:
        out.append((at, end))
    return [_trim(text, s, e) for s, e in out if _trim(text, s, e)[1] > _trim(text, s, e)[0]]


def clause_span(
    text: str,
    sentence: tuple[int, int],
    mention: tuple[int, int],
    cues: list[tuple[int, int]] | None = None,
) -> tuple[int, int]:
    """The span to quote for a mention: its sentence when short, else the clauses around it,
    grown to cover every cue (negation, history, plan …) that modifies it."""
    # a mention read with the line break after it ("QuickDASH 75 -> 48\n  ") ends where its words do
    mention = _strip(text, *mention)
    s_start, s_end = sentence
    label = _LABEL.match(text, s_start, s_end)
    if label is not None and label.end() <= mention[0]:
        s_start = label.end()
    s_start, s_end = _trim(text, s_start, s_end)
    if s_end - s_start <= WHOLE_SENTENCE or s_end <= s_start:
        return _widen(s_start, s_end, mention)
    clauses = clause_bounds(text, s_start, s_end) or [(s_start, s_end)]
    wanted = [mention, *(cues or [])]
    lo, hi = min(w[0] for w in wanted), max(w[1] for w in wanted)
    first = next((i for i, (_, e) in enumerate(clauses) if e > lo), len(clauses) - 1)
    last = max((i for i, (s, _) in enumerate(clauses) if s < hi), default=first)
    first, last = min(first, last), max(first, last)
    while _words(text, clauses[first][0], clauses[last][1]) < MIN_WORDS and (
        first > 0 or last + 1 < len(clauses)
    ):
        if first > 0:
            first -= 1
        else:
            last += 1
    return _widen(min(clauses[first][0], lo), max(clauses[last][1], hi), mention)


def is_clause_span(text: str, sentence: tuple[int, int], span: tuple[int, int]) -> bool:
    """Whether `span` starts and ends on clause bounds of its sentence (what a quote must do)."""
    bounds = clause_bounds(text, *sentence)
    starts = {s for s, _ in bounds} | {_trim(text, *sentence)[0]}
    ends = {e for _, e in bounds} | {_trim(text, *sentence)[1]}
    return span[0] in starts and span[1] in ends


def _widen(start: int, end: int, mention: tuple[int, int]) -> tuple[int, int]:
    return min(start, mention[0]), max(end, mention[1])


def _words(text: str, start: int, end: int) -> int:
    return len(_WORD.findall(text, start, end))


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the white space at its ends (an empty span stays where it is)."""
    lo, hi = start, end
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return (lo, hi) if hi > lo else (start, end)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;:-–—"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:-–—"):
        end -= 1
    return start, end


def clause_around(text: str, sentences: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The clause to quote for text[start:end], found in its sentence (the whole text when no
    sentence holds it)."""
    sentence = next(((s, e) for s, e in sentences if s <= start < e), (0, len(text)))
    return clause_span(text, sentence, (start, min(end, sentence[1]) if end > start else start + 1))
