"""Read a record's text: inline text, a .txt file or a PDF (per-page text through pypdfium2).

Paths are relative to the case file's folder. A record that cannot be read raises RecordReadError
naming the record and why (a PDF without a text layer: OCR is needed); the caller reports it and
reads the other records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from imr.documents import PDF_MAGIC, PdfTextError, decode_text, open_pdf, pdf_page_texts
from imr.errors import CaseFileError, RecordReadError
from imr.models.case import Record

# Pages with fewer characters than this are treated as having no text layer.
MIN_PAGE_CHARS = 3
PAGE_BREAK = "\n\f\n"


@dataclass(slots=True)
class RecordText:
    """A record's text as read, the start offset of every page (PDFs), and non-fatal problems."""

    text: str
    page_starts: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_record(record: Record, *, base_dir: Path | None = None) -> RecordText:
    """The text of `record`; raises RecordReadError when there is none to read."""
    if record.text is not None:
        return RecordText(record.text)
    assert record.path is not None  # the contract requires text or path
    path = Path(record.path)
    if not path.is_absolute():
        path = (base_dir or Path.cwd()) / path
    if not path.is_file():
        raise RecordReadError(
            "file not found (paths are relative to the case file's folder)", record=record.id, file=path
        )
    if path.suffix.lower() == ".pdf" or _looks_like_pdf(path):
        return _read_pdf(record.id, path)
    return _read_text(record.id, path)


def check_record_files(
    records: list[Record], *, base_dir: Path | None = None, file: Path | None = None
) -> None:
    """Raise CaseFileError at ``records[i].path`` for the first record file that cannot be opened:
    missing, not a file, unreadable (permission denied…), or a PDF that will not open (broken,
    encrypted). Cheap (nothing is extracted), so that a batch refuses such a case file up front
    instead of drafting from part of its records."""
    for index, record in enumerate(records):
        if record.text is not None or record.path is None:
            continue
        path = Path(record.path)
        if not path.is_absolute():
            path = (base_dir or Path.cwd()) / path
        where = f"records[{index}].path"
        expected = "a readable text or PDF file, relative to the case file's folder"
        try:
            with path.open("rb") as handle:
                magic = handle.read(len(PDF_MAGIC))
        except OSError as exc:
            reason = "file not found" if isinstance(exc, FileNotFoundError) else exc.strerror or str(exc)
            raise CaseFileError(f"{path}: {reason} (expected: {expected})", file=file, path=where) from exc
        if path.suffix.lower() == ".pdf" or magic == PDF_MAGIC:
            try:
                open_pdf(path).close()
            except PdfTextError as exc:
                raise CaseFileError(
                    f"{path}: cannot open the PDF ({str(exc).rstrip('.')}; expected: {expected})",
                    file=file,
                    path=where,
                ) from exc


def _looks_like_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(PDF_MAGIC)) == PDF_MAGIC
    except OSError:
        return False


def _read_text(record: str, path: Path) -> RecordText:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RecordReadError(f"cannot read the file ({exc.strerror})", record=record, file=path) from exc
    if b"\x00" in raw[:4096]:
        raise RecordReadError("binary file, expected text or PDF", record=record, file=path)
    text, windows = decode_text(raw)
    if windows:  # say what we did: cp1252 reads every byte, rightly or not
        return RecordText(text, warnings=[f"{path.name} is not UTF-8; read as Windows-1252"])
    return RecordText(text)


def _read_pdf(record: str, path: Path) -> RecordText:
    try:
        pages = pdf_page_texts(path)
    except PdfTextError as exc:
        what = "cannot read the PDF's text" if exc.opened else "cannot open the PDF"
        raise RecordReadError(f"{what} ({exc})", record=record, file=path) from exc
    if not pages:
        raise RecordReadError("the PDF has no pages", record=record, file=path)
    empty = [i + 1 for i, p in enumerate(pages) if len(p.strip()) < MIN_PAGE_CHARS]
    if len(empty) == len(pages):
        raise RecordReadError(
            f"the PDF has no text layer on any of its {len(pages)} page(s): "
            "OCR is needed before it can be read",
            record=record,
            file=path,
        )
    starts: list[int] = []
    offset = 0
    for page_text in pages:
        starts.append(offset)
        offset += len(page_text) + len(PAGE_BREAK)
    warnings = (
        [f"{path.name}: page(s) {', '.join(map(str, empty))} have no text layer; OCR is needed for them"]
        if empty
        else []
    )
    return RecordText(PAGE_BREAK.join(pages), page_starts=starts, warnings=warnings)
