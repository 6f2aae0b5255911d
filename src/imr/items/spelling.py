"""Misspelled drug, service and region names read as the vocabulary word they are closest to."""

from __future__ import annotations

from dataclasses import replace

from imr.knowledge.vocabulary import Vocab
from imr.text.request_phrases import Token

# Similarity (0-100) a word needs to be read as a vocabulary word; below this the word is left alone.
_CUTOFF = 85.0
_MIN_LENGTH = 5


def correct_spelling(tokens: list[Token], vocab: Vocab) -> tuple[list[Token], list[str]]:
    """Tokens with unknown words replaced by their near vocabulary word, and "read_as:" notes."""
    corrected: list[Token] = []
    notes: list[str] = []
    for token in tokens:
        word = token.text
        if len(word) < _MIN_LENGTH or not word.isalpha() or word in vocab.known_words:
            corrected.append(token)
            continue
        from rapidfuzz import fuzz, process  # loaded only when a request has an unknown word

        best = process.extractOne(
            word, vocab.fuzzy_targets, scorer=fuzz.ratio, score_cutoff=_CUTOFF, processor=None
        )
        if best is None or best[0][0] != word[0]:
            best = process.extractOne(
                word, vocab.fuzzy_parts, scorer=fuzz.ratio, score_cutoff=_CUTOFF, processor=None
            )
            at = len(corrected)
            rest = [replace(token, text=best[0]), *tokens[at + 1 :]] if best else []
            if best is None or best[0][0] != word[0] or not _completes_name([*corrected, *rest], at, vocab):
                corrected.append(token)
                continue
        corrected.append(replace(token, text=best[0]))
        notes.append(f"read_as:{word}={best[0]}")
    return corrected, notes


def _completes_name(tokens: list[Token], at: int, vocab: Vocab) -> bool:
    """Whether the token at `at` is part of a service or region name of more than one word."""
    spans = [(m.first, m.last) for m in vocab.services.find(tokens)]
    spans += [(m.first, m.last) for m in vocab.regions.find(tokens)]
    return any(first <= at < last and last - first > 1 for first, last in spans)
