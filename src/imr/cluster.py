"""Batch work on a Dask distributed cluster (`--scheduler tcp://host:8786`), results in input order.

Each input is one task. When a worker dies, the scheduler reruns its tasks on the others (Dask's
`allowed-failures`); a task that still fails, or raises, is handed to `on_error` so the rest of the
batch goes on. Results are gathered in input order and released as they are yielded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from imr.errors import SchedulerError

T = TypeVar("T")
R = TypeVar("R")

CONNECT_TIMEOUT = "30s"


def dask_map_ordered(
    fn: Callable[[T], R],
    inputs: Sequence[T],
    scheduler: str,
    *,
    on_error: Callable[[T, BaseException], R] | None = None,
    connect_timeout: str = CONNECT_TIMEOUT,
) -> Iterator[R]:
    """`fn` over `inputs` on the cluster at `scheduler`, in input order."""
    try:
        from distributed import Client
    except ImportError as error:  # pragma: no cover - a dependency of imr
        raise SchedulerError(f"--scheduler needs Dask distributed ({error})") from error
    try:
        client = Client(scheduler, timeout=connect_timeout, set_as_default=False)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as error:
        raise SchedulerError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from error
    with client:
        # pure=False: two equal inputs are two tasks (each file is read and reported on its own).
        futures = client.map(fn, list(inputs), pure=False)
        try:
            for item, future in zip(inputs, futures, strict=True):
                try:
                    result = future.result()
                except Exception as error:  # raised by fn, or KilledWorker after too many deaths
                    if on_error is None:
                        raise
                    result = on_error(item, error)
                future.release()  # type: ignore[no-untyped-call]
                yield result
        finally:
            client.cancel([f for f in futures if not f.done()])  # type: ignore[no-untyped-call]
