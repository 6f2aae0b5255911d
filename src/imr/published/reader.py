"""Reading a letter file (text or PDF) into text."""

from __future__ import annotations

from pathlib import Path

from imr.documents import PDF_MAGIC, PdfTextError, decode_text, pdf_page_texts
from imr.errors import LetterParseError
from imr.models.letter import PublishedLetter
from imr.published.parser import parse_letter_text, source_name

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
    if data.lstrip()[:4] == PDF_MAGIC:
        return _pdf_text(data, path)
    if b"\x00" in data[:_SNIFF]:
        raise LetterParseError("binary file, not a text or PDF letter", file=path)
    # Letters saved on Windows come as Windows-1252; ftfy repairs what that gets wrong.
    return decode_text(data)[0]


def _pdf_text(data: bytes, path: Path) -> str:
    try:
        pages = pdf_page_texts(data)
    except PdfTextError as error:
        if error.encrypted:
            raise LetterParseError("encrypted PDF: a password is needed to read it", file=path) from error
        raise LetterParseError(f"unreadable PDF ({error})", file=path) from error
    text = "\n".join(pages)
    if not text.strip():
        raise LetterParseError("PDF has no text layer (scanned image?); run OCR first", file=path)
    return text
