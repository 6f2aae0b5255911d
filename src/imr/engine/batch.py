"""Many case files at once: an ordered parallel map over processes, and one case file's outcome.

A bad case file never stops the batch: its `CaseResult` carries the error (file and JSON path) and
the other files are still decided. Results always come back in input order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from imr.engine.draft import draft
from imr.errors import ImrError
from imr.intake import load_case_file
from imr.intake.records import check_record_files
from imr.knowledge import Knowledge
from imr.models import CaseFile, Determination, ItemRequest, Record
from imr.parallel import MIN_INPUTS_FOR_POOL, default_workers, map_ordered

# The batch commands' rule for a pool (imr.parallel); named here for the commands that show progress.
MIN_FILES_FOR_POOL = MIN_INPUTS_FOR_POOL

__all__ = ["MIN_FILES_FOR_POOL", "CaseResult", "decide_path", "default_workers", "map_ordered", "warm"]


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


def decide_path(path: Path, knowledge: Knowledge, *, as_of: dt.date | None = None) -> CaseResult:
    """Load and draft one case file; input errors are returned, not raised. A record file that
    cannot be opened is such an error: no draft is made from part of the records."""
    try:
        case = load_case_file(path)
        check_record_files(case.records, base_dir=path.parent, file=path)
    except ImrError as exc:
        return CaseResult(path=path, error=str(exc))
    determination = draft(case, knowledge, as_of=as_of, base_dir=path.parent)
    return CaseResult(path=path, case=case, determination=determination)


def warm(knowledge: Knowledge) -> None:
    """Build what drafting builds from the knowledge (vocabularies, fact pipeline) in this process.

    Called before forking workers, so that they inherit it instead of each building its own.
    """
    case = CaseFile(records=[Record(id="warm", text="Low back pain.")], items=[ItemRequest(request="MRI")])
    draft(case, knowledge)
