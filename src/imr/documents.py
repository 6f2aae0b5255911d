"""Reading document files: text in UTF-8 or Windows-1252, and the text layer of PDFs, page by page.

Shared by the published-letter reader and the case-record reader; each turns the failures into its
own error naming the file (LetterParseError, RecordReadError).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from imr.errors import InputError

if TYPE_CHECKING:
    import pypdfium2 as pdfium

PDF_MAGIC = b"%PDF"


class PdfTextError(InputError):
    """A PDF whose text cannot be read: `opened` false when the file would not open at all,
    `encrypted` when a password is needed."""

    def __init__(self, message: str, *, opened: bool, encrypted: bool = False) -> None:
        super().__init__(message)
        self.opened = opened
        self.encrypted = encrypted


def decode_text(raw: bytes) -> tuple[str, bool]:
    """The text of a file's bytes and whether it was read as Windows-1252 (not UTF-8)."""
    try:
        return raw.decode("utf-8-sig"), False
    except UnicodeDecodeError:
        # Windows exports are common; cp1252 decodes every byte but five, replaced.
        return raw.decode("cp1252", errors="replace"), True


def pdf_page_texts(source: bytes | Path) -> list[str]:
    """The text layer of each page, with newlines normalised; raises PdfTextError."""
    import pypdfium2 as pdfium  # loaded only for PDFs

    document = open_pdf(source)
    try:
        return [page_text(document, index) for index in range(len(document))]
    except pdfium.PdfiumError as error:
        raise PdfTextError(str(error), opened=True) from error
    finally:
        document.close()


def open_pdf(source: bytes | Path) -> pdfium.PdfDocument:
    """The PDF opened with pdfium (pages load one at a time); raises PdfTextError."""
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(source if isinstance(source, bytes) else str(source))
    except (pdfium.PdfiumError, OSError) as error:
        reason = str(error)
        raise PdfTextError(reason, opened=False, encrypted="password" in reason.lower()) from error


def page_text(document: pdfium.PdfDocument, index: int) -> str:
    """The text layer of one page, newlines normalised; the page is closed again (memory stays flat)."""
    page = document[index]
    textpage = page.get_textpage()
    try:
        return str(textpage.get_text_range()).replace("\r\n", "\n").replace("\r", "\n")
    finally:
        textpage.close()
        page.close()
