"""Many case files at once: an ordered parallel map over processes, and one case file's outcome.

A bad case file never stops the batch: its `CaseResult` carries the error (file and JSON path) and
the other files are still decided. Results always come back in input order.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from imr.engine.draft import draft
from imr.errors import ImrError
from imr.intake import load_case_file
from imr.models import CaseFile, Determination, ItemRequest, Record

T = TypeVar("T")
R = TypeVar("R")

# Below this many inputs, starting worker processes costs more than it saves.
MIN_FILES_FOR_POOL = 4


@dataclass(frozen=True)
class CaseResult:
    """One case file's outcome: the case and its determination, or the error that stopped it."""

    path: Path
    case: CaseFile | None = None
    determination: Determination | None = None
    error: str | None = None

    @property
    def needs_review(self) -> bool:
        return self.determination is not None and self.determination.needs_review


def decide_path(path: Path, *, as_of: dt.date | None = None) -> CaseResult:
    """Load and draft one case file; input errors are returned, not raised."""
    try:
        case = load_case_file(path)
    except ImrError as exc:
        return CaseResult(path=path, error=str(exc))
    determination = draft(case, as_of=as_of, base_dir=path.parent)
    return CaseResult(path=path, case=case, determination=determination)


def warm() -> None:
    """Load the knowledge base, vocabularies and fact pipeline in this process.

    Called before forking workers, so that they inherit them instead of each loading its own.
    """
    draft(CaseFile(records=[Record(id="warm", text="Low back pain.")], items=[ItemRequest(request="MRI")]))


def default_workers() -> int:
    """Both cores of the target machine, never more than the machine has."""
    return max(1, min(2, os.cpu_count() or 1))


def map_ordered(
    fn: Callable[[T], R],
    inputs: Sequence[T],
    *,
    workers: int | None = None,
    on_result: Callable[[R], None] | None = None,
    before_pool: Callable[[], None] | None = None,
) -> Iterator[R]:
    """`fn` over `inputs`, in input order; in worker processes when there are enough inputs.

    `fn` must be picklable (a module-level function or a partial of one) for the process pool.
    `before_pool` (e.g. `warm`) runs in this process right before the workers start, and only if they do.
    """
    workers = default_workers() if workers is None else max(1, workers)
    if workers == 1 or len(inputs) < MIN_FILES_FOR_POOL:
        for item in inputs:
            result = fn(item)
            if on_result is not None:
                on_result(result)
            yield result
        return
    # Chunks amortise the inter-process round trip; small enough that progress stays live.
    chunksize = max(1, min(16, len(inputs) // (workers * 8)))
    # Forked workers share what the parent has loaded (see warm); elsewhere the default start method.
    context = (
        multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    )
    if before_pool is not None:
        before_pool()
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for result in pool.map(fn, inputs, chunksize=chunksize):
            if on_result is not None:
                on_result(result)
            yield result
