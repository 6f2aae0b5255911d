"""An ordered parallel map, shared by every batch command: local worker processes, or a Dask
cluster when a scheduler address is given (``--scheduler tcp://host:8786``).

Results always come back in input order. A worker that dies loses nothing: the local pool is
restarted for the inputs not yet done, and Dask reruns a dead worker's tasks elsewhere; an input
that still fails becomes `on_error(input, exception)`'s result when `on_error` is given.

Stdlib only at import time (Dask is imported when a scheduler is given), so any stage may use it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many inputs, starting worker processes costs more than it saves.
MIN_INPUTS_FOR_POOL = 4
# A local pool whose workers keep dying is restarted this many times, then the rest fail.
MAX_POOL_RESTARTS = 2


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
    scheduler: str | None = None,
    on_error: Callable[[T, BaseException], R] | None = None,
) -> Iterator[R]:
    """`fn` over `inputs`, in input order; on the Dask cluster at `scheduler`, else in worker
    processes when there are at least `min_inputs`.

    `fn` must be picklable (a module-level function or a partial of one). `before_pool` (e.g. loading
    what the workers need) runs in this process right before local workers start, and only if they
    do. Without `on_error`, an exception from `fn` (or a worker lost for good) propagates.
    """
    if scheduler is not None:
        from imr.cluster import dask_map_ordered  # Dask loads only when a cluster is asked for

        yield from _reported(dask_map_ordered(fn, inputs, scheduler, on_error=on_error), on_result)
        return
    workers = default_workers() if workers is None else max(1, workers)
    if workers == 1 or len(inputs) < min_inputs:
        yield from _reported((_call(fn, item, on_error) for item in inputs), on_result)
        return
    if before_pool is not None:
        before_pool()
    yield from _reported(_pool_map(fn, inputs, workers, max_chunk, on_error), on_result)


def _reported(results: Iterator[R], on_result: Callable[[R], None] | None) -> Iterator[R]:
    for result in results:
        if on_result is not None:
            on_result(result)
        yield result


def _call(fn: Callable[[T], R], item: T, on_error: Callable[[T, BaseException], R] | None) -> R:
    if on_error is None:
        return fn(item)
    try:
        return fn(item)
    except Exception as error:
        return on_error(item, error)


def _pool_map(
    fn: Callable[[T], R],
    inputs: Sequence[T],
    workers: int,
    max_chunk: int,
    on_error: Callable[[T, BaseException], R] | None,
) -> Iterator[R]:
    # Imported here: multiprocessing takes a while to load and one input never needs it.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # Forked workers share what the parent has loaded; elsewhere the default start method.
    context = (
        multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    )
    done, restarts = 0, 0
    while done < len(inputs):
        remaining = inputs[done:]
        # Chunks amortise the inter-process round trip; small enough that progress stays live.
        chunksize = max(1, min(max_chunk, len(remaining) // (workers * 8)))
        guarded = _Guarded(fn, catch=on_error is not None)
        try:
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                for outcome in pool.map(guarded, remaining, chunksize=chunksize):
                    item = inputs[done]
                    done += 1
                    if isinstance(outcome, _Failure) and on_error is not None:
                        yield on_error(item, outcome.error)
                    else:
                        yield outcome  # type: ignore[misc]
        except BrokenProcessPool as error:
            restarts += 1  # a worker died (killed, out of memory): go on with a fresh pool
            if restarts > MAX_POOL_RESTARTS:
                if on_error is None:
                    raise
                for item in inputs[done:]:
                    yield on_error(item, error)
                return


class _Failure:
    """An exception raised by `fn` in a worker, carried back so the other inputs go on."""

    def __init__(self, error: BaseException) -> None:
        self.error = error


class _Guarded(Generic[T, R]):
    """`fn`, returning a _Failure instead of raising when `catch` (picklable when `fn` is)."""

    def __init__(self, fn: Callable[[T], R], *, catch: bool) -> None:
        self.fn = fn
        self.catch = catch

    def __call__(self, item: T) -> object:
        if not self.catch:
            return self.fn(item)
        try:
            return self.fn(item)
        except Exception as error:
            return _Failure(error)
