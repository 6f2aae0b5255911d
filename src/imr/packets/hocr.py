"""Tesseract's hOCR as page text, with every word's span and confidence.

The text is laid out as on the page: words joined by spaces, lines by a line break (a word broken
by a hyphen at a line end is joined again), paragraphs separated by a blank line; so a page read by
OCR looks like a page read from a text layer to the facts extractor (which reads hard-wrapped text).
Each word keeps its confidence (Tesseract's ``x_wconf``, 0-100).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

_CONFIDENCE = re.compile(r"x_wconf\s+(\d+(?:\.\d+)?)")
_BROKEN_WORD = re.compile(r"[a-z]-$")
# Tesseract marks a line as one of these (a heading is often a "textfloat").
_LINE_CLASSES = frozenset({"ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat"})


@dataclass(frozen=True, slots=True)
class Word:
    start: int
    end: int
    confidence: float


@dataclass(slots=True)
class OcrText:
    """One page's OCR text and its words (offsets in `text`)."""

    text: str
    words: list[Word] = field(default_factory=list)

    @property
    def confidence(self) -> float | None:
        """Mean word confidence weighted by characters; None when no word was found."""
        chars = sum(w.end - w.start for w in self.words)
        if not chars:
            return None
        return sum(w.confidence * (w.end - w.start) for w in self.words) / chars

    def low_spans(self, threshold: float) -> list[tuple[int, int]]:
        """Spans of the words read with less than `threshold` confidence."""
        return [(w.start, w.end) for w in self.words if w.confidence < threshold]


def _classes(element: ET.Element) -> set[str]:
    return set((element.get("class") or "").split())


def _text_of(element: ET.Element) -> str:
    return "".join(element.itertext()).strip()


def parse_hocr(source: str | Path) -> OcrText:
    """The page text of an hOCR file (or string); raises ValueError if it is not hOCR XML."""
    raw = Path(source).read_text(encoding="utf-8") if isinstance(source, Path) else source
    try:
        root = ET.fromstring(raw)  # Tesseract writes well-formed XHTML
    except ET.ParseError as error:
        raise ValueError(f"not hOCR: {error}") from error
    parts: list[str] = []
    words: list[Word] = []
    offset = 0

    def add(text: str, confidence: float | None = None) -> None:
        nonlocal offset
        if confidence is not None:
            words.append(Word(offset, offset + len(text), confidence))
        parts.append(text)
        offset += len(text)

    for paragraph in (e for e in root.iter() if "ocr_par" in _classes(e)):
        lines = [e for e in paragraph.iter() if _classes(e) & _LINE_CLASSES]
        paragraph_words = [
            [(w, _text_of(w)) for w in line.iter() if "ocrx_word" in _classes(w)] for line in lines
        ]
        paragraph_words = [[(w, t) for w, t in line if t] for line in paragraph_words]
        paragraph_words = [line for line in paragraph_words if line]
        if not paragraph_words:
            continue
        if parts:
            add("\n\n")
        joined_broken = False
        for number, line in enumerate(paragraph_words):
            if number and not joined_broken:
                add("\n")
            joined_broken = False
            for index, (element, text) in enumerate(line):
                if index:
                    add(" ")
                last = index == len(line) - 1 and number < len(paragraph_words) - 1
                if last and _BROKEN_WORD.search(text) and paragraph_words[number + 1][0][1][:1].islower():
                    text = text[:-1]  # "physi-" + "cian": the word continues on the next line
                    joined_broken = True
                match = _CONFIDENCE.search(element.get("title") or "")
                add(text, float(match.group(1)) if match else 0.0)
    return OcrText("".join(parts), words)
