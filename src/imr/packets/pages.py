"""A packet's pages, one at a time: the text layer where a page has one, OCR where it has not.

Pages are read in order and only one page (or one small chunk of pages waiting for OCR) is held as
an image at a time, so a 1,000-page packet takes the memory of a few pages plus its text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from imr.documents import PdfTextError, open_pdf, page_text
from imr.errors import PacketError
from imr.models import PageSource
from imr.packets.ocr import OcrPage, OcrSettings, ocr_pages

if TYPE_CHECKING:
    import pypdfium2 as pdfium

# Operational settings, not clinical numbers.
MIN_TEXT_CHARS = 3  # a page with fewer characters in its text layer has none
SHORT_TEXT_CHARS = 200  # a page with a short text layer over a big image is a scan with a stamp
IMAGE_COVER_SHARE = 0.5
OCR_CHUNK = 8  # pages handed to OCRmyPDF at once: amortises its start-up, keeps memory small
MAX_WAITING = 64  # text pages held back while a chunk of pages waits for OCR


@dataclass(slots=True)
class PacketPage:
    """One page as read: its text, how it was read, and its OCR confidence and doubtful words."""

    number: int
    text: str
    source: PageSource
    confidence: float | None = None
    low_spans: list[tuple[int, int]] = field(default_factory=list)
    problem: str | None = None


def open_packet(path: Path) -> pdfium.PdfDocument:
    """The packet opened for reading; PacketError in plain words when it cannot be."""
    if not path.is_file():
        raise PacketError("file not found", file=path)
    try:
        document = open_pdf(path)
    except PdfTextError as error:
        if error.encrypted:
            raise PacketError(
                "the PDF is encrypted (a password is needed to open it); ask the sender for an unlocked copy",
                file=path,
            ) from error
        raise PacketError(f"not a readable PDF ({error}); is the file complete?", file=path) from error
    if len(document) == 0:
        document.close()
        raise PacketError("the PDF has no pages", file=path)
    return document


def page_count(path: Path) -> int:
    """The packet's number of pages, 0 when it cannot be opened (intake then says why)."""
    try:
        document = open_packet(path)
    except PacketError:
        return 0
    try:
        return len(document)
    finally:
        document.close()


def read_pages(
    document: pdfium.PdfDocument, settings: OcrSettings, *, low_word_confidence: float
) -> Iterator[PacketPage]:
    """Every page of `document` in order, read from its text layer or by OCR."""
    waiting: list[int] = []  # pages (0-based) waiting for OCR
    done: dict[int, PacketPage] = {}
    next_out = 0
    count = len(document)
    for index in range(count):
        try:
            text = page_text(document, index)
        except Exception as error:  # pdfium raises its own errors for a damaged page
            done[index] = PacketPage(
                index + 1, "", "unreadable", problem=f"the page cannot be read ({error})"
            )
        else:
            if _needs_ocr(document, index, text):
                waiting.append(index)
            else:
                done[index] = PacketPage(index + 1, text, "text_layer")
        if waiting and (len(waiting) >= OCR_CHUNK or len(done) >= MAX_WAITING or index == count - 1):
            for page_index, result in zip(waiting, ocr_pages(document, waiting, settings), strict=True):
                done[page_index] = _ocr_page(page_index + 1, result, low_word_confidence)
            waiting = []
        while next_out in done:
            yield done.pop(next_out)
            next_out += 1


def _ocr_page(number: int, result: OcrPage, low_word_confidence: float) -> PacketPage:
    if result.text is None:
        return PacketPage(number, "", "unreadable", problem=result.problem)
    return PacketPage(
        number,
        result.text.text,
        "ocr",
        confidence=result.text.confidence,
        low_spans=result.text.low_spans(low_word_confidence),
    )


def _needs_ocr(document: pdfium.PdfDocument, index: int, text: str) -> bool:
    chars = len(text.strip())
    if chars < MIN_TEXT_CHARS:
        return True
    if chars >= SHORT_TEXT_CHARS:
        return False
    return _image_cover(document, index) >= IMAGE_COVER_SHARE


def _image_cover(document: pdfium.PdfDocument, index: int) -> float:
    """The share of the page covered by images (a scan under a short stamped text layer)."""
    import pypdfium2.raw as pdfium_c

    page = document[index]
    try:
        width, height = page.get_size()
        area = 0.0
        for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,)):
            left, bottom, right, top = obj.get_bounds()
            area += max(0.0, right - left) * max(0.0, top - bottom)
        return float(min(1.0, area / max(1.0, width * height)))
    finally:
        page.close()
