"""Build a LetterContext from a determination and the case file it was drafted from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path, PurePath

from imr.facts import extract_facts
from imr.knowledge import Knowledge
from imr.letters.context import DEFAULT_ORGANISATION, DocumentReviewed, LetterContext, SignatureBlock
from imr.letters.summary import CaseSummary, record_texts, write_summary
from imr.letters.ur_record import UrReading, read_ur
from imr.models import CaseFile, ClinicalFacts, Determination, Record, ReviewerCredentials
from imr.published import layout

# A case-file item may carry what the UR decision cited, under this (extra) key.
CLAIMS_ADMINISTRATOR_KEY = "claims_administrator_guideline"
# What a reviewer types to say UR cited no evidence (the letter then says the standard sentence).
NOTHING_CITED = ("none", layout.NO_EVIDENCE_CITED.lower().rstrip("."))


def context_from(
    determination: Determination,
    case: CaseFile,
    knowledge: Knowledge,
    *,
    reviewer: ReviewerCredentials | None = None,
    signature: SignatureBlock | None = None,
    letter_date: dt.date | None = None,
    organisation: str = DEFAULT_ORGANISATION,
    base_dir: Path | None = None,
    facts: ClinicalFacts | None = None,
    summary: CaseSummary | None = None,
    case_summary: str | None = None,
    claims_administrator: Sequence[str | None] | None = None,
    rationales: Sequence[str | None] | None = None,
) -> LetterContext:
    """The letter context. The case summary is `case_summary` (the physician's text) when given,
    else `summary`, else one written from the facts (imr.letters.summary); the Claims
    Administrator's guideline per item is `claims_administrator` when given, else the case item's
    own field, else what the UR decision record says; the documents reviewed are the case's records."""
    date = letter_date or dt.date.today()
    texts = record_texts(case, base_dir)
    ur = read_ur(case, texts, knowledge)
    if summary is None and case_summary is None:
        facts = facts or extract_facts(case, knowledge, base_dir=base_dir)
        summary = write_summary(case, facts, knowledge, texts=texts, on=date)
    given = list(claims_administrator) if claims_administrator is not None else None
    return LetterContext(
        determination=determination,
        case_id=case.case_id or determination.case_id,
        case_summary=case_summary if case_summary is not None else summary.text if summary else "",
        summary_sources=summary.sentences if summary is not None else [],
        worker=case.worker,
        date_of_injury=case.date_of_injury,
        ur_date=ur.date,
        parties=list(case.parties),
        reviewer=reviewer,
        documents_reviewed=[document(record) for record in case.records],
        claims_administrator_guidelines=aligned(given)
        if given is not None
        else claims_administrator_from(case, ur),
        rationales=list(rationales) if rationales is not None else [],
        signature=signature or SignatureBlock(),
        letter_date=date,
        organisation=organisation,
    )


def claims_administrator_from(case: CaseFile, ur: UrReading) -> list[str | None]:
    """Per item, the guideline the Claims Administrator (UR) cited: the case item's own field, else
    the UR decision record's; None when UR cited nothing, "" when nobody says (the letter cannot be
    signed until the reviewer fills it). [] when no item's is known."""
    cited: list[str | None] = []
    for index, item in enumerate(case.items):
        own = (item.model_extra or {}).get(CLAIMS_ADMINISTRATOR_KEY)
        if own:
            cited.append(str(own))
            continue
        read = ur.citation_for(index)
        cited.append("" if read is None else read.text)
    return aligned(cited)


def aligned(cited: list[str | None]) -> list[str | None]:
    """The list as the letter context takes it: a typed "none" means nothing was cited; [] when
    nothing is known at all."""
    out = [
        None if text is not None and text.strip().lower().rstrip(".") in NOTHING_CITED else text
        for text in cited
    ]
    return [] if all(text is not None and not text.strip() for text in out) else out


def document(record: Record) -> DocumentReviewed:
    title = record.title or (PurePath(record.path).name if record.path else None)
    return DocumentReviewed(id=record.id, kind=record.kind, date=record.date, title=title)
