"""OCR of scanned pages through OCRmyPDF (Tesseract), page text with word confidences back.

The pages that need OCR are copied into a small PDF and given to OCRmyPDF's hOCR pipeline, which
rasterizes them, corrects rotation (and skew, when asked) and runs Tesseract; we read the hOCR it
leaves, so every word keeps its confidence. OCRmyPDF's ``_pdf_to_hocr`` is marked experimental:
the version is pinned in pyproject.toml and tests/packets cover it.
"""

from __future__ import annotations

import io
import logging
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from imr.packets.hocr import OcrText, parse_hocr

if TYPE_CHECKING:
    import pypdfium2 as pdfium

# Operational settings, not clinical numbers.
BLANK_INK_SHARE = 0.002  # a page with less dark ink than this is blank
INK_CHECK_SCALE = 0.25  # the blank check renders a small image (18 dpi): enough to see ink
RETRY_CONFIDENCE = 70.0  # a page read worse than this is read again with orientation detection
FLATTEN_MAX_DPI = 300  # a scan under a text layer is read at its own resolution, within these
FLATTEN_MIN_DPI = 150

INSTALL_HINT = "install Tesseract and OCRmyPDF's tools with scripts/system-deps.sh (Debian: tesseract-ocr)"


@dataclass(frozen=True, slots=True)
class OcrSettings:
    """How pages are OCR'd: Tesseract language, parallel pages, rotation and skew, timeout per page.

    Finding a page's orientation costs a second Tesseract pass, so by default only a page read badly
    (no words, or confidence below RETRY_CONFIDENCE) is read again with orientation detection, and
    the better reading is kept; `rotate_pages` detects it on every page.
    """

    language: str = "eng"
    jobs: int = 1
    rotate_pages: bool = False
    retry_rotated: bool = True
    deskew: bool = False
    timeout: float = 180.0


@dataclass(frozen=True, slots=True)
class OcrPage:
    """One page's OCR result: its text and words, or why there is none."""

    text: OcrText | None
    problem: str | None = None


def ocr_pages(document: pdfium.PdfDocument, indices: Sequence[int], settings: OcrSettings) -> list[OcrPage]:
    """OCR the pages `indices` (0-based) of `document`; one OcrPage each, in order. Never raises for a
    page that cannot be read: its OcrPage says why."""
    pages = _ocr_pages(document, indices, settings)
    if settings.rotate_pages or not settings.retry_rotated:
        return pages
    poor = [i for i, page in enumerate(pages) if _score(page) < RETRY_CONFIDENCE]
    if not poor:
        return pages
    rotated = replace(settings, rotate_pages=True)
    again = _ocr_pages(document, [indices[i] for i in poor], rotated)
    for i, retry in zip(poor, again, strict=True):
        if _score(retry) > _score(pages[i]):
            pages[i] = retry
    return pages


def _score(page: OcrPage) -> float:
    return -1.0 if page.text is None else page.text.confidence or 0.0


def _ocr_pages(document: pdfium.PdfDocument, indices: Sequence[int], settings: OcrSettings) -> list[OcrPage]:
    import pypdfium2 as pdfium

    with tempfile.TemporaryDirectory(prefix="imr-ocr-") as tmp:
        chunk, out = Path(tmp) / "pages.pdf", Path(tmp) / "hocr"
        out.mkdir()
        part = pdfium.PdfDocument.new()
        try:
            for index in indices:
                flat = _flattened(document, index)
                if flat is None:
                    part.import_pages(document, [index])
                else:
                    scan = pdfium.PdfDocument(flat)
                    part.import_pages(scan)
                    scan.close()
            part.save(str(chunk))
        finally:
            part.close()
        failure = _run_ocrmypdf(chunk, out, settings)
        if failure is not None and len(indices) > 1 and not failure.startswith("OCR is not available"):
            # One bad page must not cost its neighbours their text: read them one by one.
            return [page for index in indices for page in _ocr_pages(document, [index], settings)]
        pages: list[OcrPage] = []
        for number, index in enumerate(indices, start=1):
            if failure is not None:
                pages.append(OcrPage(None, failure))
                continue
            hocr = out / f"{number:06d}_ocr_hocr.hocr"
            if not hocr.is_file():
                pages.append(
                    OcrPage(None, "OCR produced no result for the page (Tesseract failed or timed out)")
                )
                continue
            try:
                text = parse_hocr(hocr)
            except ValueError as error:
                pages.append(OcrPage(None, f"OCR output could not be read ({error})"))
                continue
            if not text.words:
                pages.append(OcrPage(None, _why_no_words(document, index)))
                continue
            pages.append(OcrPage(text))
        return pages


def _run_ocrmypdf(chunk: Path, out: Path, settings: OcrSettings) -> str | None:
    """Run OCRmyPDF's hOCR pipeline over `chunk` into `out`; the failure in plain words, or None."""
    try:
        import ocrmypdf
        from ocrmypdf.exceptions import ExitCodeException, MissingDependencyError
    except ImportError as error:
        return f"OCR is not available ({error}); install imr with its dependencies"
    # OCRmyPDF logs per-page notes and Tesseract failures; each page's problem is reported by us.
    logging.getLogger("ocrmypdf").setLevel(logging.CRITICAL)
    try:
        ocrmypdf.api._pdf_to_hocr(
            chunk,
            out,
            language=[settings.language],
            mode="force",
            jobs=max(1, settings.jobs),
            use_threads=True,
            progress_bar=False,
            rotate_pages=settings.rotate_pages,
            deskew=settings.deskew,
            tesseract_timeout=settings.timeout,
        )
    except MissingDependencyError as error:
        return f"OCR is not available: {error}; {INSTALL_HINT}"
    except (ExitCodeException, OSError, RuntimeError, ValueError, TypeError) as error:
        return f"OCR failed ({type(error).__name__}: {error})"
    return None


def _flattened(document: pdfium.PdfDocument, index: int) -> bytes | None:
    """A scan with a text layer of its own (a fax header) as a plain image page at the scan's
    resolution; None for a page that is only an image. OCRmyPDF would rasterize such a page at its
    vector resolution (400 dpi), enlarging a 200 dpi fax fourfold, which Tesseract reads worse."""
    import pypdfium2.raw as pdfium_c

    page = document[index]
    try:
        if not any(True for _ in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_TEXT,))):
            return None
        dpi = FLATTEN_MAX_DPI
        for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,)):
            left, _, right, _ = obj.get_bounds()
            width_px, _ = obj.get_px_size()
            if right > left:
                dpi = min(dpi, max(FLATTEN_MIN_DPI, round(width_px / ((right - left) / 72))))
        image = page.render(scale=dpi / 72, grayscale=True).to_pil()
    finally:
        page.close()
    out = io.BytesIO()
    image.save(out, "PDF", resolution=dpi)
    return out.getvalue()


def _why_no_words(document: pdfium.PdfDocument, index: int) -> str:
    """A blank page or a page with marks OCR cannot read (handwriting, a picture, a very poor scan)."""
    page = document[index]
    try:
        image = page.render(scale=INK_CHECK_SCALE, grayscale=True).to_pil().convert("L")
    finally:
        page.close()
    histogram = image.histogram()
    dark = sum(histogram[:128]) / max(1, image.width * image.height)
    if dark < BLANK_INK_SHARE:
        return "blank page: no text or marks"
    return "OCR found no readable text (handwriting, a picture or a very poor scan?)"
