"""Parsing many letter files, in a process pool when there are enough of them, in input order."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from imr.errors import LetterParseError
from imr.published.reader import parse_letter_file

# Below this many files a pool costs more (process start-up, imports) than it saves.
POOL_THRESHOLD = 16
DEFAULT_JOBS = 2


@dataclass(frozen=True, slots=True)
class Outcome:
    """One file's result: the letter as contract JSON, or the error line naming the file."""

    path: str
    letter_json: str | None
    error: str | None


def parse_one(path: str | Path) -> Outcome:
    """Parse one file; a bad letter becomes an error Outcome, never an exception."""
    try:
        letter = parse_letter_file(path)
    except LetterParseError as error:
        return Outcome(str(path), None, str(error))
    except Exception as error:  # a parser bug must not sink the rest of the batch
        return Outcome(str(path), None, f"{path}: unexpected {type(error).__name__}: {error} (please report)")
    return Outcome(str(path), letter.model_dump_json(), None)


def parse_files(
    paths: Sequence[str | Path],
    *,
    jobs: int | None = None,
    on_result: Callable[[Outcome], None] | None = None,
) -> Iterator[Outcome]:
    """Outcomes for `paths` in input order; `jobs` worker processes (default 2) for large batches."""
    workers = max(1, jobs if jobs is not None else min(DEFAULT_JOBS, os.cpu_count() or 1))
    if workers == 1 or len(paths) < POOL_THRESHOLD:
        for path in paths:
            outcome = parse_one(path)
            if on_result:
                on_result(outcome)
            yield outcome
        return
    chunk = max(1, min(64, len(paths) // (workers * 8)))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for outcome in pool.map(parse_one, [str(p) for p in paths], chunksize=chunk):
            if on_result:
                on_result(outcome)
            yield outcome
