"""Patterns that start with a word boundary are scanned without it and checked at each match: the
matches must be exactly those of the pattern as written."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from imr.facts.pipeline import default_pipeline
from imr.knowledge import Knowledge
from imr.text.scan import bounded_matches, without_leading_boundary

BLIND = Path(__file__).resolve().parents[1] / "blind" / "dev.jsonl"


def _texts() -> list[str]:
    texts = []
    for line in BLIND.read_text(encoding="utf-8").splitlines()[:60]:
        texts += [r["text"].lower() for r in json.loads(line)["records"] if r.get("text")]
    return texts


@pytest.mark.parametrize(
    ("pattern", "strippable"),
    [
        (r"\bfoo|\bbar", True),  # a boundary common to every alternative
        (r"\b(?:tear|rupture)\s+of", True),
        (r"\bfoo|bar", False),  # "bar" needs no boundary
        (r"(?:\+|\bpos)\s*slr", False),
        (r"slr\b", False),
    ],
)
def test_only_a_boundary_every_alternative_starts_with_is_taken_out(pattern: str, strippable: bool) -> None:
    assert (without_leading_boundary(re.compile(pattern)) is not None) is strippable


def test_the_matches_are_those_of_the_pattern_as_written(knowledge: Knowledge) -> None:
    matcher = dict(default_pipeline(knowledge).components)["targets"]._matcher  # type: ignore[attr-defined]
    texts = [*_texts(), "xehl 4/5 ehl 4/5, foo-tear of the acl; 4mm protrusion"]
    stripped = 0
    for scan, _ in matcher._patterns:
        if scan.unbounded is None:
            continue
        stripped += 1
        for text in texts:
            expected = [m.span() for m in scan.regex.finditer(text)]
            found = bounded_matches(scan.unbounded, scan.regex, text)
            assert [m.span() for m in found] == expected, scan.regex.pattern
    assert stripped > 10
