"""Conflicts of interest: a reviewer's declared affiliations against the parties of a case."""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import fuzz

from imr.assignment.data import reviewer_rules
from imr.assignment.specialty import normalize
from imr.models.case import Party
from imr.models.reviewer import Reviewer


def name_key(name: str) -> list[str]:
    """The words that identify an organisation's name: case, punctuation and legal-form words dropped."""
    ignore = set(reviewer_rules().conflicts.ignore_words)
    words = normalize(name).split()
    return [word for word in words if word not in ignore]


def names_match(a: str, b: str) -> float | None:
    """The match score (0-100) when two names denote the same organisation or person, else None.

    "Acme Insurance Co." and "ACME Insurance Company" match (both reduce to "acme insurance"); so do
    "Acme Medical" and "Acme Medical Group" (every word of one, at least `subset_min_words`, is in the other).
    """
    rules = reviewer_rules().conflicts
    words_a, words_b = name_key(a), name_key(b)
    if not words_a or not words_b:
        return None
    score = fuzz.token_sort_ratio(" ".join(words_a), " ".join(words_b))
    if score >= rules.name_match_threshold:
        return score
    shorter, longer = sorted((set(words_a), set(words_b)), key=len)
    if len(shorter) >= rules.subset_min_words and shorter <= longer:
        return fuzz.token_set_ratio(" ".join(words_a), " ".join(words_b))
    return None


def find_conflicts(reviewer: Reviewer, parties: Sequence[Party]) -> list[str]:
    """Why the reviewer may not review a case with these parties; empty when there is no conflict."""
    ties = [(f"{a.kind} affiliation {a.name!r}", a.name) for a in reviewer.affiliations]
    if reviewer.name:
        ties.append(("own name", reviewer.name))
    reasons: list[str] = []
    for tie, tie_name in ties:
        for party in parties:
            score = names_match(tie_name, party.name)
            if score is not None:
                reasons.append(
                    f"conflict of interest: {tie} matches the {party.role} {party.name!r} "
                    f"(name match {score:.0f}/100)"
                )
    return reasons
