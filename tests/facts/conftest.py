"""Fixtures for the fact-extraction tests: pipelines are built in fixtures, never at import."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from imr.facts import Pipeline, build_pipeline
from imr.facts.context import ConText
from imr.facts.targets import TargetMatcher
from imr.knowledge import load_knowledge
from imr.knowledge.nlp import ContextRule, TargetRule

KNOWLEDGE = load_knowledge()

# The two targets the one-rule context tests look at.
TEST_TARGETS = [
    TargetRule(literal="numbness", concept="finding.numbness_tingling"),
    TargetRule(literal="acupuncture", concept="treatment.acupuncture"),
    TargetRule(literal="improved sleep", concept="outcome.adl_improvement"),
    TargetRule(literal="radiating", concept="finding.radicular_pain"),
    TargetRule(literal="surgery", concept="event.surgery"),
    TargetRule(literal="illicit drugs", concept="risk.aberrant_behavior"),
]

SUMMARY = re.compile(r"CLINICAL CASE SUMMARY(.*?)IMR ISSUES", re.S)


@pytest.fixture(scope="session")
def one_rule_pipeline() -> Callable[[list[ContextRule]], Pipeline]:
    """A pipeline of sentences, the test targets and ConText with only the given rules."""

    def make(rules: list[ContextRule]) -> Pipeline:
        return build_pipeline(
            enable=["sentences", "targets", "context"],
            components={"targets": TargetMatcher(TEST_TARGETS), "context": ConText(rules)},
            knowledge=KNOWLEDGE,
        )

    return make


@pytest.fixture(scope="session")
def summaries(seed_files: list[Path]) -> dict[str, str]:
    """The CLINICAL CASE SUMMARY part of each seed letter, keyed by its three-digit prefix."""
    out: dict[str, str] = {}
    for path in seed_files:
        found = SUMMARY.search(path.read_text(encoding="utf-8"))
        assert found, f"{path.name} has no clinical case summary"
        out[path.name[:3]] = found.group(1)
    return out
