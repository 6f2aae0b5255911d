"""The normalizer runs for every item of thousands of cases: it must stay well under a millisecond-ish."""

from __future__ import annotations

import time
from pathlib import Path

import yaml

from imr.items import read_request
from imr.knowledge import load_knowledge

KNOWLEDGE = load_knowledge()

REQUESTS = [
    c["request"]
    for c in yaml.safe_load((Path(__file__).parent / "requests.yaml").read_text(encoding="utf-8"))
]
# Generous bounds for a shared two-core machine; measured about 0.2 ms per request.
MAX_MS_PER_REQUEST = 5.0


def test_reading_requests_is_fast() -> None:
    for request in REQUESTS:  # warm up: vocabulary and the drug dictionary load once
        read_request(request, KNOWLEDGE)
    rounds = 3
    start = time.perf_counter()
    for _ in range(rounds):
        for request in REQUESTS:
            read_request(request, KNOWLEDGE)
    per_request_ms = (time.perf_counter() - start) * 1000 / (rounds * len(REQUESTS))
    assert per_request_ms < MAX_MS_PER_REQUEST, f"{per_request_ms:.2f} ms per request"


def test_drug_dictionary_loads_once_and_lookups_are_cheap() -> None:
    read_request("Keppra 500mg", KNOWLEDGE)
    start = time.perf_counter()
    for n in range(200):
        item = read_request(
            f"Keppra 500mg #{n + 1}", KNOWLEDGE
        )  # not in our vocabulary: goes to the dictionary
        assert item.generic == "levetiracetam"
    per_request_ms = (time.perf_counter() - start) * 1000 / 200
    assert per_request_ms < MAX_MS_PER_REQUEST, f"{per_request_ms:.2f} ms per request"
    assert KNOWLEDGE.request_drugs is KNOWLEDGE.request_drugs


def test_long_repetitive_requests_do_not_backtrack() -> None:
    """Patterns that once backtracked exponentially ("Flexeril 1 1 1 … x Norco" took 40 s at 25 ones)."""
    nasty = [
        "Flexeril " + "1 " * 200 + "x Norco",
        "PT " + "1 " * 500 + "x",
        "1-" * 900,
        "Acupuncture " + "for the " * 200 + "x 4 weeks",
        "L4-5 " * 300,
        "Norco " + "1 tab " * 300 + "q6h",
        "Norco " + "1/" * 900,
        "PT " + "2 x " * 300 + "week",
        "cream " + "5 % " * 300,
    ]
    read_request("Flexeril 5mg #60", KNOWLEDGE)  # vocabulary loaded outside the timing
    for text in nasty:
        start = time.perf_counter()
        read_request(text, KNOWLEDGE)
        elapsed = time.perf_counter() - start
        assert elapsed < 1.0, f"{elapsed:.2f} s for {text[:30]!r}…"
