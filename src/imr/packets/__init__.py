"""Stage 0: case packets as they arrive (PDF, text layer or scanned) read into case files.

Pages are read one at a time (OCRmyPDF and Tesseract where a page has no text layer), grouped into
documents, each typed with its date, author and title; the disputed items, UR decision and date and
the guideline UR cited are read from the UR letter and the IMR application. Every record keeps its
page map and every OCR page its confidence; `imr.packets.quality` answers whether a span of a record
rests on low-confidence or unreadable text.
"""

from imr.packets.assemble import IntakeSettings, intake_packet
from imr.packets.ocr import OcrSettings
from imr.packets.quality import absence_doubt, decisive_doubt, evidence_doubt, page_at, text_doubt

__all__ = [
    "IntakeSettings",
    "OcrSettings",
    "absence_doubt",
    "decisive_doubt",
    "evidence_doubt",
    "intake_packet",
    "page_at",
    "text_doubt",
]
