"""Benchmark of a cold `imr decide` on one case, against a bare Python process in the same run.

Baseline: `python -c "import pydantic, yaml, typer, rich"` (what any CLI built on those pays). Subject:
`imr decide examples/case-demo.json`, with the compiled knowledge already in the cache (the usual case:
it is built once per knowledge version), and once with an empty cache (the first run after a change).
Runs alternate baseline and subject so that a busy machine slows both alike; medians are compared.
Target: the cached cold decide within 5x the baseline.

Usage: python benchmarks/cold_start.py [-n 10] [--case examples/case-demo.json]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 5.0


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak memory (MiB) of one run of `command`."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 3):
        raise SystemExit(f"{' '.join(command)} failed (exit {os.waitstatus_to_exitcode(status)})")
    return seconds, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark a cold imr decide against bare Python.")
    parser.add_argument("-n", type=int, default=10, help="runs of each (default 10)")
    parser.add_argument("--case", default=str(ROOT / "examples" / "case-demo.json"))
    args = parser.parse_args()

    python = sys.executable
    imr = str(Path(python).with_name("imr"))
    baseline = [python, "-c", "import pydantic, yaml, typer, rich"]
    decide = [imr, "decide", args.case]
    with tempfile.TemporaryDirectory() as cache:
        env = os.environ | {"IMR_CACHE_DIR": cache}
        first, first_mib = timed(decide, env)  # empty cache: reads, checks and compiles the knowledge
        bare: list[float] = []
        cold: list[float] = []
        memory: list[float] = []
        for _ in range(args.n):
            bare.append(timed(baseline, env)[0])
            seconds, mib = timed(decide, env)
            cold.append(seconds)
            memory.append(mib)
    base, subject = statistics.median(bare), statistics.median(cold)
    print(f"{args.n} runs each, alternating; medians")
    print(f"  bare python importing pydantic, yaml, typer, rich  {base * 1000:7.0f} ms")
    print(
        f"  imr decide, one case, compiled knowledge cached     {subject * 1000:7.0f} ms  "
        f"x{subject / base:.1f} (target <= x{TARGET_RATIO:.0f}), {max(memory):.0f} MiB"
    )
    print(
        f"  imr decide, one case, empty cache (first run)       {first * 1000:7.0f} ms  "
        f"x{first / base:.1f}, {first_mib:.0f} MiB"
    )


if __name__ == "__main__":
    main()
