"""Benchmark of `imr decide`: cases per second end to end (JSON output), one process and two.

Over generated cases (benchmarks/generate_cases.py: about 5 pages of records each), measures

* single process: in-process `draft()` plus JSON serialization, ms per case, cases/s;
* two processes: the same work spread over the process pool `imr decide` uses (imr.engine.batch);
* the share of time in each stage (normalize, facts, resolve+judge, rationale, serialization);
* baselines measured in the same run: bare `json.dumps` of the case dicts, and spaCy's blank English
  tokenizer over the same record text; the engine's time is printed as a multiple of each;
* optionally (`--cli N`) the `imr decide` command itself over N case files, with 1 and 2 workers.

Usage: python benchmarks/decide.py [-n 1000] [--cli 200]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_cases import generate
from imr.engine import draft
from imr.engine.batch import default_workers, map_ordered, warm
from imr.engine.timing import StageClock
from imr.intake import parse_case_file
from imr.knowledge import load_knowledge

KNOWLEDGE = load_knowledge()

TARGET_MS = 50.0


def decide_json(data: dict[str, Any], clock: StageClock | None = None) -> str:
    """One case end to end: validate, draft, serialize."""
    case = parse_case_file(data)
    determination = draft(case, KNOWLEDGE, clock=clock)
    if clock is None:
        return determination.model_dump_json()
    with clock.stage("serialization"):
        return determination.model_dump_json()


def _decided_length(data: dict[str, Any]) -> int:
    """decide_json for a worker process: only the length travels back."""
    return len(decide_json(data))


def single_process(cases: list[dict[str, Any]]) -> tuple[float, StageClock, list[float]]:
    clock = StageClock()
    per_case: list[float] = []
    start = time.perf_counter()
    for data in cases:
        t0 = time.perf_counter()
        decide_json(data, clock)
        per_case.append(time.perf_counter() - t0)
    return time.perf_counter() - start, clock, per_case


def two_processes(cases: list[dict[str, Any]], workers: int) -> float:
    """Wall time over the pool of `imr decide` (forked from this warm process; start-up included)."""
    start = time.perf_counter()
    list(map_ordered(_decided_length, cases, workers=workers, before_pool=partial(warm, KNOWLEDGE)))
    return time.perf_counter() - start


def baselines(cases: list[dict[str, Any]]) -> dict[str, float]:
    start = time.perf_counter()
    for data in cases:
        json.dumps(data)
    dumps = time.perf_counter() - start
    import spacy

    tokenizer = spacy.blank("en").tokenizer
    texts = [r["text"] for data in cases for r in data["records"]]
    start = time.perf_counter()
    for text in texts:
        tokenizer(text)
    tokens = time.perf_counter() - start
    return {"json.dumps of the case dicts": dumps, "spaCy blank tokenizer over the records": tokens}


def cli_run(cases: list[dict[str, Any]], workers: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for data in cases:
            path = Path(folder) / f"{data['case_id']}.json"
            path.write_text(json.dumps(data), encoding="utf-8")
            paths.append(str(path))
        imr = Path(sys.executable).with_name("imr")
        start = time.perf_counter()
        subprocess.run(
            [str(imr), "decide", *paths, "--workers", str(workers)],
            stdout=subprocess.DEVNULL,
            check=False,
        )
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark imr decide.")
    parser.add_argument("-n", type=int, default=1000, help="generated cases (default 1000)")
    parser.add_argument("--cli", type=int, default=0, help="also time `imr decide` on this many files")
    args = parser.parse_args()

    cases = generate(args.n)
    chars = sum(len(r["text"]) for data in cases for r in data["records"]) / len(cases)
    items = sum(len(data["items"]) for data in cases) / len(cases)
    print(f"{len(cases)} generated cases, {chars:,.0f} record characters and {items:.1f} items per case")
    start = time.perf_counter()
    warm(KNOWLEDGE)
    print(f"warm-up (knowledge, pipeline): {time.perf_counter() - start:.2f} s")

    total, clock, per_case = single_process(cases)
    per_case.sort()
    ms = 1000 * total / len(cases)
    print(
        f"\nsingle process: {len(cases) / total:,.1f} cases/s, {ms:.1f} ms per case "
        f"(target < {TARGET_MS:.0f} ms)"
    )
    print(
        f"  per case: median {1000 * per_case[len(per_case) // 2]:.1f} ms, "
        f"p95 {1000 * per_case[int(len(per_case) * 0.95)]:.1f} ms, max {1000 * per_case[-1]:.1f} ms"
    )
    staged = sum(clock.seconds.values())
    print(f"  stage shares (of {staged:.2f} s measured in stages; the rest is validation and glue):")
    for name, share in clock.shares().items():
        print(f"    {name:<14} {share:6.1%}  {1000 * clock.seconds[name] / len(cases):6.2f} ms/case")

    cores = os.cpu_count() or 1
    workers = default_workers()
    wall = two_processes(cases, workers)
    print(
        f"\n{workers} processes: {len(cases) / wall:,.1f} cases/s, "
        f"{1000 * wall / len(cases):.1f} ms per case wall, speed-up x{total / wall:.2f} "
        f"({cores} cores on this machine)"
    )

    print("\nbaselines measured in this run (same cases):")
    for name, seconds in baselines(cases).items():
        print(f"  {name:<42} {1000 * seconds / len(cases):7.3f} ms/case; engine = x{total / seconds:,.0f}")

    if args.cli:
        subset = cases[: args.cli]
        one = cli_run(subset, 1)
        two = cli_run(subset, 2)
        print(
            f"\n`imr decide` on {len(subset)} files (process start and imports included): "
            f"1 worker {one:.1f} s, 2 workers {two:.1f} s, speed-up x{one / two:.2f}"
        )


if __name__ == "__main__":
    main()
