"""Reading a letter file (text or PDF) into text."""

from __future__ import annotations

from pathlib import Path

from imr.errors import LetterParseError
from imr.models.letter import PublishedLetter
from imr.published.parser import parse_letter_text, source_name

_PDF_MAGIC = b"%PDF"
_SNIFF = 8192


def parse_letter_file(path: str | Path) -> PublishedLetter:
    """A letter file (UTF-8/Windows-1252 text or a PDF with a text layer) as structured data.

    Raises LetterParseError naming the file and the reason: unreadable, empty, binary, encrypted
    or image-only PDF, or a letter the parser cannot read.
    """
    path = Path(path)
    text = read_letter_text(path)
    try:
        return parse_letter_text(text, source=source_name(path))
    except LetterParseError as error:
        # Name the file as the caller gave it, not just its base name.
        raise LetterParseError(error.message, file=path, line=error.line) from None


def read_letter_text(path: Path) -> str:
    """The text of a letter file."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise LetterParseError(f"cannot read file: {error.strerror or error}", file=path) from error
    if not data.strip():
        raise LetterParseError("empty file: no text to parse", file=path)
    if data.lstrip()[:4] == _PDF_MAGIC:
        return _pdf_text(data, path)
    if b"\x00" in data[:_SNIFF]:
        raise LetterParseError("binary file, not a text or PDF letter", file=path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Letters saved on Windows; ftfy repairs what this gets wrong.
        return data.decode("cp1252", errors="replace")


def _pdf_text(data: bytes, path: Path) -> str:
    import pypdfium2 as pdfium  # loaded only for PDFs: the CLI and the text path start without it

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        reason = str(error)
        if "password" in reason.lower():
            raise LetterParseError("encrypted PDF: a password is needed to read it", file=path) from error
        raise LetterParseError(f"unreadable PDF ({reason})", file=path) from error
    try:
        pages: list[str] = []
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            try:
                pages.append(textpage.get_text_range())
            finally:
                textpage.close()
                page.close()
    finally:
        document.close()
    text = "\n".join(pages)
    if not text.strip():
        raise LetterParseError("PDF has no text layer (scanned image?); run OCR first", file=path)
    return text
