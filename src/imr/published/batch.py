"""Parsing many letter files, in a process pool when there are enough of them, in input order."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from imr.errors import LetterParseError
from imr.parallel import map_ordered
from imr.published.reader import parse_letter_file

# Below this many files a pool costs more (process start-up, imports) than it saves.
POOL_THRESHOLD = 16


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
    scheduler: str | None = None,
) -> Iterator[Outcome]:
    """Outcomes for `paths` in input order; `jobs` worker processes (default both cores) for big
    batches, or the Dask cluster at `scheduler` (paths sent absolute: the workers need to read them)."""
    return map_ordered(
        parse_one,
        [str(Path(p).resolve()) if scheduler else str(p) for p in paths],
        workers=jobs,
        on_result=on_result,
        min_inputs=POOL_THRESHOLD,
        max_chunk=64,
        scheduler=scheduler,
        on_error=_lost,
    )


def _lost(path: str, error: BaseException) -> Outcome:
    """A file whose worker died (again and again) or whose task failed on the cluster."""
    return Outcome(path, None, f"{path}: not parsed: {type(error).__name__}: {error}")
