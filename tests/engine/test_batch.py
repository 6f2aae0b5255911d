"""Batches: results in input order, over processes; bad files are results, not crashes."""

from __future__ import annotations

import json
from pathlib import Path

from imr.engine.batch import MIN_FILES_FOR_POOL, decide_path, map_ordered
from imr.knowledge import load_knowledge

KNOWLEDGE = load_knowledge()


def test_map_ordered_keeps_input_order_in_a_pool_and_reports_each_result() -> None:
    inputs = [-5, 3, -1, 8, -2, 0, 7, -9, 4, -6] * 3
    seen: list[int] = []
    results = list(map_ordered(abs, inputs, workers=2, on_result=seen.append))
    assert len(inputs) >= MIN_FILES_FOR_POOL
    assert results == [abs(i) for i in inputs]
    assert seen == results


def test_map_ordered_runs_in_process_for_few_inputs() -> None:
    assert list(map_ordered(str.upper, ["a", "b"], workers=2)) == ["A", "B"]


def test_decide_path_returns_input_errors_with_file_and_json_path(tmp_path: Path) -> None:
    missing = decide_path(tmp_path / "nope.json", knowledge=KNOWLEDGE)
    assert missing.determination is None and missing.error is not None
    assert "nope.json" in missing.error and "file not found" in missing.error
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"records": [], "items": [{"request": "x"}]}))
    result = decide_path(bad, knowledge=KNOWLEDGE)
    assert result.error is not None and "at records" in result.error
    assert not result.needs_review


def test_before_pool_runs_once_and_only_when_workers_start() -> None:
    calls: list[str] = []
    inputs = list(range(MIN_FILES_FOR_POOL * 2))
    assert list(map_ordered(abs, inputs, workers=2, before_pool=lambda: calls.append("pool"))) == inputs
    assert calls == ["pool"]
    list(map_ordered(abs, inputs, workers=1, before_pool=lambda: calls.append("one worker")))
    list(map_ordered(abs, [1, 2], workers=2, before_pool=lambda: calls.append("few inputs")))
    assert calls == ["pool"]
