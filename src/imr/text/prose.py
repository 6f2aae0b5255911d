"""Small rules of English prose shared by findings, rationales and letters: lists joined with "or"
and "and", a first letter lowered unless it starts an acronym, and how long a list may grow before
it reads as a search list."""

from __future__ import annotations

# More alternatives than this read as a search list, not a sentence: name the first two and say more.
LONGEST_LIST = 3
# A finding quotes at most this many clauses (the evidence list keeps them all).
MAX_QUOTES = 3
# This many generic names of one drug class are named by their class ("NSAIDs").
NAME_BY_CLASS = 3


def join_or(words: list[str]) -> str:
    """ "A", "A or B", "A, B or C"."""
    return _join(words, "or")


def join_and(words: list[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    return _join(words, "and")


def _join(words: list[str], last: str) -> str:
    if len(words) <= 2:
        return f" {last} ".join(words)
    return ", ".join(words[:-1]) + f" {last} " + words[-1]


def lower_first(text: str) -> str:
    """The first letter in lower case, unless the first word is an acronym ("MRI", "NSAIDs", "GI") or a
    code with digits ("C6-7 foraminal stenosis", "L5-S1 disc protrusion", "T2 signal")."""
    first = text.split(" ", 1)[0]
    if sum(ch.isupper() for ch in first) > 1 or (len(first) == 1 and first != "A"):
        return text
    if any(ch.isdigit() for ch in first):
        return text
    return text[:1].lower() + text[1:]
