"""A packet read into a case file: pages read, documents split and typed, disputes read, records
made with their page maps. The one entry point of the stage is `intake_packet`."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from imr.errors import PacketError
from imr.intake.records import PAGE_BREAK
from imr.knowledge import Knowledge, load_knowledge
from imr.models import (
    CaseFile,
    PacketIntake,
    Party,
    Record,
    RecordPage,
    UnreadablePage,
    UtilizationReview,
)
from imr.packets.disputes import Disputes, read_disputes
from imr.packets.kinds import Kind, document_author, document_date, document_kinds, kind_label
from imr.packets.ocr import OcrSettings
from imr.packets.pages import PacketPage, open_packet, read_pages
from imr.packets.quality import LOW_PAGE_CONFIDENCE, LOW_WORD_CONFIDENCE
from imr.packets.split import PacketDocument, split_documents

TITLE_CHARS = 120


@dataclass(frozen=True, slots=True)
class IntakeSettings:
    """OCR settings and the confidence below which a page (or a word) is doubtful."""

    ocr: OcrSettings = field(default_factory=OcrSettings)
    page_confidence: float = LOW_PAGE_CONFIDENCE
    word_confidence: float = LOW_WORD_CONFIDENCE


def intake_packet(
    path: Path,
    settings: IntakeSettings | None = None,
    *,
    case_dir: Path | None = None,
    on_page: Callable[[PacketPage], None] | None = None,
    knowledge: Knowledge | None = None,
) -> CaseFile:
    """The case file of the packet at `path`; raises PacketError when the packet cannot be read or
    names no disputed item. `case_dir` is where the case file will be written (the records name the
    packet relative to it); `on_page` is called as each page is read; `knowledge` (default: the
    packaged one) types the documents."""
    settings = settings or IntakeSettings()
    kinds = document_kinds(knowledge or load_knowledge())
    document = open_packet(path)
    pages: list[PacketPage] = []
    try:
        for page in read_pages(document, settings.ocr, low_word_confidence=settings.word_confidence):
            pages.append(page)
            if on_page is not None:
                on_page(page)
    finally:
        document.close()
    documents = split_documents(pages, kinds)
    packet = _relative(path, case_dir)
    records = [_record(f"r{n}", doc, packet, kinds) for n, doc in enumerate(documents, start=1)]
    disputes = read_disputes(documents, ur_dates=[r.date for r in records if r.kind == "ur_decision"])
    if not disputes.items:
        found = (
            ", ".join(f"{kind_label(d.kind, kinds)} (p. {_span(d)})" for d in documents) or "nothing readable"
        )
        raise PacketError(
            "no disputed item found: the packet needs an IMR application listing the disputed "
            f"treatments or a UR decision letter listing the requests; found: {found}",
            file=path,
        )
    return CaseFile(
        case_id=disputes.case_id or path.stem,
        expedited=disputes.expedited,
        worker=disputes.worker,
        date_of_injury=disputes.date_of_injury,
        request_date=disputes.request_date,
        ur=_ur(disputes),
        parties=_parties(disputes),
        records=records,
        items=disputes.items,
        intake=_report(path.name, pages, records, disputes, settings),
    )


def _span(document: PacketDocument) -> str:
    first, last = document.pages[0].number, document.pages[-1].number
    return str(first) if first == last else f"{first}-{last}"


def _relative(path: Path, case_dir: Path | None) -> str:
    if case_dir is None:
        return path.name
    try:
        return Path(os.path.relpath(path.resolve(), case_dir.resolve())).as_posix()
    except ValueError:  # another drive (Windows)
        return str(path.resolve())


def _record(record_id: str, document: PacketDocument, packet: str, kinds: tuple[Kind, ...]) -> Record:
    parts: list[str] = []
    pages: list[RecordPage] = []
    offset = 0
    for index, page in enumerate(document.pages):
        if index:
            offset += len(PAGE_BREAK)
        start = offset
        parts.append(page.text)
        offset += len(page.text)
        pages.append(
            RecordPage(
                page=page.number,
                start=start,
                end=offset,
                source=page.source,
                confidence=round(page.confidence, 1) if page.confidence is not None else None,
                low_confidence=[(start + a, start + b) for a, b in page.low_spans],
                problem=page.problem,
            )
        )
    text = PAGE_BREAK.join(parts)
    title = document.title or next((line.strip() for line in text.splitlines() if line.strip()), None)
    return Record(
        id=record_id,
        kind=document.kind,
        date=document_date(document.text, document.kind),
        title=title[:TITLE_CHARS] if title else kind_label(document.kind, kinds),
        author=document_author(document.text),
        text=text,
        packet=packet,
        pages=pages,
    )


def _ur(disputes: Disputes) -> UtilizationReview | None:
    if not (disputes.ur_date or disputes.reviewer_specialty or disputes.claims_administrator):
        return None
    return UtilizationReview(
        date=disputes.ur_date,
        reviewer_specialty=disputes.reviewer_specialty,
        claims_administrator=disputes.claims_administrator,
    )


def _parties(disputes: Disputes) -> list[Party]:
    parties = [Party(role="employer", name=disputes.employer)] if disputes.employer else []
    if disputes.claims_administrator:
        parties.append(Party(role="claims_administrator", name=disputes.claims_administrator))
    return parties


def _report(
    name: str, pages: list[PacketPage], records: list[Record], disputes: Disputes, settings: IntakeSettings
) -> PacketIntake:
    record_of = {p.page: r.id for r in records for p in r.pages}
    ocr = [p for p in pages if p.source == "ocr"]
    chars = sum(len(p.text) for p in ocr if p.confidence is not None)
    mean = round(sum((p.confidence or 0.0) * len(p.text) for p in ocr) / chars, 1) if chars else None
    return PacketIntake(
        packet=name,
        pages=len(pages),
        text_layer_pages=sum(1 for p in pages if p.source == "text_layer"),
        ocr_pages=len(ocr),
        unreadable_pages=[
            UnreadablePage(page=p.number, reason=p.problem or "no text", record=record_of.get(p.number))
            for p in pages
            if p.source == "unreadable"
        ],
        low_confidence_pages=[
            p.number for p in ocr if p.confidence is not None and p.confidence < settings.page_confidence
        ],
        mean_ocr_confidence=mean,
        confidence_threshold=settings.page_confidence,
        word_confidence_threshold=settings.word_confidence,
        warnings=disputes.warnings,
    )
