"""Benchmark the published-letter parser: `python benchmarks/letters.py [-n 20000] [--jobs 2]`.

Builds a corpus of synthetic letters on the seeds' structure (benchmarks/corpus.py), then measures
1. the floor: one compiled-regex pass over the texts (finding every section heading, item label
   and decision line — the least any parser of this layout must do);
2. parse_letter_text over the same texts in this process: letters per second and the ratio of
   its time to the floor (target: under 10);
3. the batch path the CLI uses (files on disk, a process pool of --jobs workers, a Rich progress
   bar): letters per second, wall clock.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate
from imr.published import layout, parse_letter_text
from imr.published.batch import parse_files

# The floor: one pass finding every fixed line the parser keys on (headings, labels, decision lines).
FLOOR_RE = re.compile(
    r"^[ \t]*(?:"
    + "|".join(map(re.escape, (*layout.SECTION_HEADINGS, *layout.ITEM_LABELS)))
    + r")|:[ \t]*"
    + layout.DECISION_WORD_PATTERN
    + r"[ \t]*\r?$",
    re.MULTILINE,
)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-n", type=int, default=20_000, help="letters in the corpus (default 20000)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes for the batch run")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    console = Console(stderr=True)

    started = time.perf_counter()
    letters = generate(args.n, seed=args.seed)
    texts = [g.text for g in letters]
    megabytes = sum(len(t) for t in texts) / 1e6
    print(f"corpus: {len(texts)} letters, {megabytes:.1f} MB, built in {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    hits = sum(1 for text in texts for _ in FLOOR_RE.finditer(text))
    floor = time.perf_counter() - started
    print(f"floor (one regex pass, {hits} hits): {floor:.3f} s, {len(texts) / floor:,.0f} letters/s")

    started = time.perf_counter()
    items = 0
    for generated in letters:
        items += len(parse_letter_text(generated.text, source=generated.name).items)
    parse = time.perf_counter() - started
    expected_items = sum(len(g.expected.items) for g in letters)
    print(
        f"parse (1 process): {parse:.3f} s, {len(texts) / parse:,.0f} letters/s, "
        f"{items} items (expected {expected_items}); ratio to floor: {parse / floor:.1f}"
    )

    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for generated in letters:
            path = Path(folder) / generated.name
            path.write_text(generated.text, encoding="utf-8", newline="")
            paths.append(path)
        columns = (TextColumn("parsing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
        started = time.perf_counter()
        failed = 0
        with Progress(*columns, console=console, transient=True) as progress:
            task = progress.add_task("parse", total=len(paths))
            for outcome in parse_files(paths, jobs=args.jobs, on_result=lambda _: progress.advance(task)):
                failed += outcome.error is not None
        batch = time.perf_counter() - started
    print(
        f"batch (files, {args.jobs} processes, JSON out): {batch:.3f} s, "
        f"{len(paths) / batch:,.0f} letters/s, {failed} failed"
    )


if __name__ == "__main__":
    main()
