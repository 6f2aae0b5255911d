"""Build a LetterContext from a determination and the case file it was drafted from."""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath

from imr.knowledge import Knowledge
from imr.letters.context import DEFAULT_ORGANISATION, DocumentReviewed, LetterContext, SignatureBlock
from imr.letters.viewmodel import us_date, worker_description
from imr.models import CaseFile, Determination, Record, ReviewerCredentials

SUMMARY_KIND = "clinical_summary"
# A case-file item may carry what the UR decision cited, under this (extra) key.
CLAIMS_ADMINISTRATOR_KEY = "claims_administrator_guideline"
EXCERPT_CHARS = 280  # presentation only: how much of a record a generated summary line quotes


def context_from(
    determination: Determination,
    case: CaseFile,
    knowledge: Knowledge,
    *,
    reviewer: ReviewerCredentials | None = None,
    signature: SignatureBlock | None = None,
    letter_date: dt.date | None = None,
    organisation: str = DEFAULT_ORGANISATION,
) -> LetterContext:
    """The letter context: the case summary is the clinical_summary record's text when there is
    one, else one generated line per record; the documents reviewed are the case's records."""
    date = letter_date or dt.date.today()
    return LetterContext(
        determination=determination,
        case_id=case.case_id or determination.case_id,
        case_summary=case_summary(case, date, knowledge),
        worker=case.worker,
        date_of_injury=case.date_of_injury,
        reviewer=reviewer,
        documents_reviewed=[document(record) for record in case.records],
        claims_administrator_guidelines=_claims_administrator(determination, case),
        signature=signature or SignatureBlock(),
        letter_date=date,
        organisation=organisation,
    )


def case_summary(case: CaseFile, on: dt.date, knowledge: Knowledge) -> str:
    """The clinical_summary record's text, else an opening line and one line per record."""
    written = [r.text.strip() for r in case.records if r.kind == SUMMARY_KIND and r.text and r.text.strip()]
    if written:
        return "\n\n".join(written)
    lines = []
    opening = _opening(case)
    if opening:
        lines.append(opening)
    wording = knowledge.wording_on(on)
    lines.extend(_record_line(record, wording.document_kind(record.kind)) for record in case.records)
    return "\n\n".join(lines)


def document(record: Record) -> DocumentReviewed:
    title = record.title or (PurePath(record.path).name if record.path else None)
    return DocumentReviewed(id=record.id, kind=record.kind, date=record.date, title=title)


def _opening(case: CaseFile) -> str:
    who = worker_description(case.worker)
    subject = f"The injured worker is a {who}" if who else "The injured worker"
    if case.date_of_injury:
        return f"{subject} who sustained an industrial injury on {us_date(case.date_of_injury)}."
    return f"{subject}." if who else ""


def _record_line(record: Record, kind: str) -> str:
    dated = f" dated {us_date(record.date)}" if record.date else ""
    head = f"{kind}{dated} (record {record.id})"
    if not record.text or not record.text.strip():
        return f"{head}: file {record.path}, not quoted here."
    text = " ".join(record.text.split())
    if len(text) > EXCERPT_CHARS:
        text = text[:EXCERPT_CHARS].rsplit(" ", 1)[0] + " …"
    return f"{head}: {text}"


def _claims_administrator(determination: Determination, case: CaseFile) -> list[str | None]:
    # By position: the determination has one item per case item, in order (two items may share a request).
    cited = [
        str(value) if (value := (item.model_extra or {}).get(CLAIMS_ADMINISTRATOR_KEY)) else None
        for item in case.items
    ]
    if not any(cited) or len(cited) != len(determination.items):
        return []
    return cited
