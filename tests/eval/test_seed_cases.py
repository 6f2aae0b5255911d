"""examples/seed-cases.jsonl: built from the seed letters, and `imr eval` over it."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import CliRunner

from imr.cli import app

ROOT = Path(__file__).resolve().parents[2]
SEED_CASES = ROOT / "examples" / "seed-cases.jsonl"
runner = CliRunner()


def builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_seed_cases", ROOT / "examples" / "build_seed_cases.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_seed_cases_are_what_the_builder_makes() -> None:
    assert SEED_CASES.read_text(encoding="utf-8") == builder().build()


def test_seed_cases_hold_the_real_decisions() -> None:
    lines = [json.loads(line) for line in SEED_CASES.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 5
    expected = [e["decision"] for line in lines for e in line["expected"]]
    assert len(expected) == 16
    assert expected.count("Overturned") == 1
    first = lines[0]
    assert first["ur"] == {"date": "2015-03-13"}
    assert first["items"][3]["ur_modified_to"] == "6 sessions"
    assert first["expected"][1]["citation"] == {"source": "MTUS", "pages": "41-42, 63-66"}
    assert first["records"][0]["kind"] == "clinical_summary"


@pytest.fixture(scope="module")
def seed_eval() -> dict[str, object]:
    result = runner.invoke(app, ["eval", str(SEED_CASES), "--format", "json"])
    assert result.exit_code == 0, result.output
    report: dict[str, object] = json.loads(result.stdout)
    return report


def test_eval_reports_every_metric_over_16_items(seed_eval: dict[str, object]) -> None:
    assert seed_eval["items"] == 16
    assert seed_eval["cases"] == 5
    assert seed_eval["citations_compared"] == 16
    for key in ("accuracy", "balanced_accuracy", "recall", "coverage", "citation_agreement", "confusion"):
        assert key in seed_eval


# 16 of 16 is the bar. The one miss left is in fact extraction, not here: seed 002's reviewer found
# the massage reports too vague ("function and quality of life improves", no session count) to be
# functional improvement; the extractor reads them as improvement. Empty this set when fixed.
KNOWN_MISSES: set[tuple[str, str]] = set()


def test_engine_decides_the_seeds_as_the_reviewers_did(seed_eval: dict[str, object]) -> None:
    rows = seed_eval["items_detail"]
    assert isinstance(rows, list)
    misses = {(row["case_id"], row["request"]) for row in rows if row["expected"] != row["predicted"]}
    assert misses <= KNOWN_MISSES, misses - KNOWN_MISSES
    assert seed_eval["coverage"] == 1.0
    assert seed_eval["citation_agreement"] == 1.0
    # for the reasons their reviewers gave, and in the phase their letters make plain
    assert seed_eval["reason_agreement"] == 1.0 and seed_eval["reasons_compared"] == 16
    assert seed_eval["phase_accuracy"] == 1.0 and seed_eval["phases_compared"] == 6


def test_table_output_shows_the_confusion_matrix() -> None:
    result = runner.invoke(app, ["eval", str(SEED_CASES)])
    assert result.exit_code == 0
    assert "Confusion matrix" in result.stdout and "needs_review" in result.stdout
