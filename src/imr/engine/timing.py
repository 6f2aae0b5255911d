"""Time spent per engine stage, for the benchmark and for profiling (off unless asked for)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

STAGES = ("normalize", "facts", "resolve+judge", "rationale", "serialization")


@dataclass
class StageClock:
    """Seconds accumulated per stage name over any number of cases."""

    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start

    def shares(self) -> dict[str, float]:
        """Each stage's share of the time measured, summing to 1 (all zero when nothing ran)."""
        total = sum(self.seconds.values())
        return {name: (value / total if total else 0.0) for name, value in self.seconds.items()}


@contextmanager
def maybe(clock: StageClock | None, name: str) -> Iterator[None]:
    """`clock.stage(name)` when a clock is given, else nothing."""
    if clock is None:
        yield
        return
    with clock.stage(name):
        yield
