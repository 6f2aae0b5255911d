"""Checks of a record's text before extraction: empty, very large, not English, garbled."""

from __future__ import annotations

import re

# Operational limits (not guideline numbers): beyond this a record is read only in part.
MAX_CHARS = 20_000_000
_SAMPLE = 200_000
_WORD = re.compile(r"[^\W\d_]+")
# Common English words: a record where few of its words are among these is probably not English.
_COMMON = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "a",
        "in",
        "is",
        "was",
        "with",
        "for",
        "on",
        "that",
        "he",
        "she",
        "her",
        "his",
        "as",
        "at",
        "by",
        "be",
        "this",
        "are",
        "were",
        "has",
        "have",
        "had",
        "not",
        "no",
        "or",
        "from",
        "an",
        "it",
        "patient",
        "pain",
        "left",
        "right",
        "which",
        "treatment",
        "noted",
        "there",
        "been",
        "who",
        "injured",
        "worker",
        "worker's",
        "date",
        "dated",
        "report",
        "examination",
        "medical",
        "history",
    ]
)
# UTF-8 read as Latin-1/Windows-1252: "â€™", "Ã©", "â¿¿".
_MOJIBAKE = re.compile("[ÃÂâ][\u0080-\u00bf\u2000-\u206f\u20ac\u2122]")
MIN_COMMON_SHARE = 0.08
MIN_WORDS_FOR_LANGUAGE = 30


def text_problems(text: str, shorthand: frozenset[str] = frozenset()) -> tuple[str, list[str]]:
    """The text to read (cut at MAX_CHARS) and the warnings about it, in plain words. Words of the
    records' shorthand (`shorthand`: "pt", "ttp", "hep" …) count as English."""
    warnings: list[str] = []
    if not text.strip():
        return "", ["the record is empty: there is no text to read"]
    if len(text) > MAX_CHARS:
        warnings.append(f"the record has {len(text):,} characters; only the first {MAX_CHARS:,} were read")
        text = text[:MAX_CHARS]
    sample = text[:_SAMPLE]
    words = _WORD.findall(sample.lower())
    if len(words) >= MIN_WORDS_FOR_LANGUAGE:
        share = sum(1 for w in words if w in _COMMON or w in shorthand) / len(words)
        if share < MIN_COMMON_SHARE:
            warnings.append(
                f"the text does not look like English ({share:.0%} common English words); "
                "facts may be missing — a translation or a cleaner copy is needed"
            )
    elif not words:
        warnings.append("the record has no words (only numbers or symbols); no facts can be read from it")
    if not sample.isascii() and _garbled(sample):
        warnings.append(
            "the text contains garbled characters (encoding damage such as 'â¿¿'); "
            "spans still point at the text as given"
        )
    return text, warnings


def _garbled(sample: str) -> bool:
    """Encoding damage in a sample that is not plain ASCII (every sign of it is a non-ASCII character,
    so ASCII text is never garbled, and ftfy, slow to import, is loaded only for text that may be)."""
    from ftfy.badness import is_bad

    return "\ufffd" in sample or _MOJIBAKE.search(sample) is not None or is_bad(sample)
