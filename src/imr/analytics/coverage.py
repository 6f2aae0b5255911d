"""Which published letters' items the engine can read and has a guideline for, by treatment kind.

For each disputed item of a parsed published letter: is the request read (the normalizer recognises
it), is there a guideline topic for it on the letter's date (MTUS, else a non-MTUS source), and are
that topic's criteria encoded for that date (a later MTUS edition whose text we could not confirm is
found but not encoded: the engine sends such an item to a physician with the guideline named).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from pydantic import BaseModel, Field

from imr.analytics.treatment_kind import OTHER
from imr.items import normalize_request
from imr.knowledge import Knowledge
from imr.models import ItemKind
from imr.models.letter import PublishedLetter
from imr.published.dates import DATE_RE, to_date


class CoverageRow(BaseModel):
    items: int = 0
    read: int = Field(0, description="Requests the normalizer recognised")
    topic: int = Field(0, description="Read requests with a guideline topic on the letter's date")
    encoded: int = Field(0, description="Of those, topics whose criteria are encoded for that date")


class CoverageReport(BaseModel):
    letters: int
    summary_dated_items: int = Field(
        description="Items of letters without a UR date, checked on the latest date of the clinical summary"
    )
    undated_items: int = Field(description="Items of letters with no date at all, checked on `as_of`")
    as_of: dt.date
    total: CoverageRow
    by_kind: dict[str, CoverageRow]
    not_read: dict[str, int] = Field(description="Requests not read, with how often each was seen")
    no_topic: dict[str, int] = Field(description="Read requests with no guideline topic, by topic key")


def coverage(letters: Iterable[PublishedLetter], knowledge: Knowledge, *, as_of: dt.date) -> CoverageReport:
    """The coverage of every item of `letters`, each checked on its letter's UR date; a letter that
    gives none is checked on the latest date its clinical summary names (the request follows the
    latest report), else on `as_of`."""
    kb = knowledge.guidelines
    total = CoverageRow()
    by_kind: dict[str, CoverageRow] = {}
    not_read: dict[str, int] = {}
    no_topic: dict[str, int] = {}
    count = summary_dated = undated = 0
    for letter in letters:
        count += 1
        summary_date = None if letter.ur_date else _latest_date(letter.clinical_summary)
        on = letter.ur_date or summary_date or as_of
        for published in letter.items:
            summary_dated += summary_date is not None
            undated += letter.ur_date is None and summary_date is None
            item = normalize_request(published.request, knowledge)
            read = item.recognized and item.kind is not ItemKind.UNRECOGNIZED
            kind = (item.service or item.kind.value) if read else OTHER
            rows = (total, by_kind.setdefault(kind, CoverageRow()))
            for row in rows:
                row.items += 1
            if not read:
                key = " ".join(published.request.lower().split())
                not_read[key] = not_read.get(key, 0) + 1
                continue
            resolution = kb.resolve(item, on)
            encoded = False
            if resolution.topic is not None and resolution.version is not None:
                version = resolution.version
                encoded = not (version.carry_forward and not kb.edition(resolution.topic, version).encoded)
            else:
                key = item.service or item.generic or item.drug_class or item.kind.value
                no_topic[key] = no_topic.get(key, 0) + 1
            for row in rows:
                row.read += 1
                row.topic += resolution.found
                row.encoded += encoded
    return CoverageReport(
        letters=count,
        summary_dated_items=summary_dated,
        undated_items=undated,
        as_of=as_of,
        total=total,
        by_kind=dict(sorted(by_kind.items(), key=lambda kv: (-kv[1].items, kv[0]))),
        not_read=dict(sorted(not_read.items(), key=lambda kv: (-kv[1], kv[0]))),
        no_topic=dict(sorted(no_topic.items(), key=lambda kv: (-kv[1], kv[0]))),
    )


def _latest_date(text: str) -> dt.date | None:
    dates = [d for d in (to_date(m) for m in DATE_RE.finditer(text)) if d is not None]
    return max(dates, default=None)
