"""Does a finding rest on text that was read badly? The question the engine asks of packet records.

A span of a record's text is doubtful when it touches an unreadable page, lies on an OCR page whose
mean confidence is below the case's threshold, or overlaps a word OCR read with low confidence. An
absence finding ("no documentation of …") is doubtful when a searched record has unreadable or
low-confidence pages: what is missing may be on them. Records without a page map (typed or text
layer cases) are never doubtful. Stdlib and models only, so the engine may call it cheaply.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence

from imr.models import CaseFile, CriterionResult, Evidence, Record, RecordPage

# Operational defaults (not clinical numbers); a case read by `imr intake` carries its own.
LOW_PAGE_CONFIDENCE = 75.0  # mean Tesseract word confidence (0-100) below which a page is doubtful
LOW_WORD_CONFIDENCE = 60.0  # a word read with less confidence than this is doubtful


def page_at(record: Record, offset: int) -> RecordPage | None:
    """The packet page holding character `offset` of the record's text (None without a page map)."""
    if not record.pages:
        return None
    starts = [p.start for p in record.pages]
    index = max(0, bisect_right(starts, offset) - 1)
    return record.pages[index]


def _threshold(case: CaseFile | None) -> float:
    if case is not None and case.intake is not None and case.intake.confidence_threshold is not None:
        return case.intake.confidence_threshold
    return LOW_PAGE_CONFIDENCE


def page_doubt(page: RecordPage, threshold: float = LOW_PAGE_CONFIDENCE) -> str | None:
    """Why a whole page is doubtful, or None."""
    if page.source == "unreadable":
        return f"page {page.page} could not be read ({page.problem or 'no text'})"
    if page.source == "ocr" and page.confidence is not None and page.confidence < threshold:
        return (
            f"page {page.page} was read by OCR with {page.confidence:.0f}% confidence "
            f"(below {threshold:.0f}%)"
        )
    return None


def text_doubt(record: Record, start: int, end: int, *, threshold: float = LOW_PAGE_CONFIDENCE) -> str | None:
    """Why the span [start, end) of `record.text` rests on low-confidence or unreadable text, or None.

    The reason names the record, the packet page and the confidence, in plain words.
    """
    end = max(end, start + 1)
    for page in record.pages:
        if page.end < start or page.start >= end:
            continue
        reason = page_doubt(page, threshold)
        if reason is not None:
            return f"record {record.id}: {reason}"
        for low_start, low_end in page.low_confidence:
            if low_start < end and low_end > start:
                word = (record.text or "")[low_start:low_end]
                return (
                    f"record {record.id}: the word {word!r} on page {page.page} was read by OCR with low "
                    "confidence"
                )
    return None


def evidence_doubt(case: CaseFile, evidence: Evidence) -> str | None:
    """`text_doubt` for one evidence span of a determination (record looked up by id)."""
    record = next((r for r in case.records if r.id == evidence.record), None)
    if record is None:
        return None
    return text_doubt(record, evidence.start, evidence.end, threshold=_threshold(case))


def absence_doubt(case: CaseFile, records: Iterable[str] | None = None) -> str | None:
    """Why "not documented" cannot be trusted for `records` (all when None): pages that were not
    read, or read with low confidence, may hold what is missing. None when every page read well."""
    wanted = set(records) if records is not None else None
    threshold = _threshold(case)
    doubtful = [
        (record.id, page.page)
        for record in case.records
        if wanted is None or record.id in wanted
        for page in record.pages
        if page_doubt(page, threshold) is not None
    ]
    if not doubtful:
        return None
    pages = ", ".join(f"{page}" for _, page in doubtful[:10]) + (" …" if len(doubtful) > 10 else "")
    return (
        f"packet page(s) {pages} could not be read or were read with low confidence; what the records "
        "are said not to document may be on them"
    )


def decisive_doubt(case: CaseFile, criteria: Sequence[CriterionResult]) -> str | None:
    """Why an item's decision cannot rest on its decisive criteria, or None.

    For each decisive criterion: a doubtful evidence span; for a criterion decided by what the
    records do not say (no evidence, a search scope), doubtful pages in the searched records.
    """
    for criterion in criteria:
        if not criterion.decisive:
            continue
        for evidence in criterion.evidence:
            reason = evidence_doubt(case, evidence)
            if reason is not None:
                return f"the decisive finding for {criterion.id!r} rests on doubtful text: {reason}"
        if not criterion.evidence and criterion.searched is not None:
            reason = absence_doubt(case, criterion.searched.records or None)
            if reason is not None:
                return f"the decisive finding for {criterion.id!r} is an absence, but {reason}"
    return None
