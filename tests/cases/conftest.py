"""Collect tests/cases/*.yaml decision cases (OpenFisca style) as pytest items.

Each file is a list of cases:

    - name: Flexeril taken for two months is past the short course the guideline allows.
      date: 2015-03-13
      request: "Flexeril 5mg #60"
      seed: 000_a140c83b3724167f.txt        # a seed-letter item: always normalized from the request
      item: {kind: drug, generic: cyclobenzaprine}   # optional normalized fields (non-seed cases)
      facts: {present: [...], absent: [...], documented_absent: [...], values: {...}}
      ur_modified_to: "6 sessions"          # optional, for the reader: the request as written is judged
      expected: {decision: Upheld, topic: cyclobenzaprine, pages: "41-42, 63-66", edition: cpmtg_2009,
                 non_mtus: false, not_met: [short_course], met: [...], phase: continuation}

`decision: review` expects needs_review (no decision).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from imr.engine.judge import Judgement, judge
from imr.guidelines import synthetic_facts
from imr.items import normalize_request
from imr.knowledge import load_knowledge
from imr.models import NormalizedItem

KNOWLEDGE = load_knowledge()

CASE_KEYS = {"name", "date", "request", "seed", "item", "facts", "ur_modified_to", "expected"}
EXPECTED_KEYS = {
    "decision",
    "topic",
    "pages",
    "edition",
    "non_mtus",
    "not_met",
    "met",
    "insufficient",
    "reason",
    "phase",
}


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if file_path.suffix == ".yaml" and file_path.parent == Path(__file__).parent:
        return CaseFile.from_parent(parent, path=file_path)
    return None


class CaseFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        cases = yaml.safe_load(self.path.read_text(encoding="utf-8"))
        if not isinstance(cases, list) or not cases:
            raise CaseError(f"{self.path.name}: expected a non-empty list of cases")
        for number, case in enumerate(cases, start=1):
            if not isinstance(case, dict):
                raise CaseError(f"{self.path.name} case {number}: expected a mapping")
            yield CaseItem.from_parent(self, name=f"{number}: {case.get('name', '?')}", spec=case)


class CaseError(Exception):
    """A malformed case file (a defect in the test data, reported as such)."""


class CaseItem(pytest.Item):
    def __init__(self, *, spec: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.spec = spec

    def runtest(self) -> None:
        spec = self.spec
        unknown = set(spec) - CASE_KEYS
        assert not unknown, f"unknown case keys: {sorted(unknown)}"
        for key in ("name", "date", "request", "expected"):
            assert key in spec, f"a case needs '{key}'"
        expected = spec["expected"]
        assert not set(expected) - EXPECTED_KEYS, (
            f"unknown expected keys: {sorted(set(expected) - EXPECTED_KEYS)}"
        )
        on = spec["date"] if isinstance(spec["date"], dt.date) else dt.date.fromisoformat(str(spec["date"]))
        kb = load_knowledge().guidelines
        facts_spec = spec.get("facts") or {}
        for group in ("present", "absent", "documented_absent", "historical", "contradictions"):
            for concept in facts_spec.get(group, []):
                assert concept in kb.concepts, f"unknown concept {concept} in facts.{group}"
        result = judge(item_for(spec), synthetic_facts(facts_spec), on, KNOWLEDGE)
        check(result, expected)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, AssertionError):
            return f"{self.name}\n{excinfo.value}"
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"case: {self.name}"


def item_for(spec: dict[str, Any]) -> NormalizedItem:
    """Seed-letter cases are normalized from the request as written; others may give the fields."""
    if spec.get("seed") or "item" not in spec:
        item = normalize_request(spec["request"], knowledge=KNOWLEDGE)
        assert item.recognized, f"the normalizer did not read {spec['request']!r}: {item.unrecognized_reason}"
        return item
    return NormalizedItem.model_validate({"request": spec["request"], **spec["item"]})


def check(result: Judgement, expected: dict[str, Any]) -> None:
    trace = "\n".join(f"  {r.id}: {r.result} - {r.finding}" for r in result.criteria)
    where = f"topic={result.topic_id} reason={result.resolution.reason or result.review_reason}\n{trace}"
    decision = expected.get("decision")
    if decision == "review":
        assert result.needs_review and result.decision is None, f"expected needs_review\n{where}"
    elif decision is not None:
        got = result.decision.value if result.decision else None
        assert got == decision, f"decision {got}, expected {decision}\n{where}"
    if "topic" in expected:
        assert result.topic_id == expected["topic"], (
            f"topic {result.topic_id}, expected {expected['topic']}\n{where}"
        )
    guideline = result.guideline
    if "pages" in expected:
        assert guideline is not None and guideline.pages == expected["pages"], f"pages {guideline}\n{where}"
    if "non_mtus" in expected:
        assert guideline is not None and guideline.non_mtus == expected["non_mtus"], where
    if "edition" in expected:
        version = result.resolution.version
        assert version is not None and version.edition == expected["edition"], f"edition: {version}\n{where}"
    if "phase" in expected:
        assert result.phase == expected["phase"], f"phase {result.phase}\n{where}"
    if "reason" in expected:
        assert expected["reason"] in result.reasons, f"reasons {result.reasons}\n{where}"
    outcomes = {r.id.split(".", 1)[1]: r.result for r in result.criteria}
    for key in ("not_met", "met", "insufficient"):
        for criterion in expected.get(key, []):
            assert outcomes.get(criterion) == key, (
                f"{criterion}: {outcomes.get(criterion)}, expected {key}\n{where}"
            )
