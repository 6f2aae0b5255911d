"""Draft a determination for a whole case.

Provisional: until the criteria engine is wired in, every item is reported as needing physician
review (principle 4: say "I don't know" rather than guess).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from imr.models import CaseFile, Determination, ItemDetermination


def draft(case: CaseFile, *, as_of: dt.date | None = None, base_dir: Path | None = None) -> Determination:
    """Draft a determination for every disputed item of `case`."""
    items = [
        ItemDetermination(
            request=item.request,
            decision=None,
            needs_review=True,
            review_reason="the determination engine is not available in this build",
            ur_decision=item.ur_decision,
        )
        for item in case.items
    ]
    return Determination(
        case_id=case.case_id,
        knowledge_base_version="unversioned",
        items=items,
        documents_reviewed=[record.id for record in case.records],
    )
