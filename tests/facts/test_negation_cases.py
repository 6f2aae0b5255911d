"""The negation cases the benchmark also gives stock medspaCy: each is one sentence and one assertion."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from imr.facts import extract_text
from imr.knowledge import load_knowledge
from imr.models.facts import ModifierCategory

KNOWLEDGE = load_knowledge()

CASES: list[dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "negation_cases.yaml").read_text())[
    "cases"
]
DENIED = {ModifierCategory.NEGATED, ModifierCategory.DOCUMENTATION_ABSENT}


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:50] for c in CASES])
def test_negation_case(case: dict[str, Any]) -> None:
    facts = [
        f
        for f in extract_text(case["text"], knowledge=KNOWLEDGE)
        if " ".join(f.text.split()).lower() == case["target"].lower()
    ]
    assert facts and any(m.category in DENIED for f in facts for m in f.modifiers) is case["negated"]
