"""An ordered parallel map over worker processes, shared by every batch command.

Stdlib only, so any stage may use it (letters, cases) without loading another stage.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many inputs, starting worker processes costs more than it saves.
MIN_INPUTS_FOR_POOL = 4


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
    min_inputs: int = MIN_INPUTS_FOR_POOL,
    max_chunk: int = 16,
) -> Iterator[R]:
    """`fn` over `inputs`, in input order; in worker processes when there are at least `min_inputs`.

    `fn` must be picklable (a module-level function or a partial of one) for the process pool.
    `before_pool` (e.g. loading what the workers need) runs in this process right before the workers
    start, and only if they do.
    """
    workers = default_workers() if workers is None else max(1, workers)
    if workers == 1 or len(inputs) < min_inputs:
        for item in inputs:
            result = fn(item)
            if on_result is not None:
                on_result(result)
            yield result
        return
    # Chunks amortise the inter-process round trip; small enough that progress stays live.
    chunksize = max(1, min(max_chunk, len(inputs) // (workers * 8)))
    # Forked workers share what the parent has loaded; elsewhere the default start method.
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
