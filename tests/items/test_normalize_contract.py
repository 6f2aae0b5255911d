"""The contract of normalize_request: never raises on text, canonical names only, copies not shared."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imr.errors import RequestParseError
from imr.items import normalize_request, read_request
from imr.knowledge import load_knowledge
from imr.models import ItemKind

KNOWLEDGE = load_knowledge()

CANONICAL = yaml.safe_load(
    (Path(__file__).resolve().parents[2] / "src/imr/knowledge/vocab/canonical.yaml").read_text(
        encoding="utf-8"
    )
)
TABLE: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "requests.yaml").read_text(encoding="utf-8")
)

# Words from real requests, so that generated text often hits the vocabulary and the count grammar.
_WORD_TEXT = (
    "Flexeril Norco cream patch #60 Qty x 2 12 1-2 tabs TID prn acupuncture PT sessions weeks week times"
    " a for the L4-5 L5-S1 lumbar neck right bilateral MRI and / , ( ) mg % twelve Eight (8) additional"
    " trial post-op rental hours per day days TENS ESI injection 10/325 q6h every x4 2x4 # - 0 999999999999"
)
_WORDS = _WORD_TEXT.split()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_arbitrary_text_never_raises(text: str) -> None:
    item = normalize_request(text, knowledge=KNOWLEDGE)
    assert item.request == text
    assert item.recognized == (item.kind != ItemKind.UNRECOGNIZED)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_WORDS), max_size=14).map(" ".join))
def test_request_like_text_never_raises_and_is_canonical(text: str) -> None:
    _assert_canonical(normalize_request(text, knowledge=KNOWLEDGE).model_dump(mode="json"))


def _assert_canonical(got: dict[str, Any]) -> None:
    if got["service"] is not None:
        assert got["service"] in CANONICAL["services"]
        assert got["kind"] == CANONICAL["services"][got["service"]]["kind"]
    if got["drug_class"] is not None:
        assert got["drug_class"] in CANONICAL["drug_classes"]
    if got["route"] is not None:
        assert got["route"] in CANONICAL["routes"]
    if got["laterality"] is not None:
        assert got["laterality"] in CANONICAL["laterality"]
    assert set(got["body_regions"]) <= set(CANONICAL["body_regions"])
    if got["generic"] is not None:
        assert got["generic"] == got["generic"].lower()
        assert got["generic"] == "/".join(got["generics"])
    for field in ("sessions", "quantity", "days_supply", "days"):
        assert got[field] is None or got[field] >= 0


@pytest.mark.parametrize("case", TABLE, ids=lambda case: str(case["request"])[:50] or "<empty>")
def test_every_table_item_uses_canonical_names(case: dict[str, Any]) -> None:
    _assert_canonical(read_request(case["request"], KNOWLEDGE).model_dump(mode="json"))


@pytest.mark.parametrize("bad", [None, 12, b"Flexeril 5mg #60", ["Flexeril"]])
def test_non_text_is_a_request_parse_error(bad: object) -> None:
    with pytest.raises(RequestParseError, match="request must be text"):
        normalize_request(bad, knowledge=KNOWLEDGE)  # type: ignore[arg-type]


def test_results_are_not_shared_between_calls() -> None:
    first = normalize_request("Flexeril 5mg #60", knowledge=KNOWLEDGE)
    first.modifiers.append("tampered")
    first.quantity = 1
    again = normalize_request("Flexeril 5mg #60", knowledge=KNOWLEDGE)
    assert again.modifiers == []
    assert again.quantity == 60


def test_unrecognized_keeps_the_reason_and_reads_nothing_else() -> None:
    item = normalize_request("Flexeril 5mg #60 and Prilosec 20mg #30", knowledge=KNOWLEDGE)
    assert item.kind == ItemKind.UNRECOGNIZED
    assert not item.recognized
    assert item.unrecognized_reason is not None
    assert "more than one drug" in item.unrecognized_reason
    assert item.generic is None and item.service is None


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def test_seed_items_in_the_table_are_real_seed_items(seed_files: list[Path]) -> None:
    letters = _squash(" ".join(path.read_text(encoding="utf-8", errors="replace") for path in seed_files))
    seeds = [case["request"] for case in TABLE if case.get("seed")]
    missing = [request for request in seeds if _squash(request) not in letters]
    assert not missing
