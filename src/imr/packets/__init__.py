"""Stage 0: case packets as they arrive (PDF, text layer or scanned) read into case files.

Pages are read one at a time (OCRmyPDF and Tesseract where a page has no text layer), grouped into
documents, each typed with its date, author and title; the disputed items, UR decision and date and
the guideline UR cited are read from the UR letter and the IMR application. Every record keeps its
page map and every OCR page its confidence; `imr.packets.quality` answers whether a span of a record
rests on low-confidence or unreadable text.

Each name is loaded with its module on first use: the engine asks `imr.packets.quality` about a
decision's evidence without loading the packet reader (PDF, OCR, the published-letter parser).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from imr.packets.assemble import IntakeSettings, intake_packet
    from imr.packets.ocr import OcrSettings
    from imr.packets.quality import absence_doubt, decisive_doubt, evidence_doubt, page_at, text_doubt

_WHERE = {
    "IntakeSettings": "imr.packets.assemble",
    "intake_packet": "imr.packets.assemble",
    "OcrSettings": "imr.packets.ocr",
    "absence_doubt": "imr.packets.quality",
    "decisive_doubt": "imr.packets.quality",
    "evidence_doubt": "imr.packets.quality",
    "page_at": "imr.packets.quality",
    "text_doubt": "imr.packets.quality",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        value = getattr(importlib.import_module(_WHERE[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'imr.packets' has no attribute {name!r}")


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
