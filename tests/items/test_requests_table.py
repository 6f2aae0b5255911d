"""The request table (requests.yaml): every realistic request reads as expected."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from imr.items import read_request
from imr.knowledge import load_knowledge

KNOWLEDGE = load_knowledge()

TABLE = yaml.safe_load((Path(__file__).parent / "requests.yaml").read_text(encoding="utf-8"))


def _id(case: dict[str, Any]) -> str:
    return str(case["request"])[:60] or "<empty>"


def test_table_is_large_and_covers_every_seed_item() -> None:
    assert len(TABLE) >= 150
    seeds = {case["request"] for case in TABLE if case.get("seed")}
    assert len(seeds) >= 16


@pytest.mark.parametrize("case", TABLE, ids=_id)
def test_request_reads_as_expected(case: dict[str, Any]) -> None:
    item = read_request(case["request"], KNOWLEDGE)
    got = item.model_dump(mode="json")
    wrong = {
        field: (got[field], expected) for field, expected in case["expect"].items() if got[field] != expected
    }
    assert not wrong, f"{case['request']!r}: field: (got, expected) {wrong}"
    if item.recognized:
        assert item.unrecognized_reason is None
    else:
        assert item.unrecognized_reason, "an unread request must say why"
