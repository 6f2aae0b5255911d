"""Case packets that look like the ones that arrive, built from text cases the repository has.

A text case (examples/*.json, examples/seed-cases.jsonl) becomes the documents of a packet: an IMR
application listing the disputed items, a UR decision letter with each request's decision and the
guideline cited, and one document per record (heading, date, author, body, "Page k of N" footers).
The documents are rendered to PDF with reportlab, shuffled, and chosen pages are "scanned":
rasterized, skewed, speckled and made 1-bit like a fax, with no text layer left. The text layer of
every page before scanning is kept as the source text OCR is measured against.

Used by tests/packets and benchmarks/intake.py; nothing here is shipped.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import re
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pypdfium2 as pdfium
import pytest
from PIL import Image
from rapidfuzz.distance import Levenshtein
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

ROOT = Path(__file__).resolve().parents[2]
NEEDS_OCR = pytest.mark.skipif(
    shutil.which("tesseract") is None or shutil.which("gs") is None,
    reason="Tesseract and Ghostscript are needed for OCR (scripts/system-deps.sh installs them)",
)
EXAMPLES = ROOT / "examples"
BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=10.5, leading=14, spaceAfter=8)
HEADING = ParagraphStyle("heading", fontName="Helvetica-Bold", fontSize=13, leading=17, spaceAfter=10)
LABEL = ParagraphStyle("label", fontName="Helvetica", fontSize=10.5, leading=14, spaceAfter=2)
RECORD_HEADINGS = {
    "progress_report": "PRIMARY TREATING PHYSICIAN'S PROGRESS REPORT",
    "clinical_summary": "CLINICAL SUMMARY",
    "imaging": "MRI REPORT",
    "ur_decision": "UTILIZATION REVIEW DETERMINATION",
}
DECISION_WORDS = {"non-certified": "Non-certified", "modified": "Modified", "certified": "Certified"}


@dataclass
class Doc:
    """One document of a packet: heading, label lines, body paragraphs, signature."""

    heading: str
    labels: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    numbered: list[str] = field(default_factory=list)
    signature: str | None = None
    footers: bool = True


@dataclass
class Packet:
    """A built packet: its file, and per page the source text and whether it was scanned."""

    path: Path
    source_pages: list[str]
    scanned: list[bool]

    @property
    def scanned_pages(self) -> list[int]:
        return [i + 1 for i, s in enumerate(self.scanned) if s]


def us_date(iso: str | None) -> str | None:
    return dt.date.fromisoformat(iso).strftime("%m/%d/%Y") if iso else None


def load_text_cases() -> list[dict[str, Any]]:
    """The text cases of the repository: the examples and the seed cases."""
    cases = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("case-*.json"))]
    for line in (EXAMPLES / "seed-cases.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            case = json.loads(line)
            case.pop("expected", None)
            cases.append(case)
    return cases


def text_case(case_id: str) -> dict[str, Any]:
    """One text case of the repository by its case id."""
    return next(c for c in load_text_cases() if c.get("case_id") == case_id)


def case_documents(case: dict[str, Any]) -> list[Doc]:
    """The documents of the packet of a text case: application, UR letter, then its records."""
    return [application(case), ur_letter(case), *(record_doc(r) for r in case["records"])]


def application(case: dict[str, Any]) -> Doc:
    labels = ["DWC Form IMR-1"]
    case_id = case.get("case_id") or ""
    if re.fullmatch(r"C[MBN]\d{2}-\d{5,8}", case_id):
        labels.append(f"Case number: {case_id}")
    worker = case.get("worker") or {}
    if worker.get("age") is not None:
        labels.append(f"Employee age: {worker['age']}")
    if worker.get("sex"):
        labels.append(f"Employee sex: {worker['sex']}")
    if case.get("date_of_injury"):
        labels.append(f"Date of injury: {us_date(case['date_of_injury'])}")
    for party in case.get("parties") or []:
        if party["role"] == "employer":
            labels.append(f"Employer: {party['name']}")
    ur = case.get("ur") or {}
    if ur.get("claims_administrator"):
        labels.append(f"Claims administrator: {ur['claims_administrator']}")
    if ur.get("date"):
        labels.append(f"Date of UR decision: {us_date(ur['date'])}")
    labels.append(f"Expedited review: {'Yes' if case.get('expedited') else 'No'}")
    labels.append("Disputed treatment(s):")
    return Doc(
        "APPLICATION FOR INDEPENDENT MEDICAL REVIEW",
        labels=labels,
        numbered=[item["request"] for item in case["items"]],
        signature="Signature of employee: on file",
    )


def ur_letter(case: dict[str, Any]) -> Doc:
    ur = case.get("ur") or {}
    labels = [ur.get("claims_administrator") or "Claims Administrator"]
    if ur.get("date"):
        labels.append(f"Date of decision: {us_date(ur['date'])}")
    if case.get("request_date"):
        labels.append(f"Date of request: {us_date(case['request_date'])}")
    if case.get("date_of_injury"):
        labels.append(f"Date of injury: {us_date(case['date_of_injury'])}")
    if ur.get("reviewer_specialty"):
        labels.append(f"Reviewer specialty: {ur['reviewer_specialty']}")
    blocks: list[str] = []
    for number, item in enumerate(case["items"], start=1):
        decision = DECISION_WORDS.get(item.get("ur_decision") or "non-certified", "Non-certified")
        lines = [f"Request {number}: {item['request']}", f"Decision: {decision}"]
        if item.get("ur_modified_to"):
            lines.append(f"Modified to: {item['ur_modified_to']}")
        guideline = (
            item.get("claims_administrator_guideline") or "MTUS Chronic Pain Medical Treatment Guidelines"
        )
        lines.append(f"Guideline cited: {guideline}")
        blocks.append("\n".join(lines))
    return Doc(
        "UTILIZATION REVIEW DETERMINATION",
        labels=labels,
        paragraphs=blocks,
        signature="Reviewer: Physician reviewer, MD",
    )


def record_doc(record: dict[str, Any]) -> Doc:
    heading = RECORD_HEADINGS.get(record.get("kind", ""), (record.get("title") or "MEDICAL RECORD").upper())
    body = record["text"]
    first = body.lstrip().split("\n", 1)[0].strip()
    if first.upper() == heading:  # the record text starts with its own heading
        body = body.lstrip()[len(first) :]
    labels = [f"Date of service: {us_date(record['date'])}"] if record.get("date") else []
    author = record.get("author")
    return Doc(
        heading,
        labels=labels,
        paragraphs=[p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()],
        signature=f"Electronically signed by: {author}" if author else None,
    )


class _NumberedCanvas(canvas.Canvas):
    """Draws "Page k of N" once the page count is known (the reportlab two-pass recipe)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self.setFont("Helvetica", 9)
            self.drawRightString(LETTER[0] - 54, 36, f"Page {number} of {total}")
            super().showPage()
        super().save()


def render_doc(doc: Doc) -> bytes:
    """One document as a text PDF (Helvetica, US Letter)."""
    out = io.BytesIO()
    template = SimpleDocTemplate(out, pagesize=LETTER, topMargin=54, bottomMargin=60)
    story: list[Any] = [Paragraph(escape(doc.heading), HEADING)]
    story += [Paragraph(escape(line), LABEL) for line in doc.labels]
    story += [Paragraph(f"{n}. {escape(text)}", LABEL) for n, text in enumerate(doc.numbered, start=1)]
    if doc.labels or doc.numbered:
        story.append(Spacer(1, 10))
    story += [Paragraph(escape(p).replace("\n", "<br/>"), BODY) for p in doc.paragraphs]
    if doc.signature:
        story += [Spacer(1, 12), Paragraph(escape(doc.signature), LABEL)]
    if doc.footers:
        template.build(story, canvasmaker=_NumberedCanvas)
    else:
        template.build(story)
    return out.getvalue()


def scan_page(
    page: pdfium.PdfPage,
    rng: random.Random,
    *,
    dpi: int = 200,
    noise: float = 0.004,
    stamp: str | None = None,
    upside_down: bool = False,
) -> bytes:
    """A page as a fax-like scan: rasterized, skewed up to 1.5 degrees, speckled, 1-bit; as a PDF.
    With `stamp`, a fax machine's header line is added as text over the image (a short text layer)."""
    image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    image = image.rotate(rng.uniform(-1.5, 1.5), resample=Image.Resampling.BILINEAR, fillcolor=255)
    if upside_down:  # fed into the fax machine the wrong way round
        image = image.transpose(Image.Transpose.ROTATE_180)
    pixels = image.load()
    assert pixels is not None
    width, height = image.size
    for _ in range(int(width * height * noise)):
        pixels[rng.randrange(width), rng.randrange(height)] = 0 if rng.random() < 0.5 else 255
    scanned = image.point(lambda v: 0 if v < 160 else 255).convert("1")
    out = io.BytesIO()
    if stamp is None:
        scanned.save(out, "PDF", resolution=dpi)
        return out.getvalue()
    stamped = canvas.Canvas(out, pagesize=LETTER)
    stamped.drawImage(ImageReader(scanned.convert("L")), 0, 0, width=LETTER[0], height=LETTER[1])
    stamped.setFont("Helvetica", 7)
    stamped.drawString(20, LETTER[1] - 12, stamp)
    stamped.save()
    return out.getvalue()


def build_packet(
    docs: Sequence[Doc],
    path: Path,
    *,
    seed: int = 0,
    shuffle: bool = True,
    scan: Callable[[int, int], bool] = lambda doc, page: True,
    dpi: int = 200,
    noise: float = 0.004,
    stamp: Callable[[int], str | None] = lambda page_number: None,
    upside_down: Callable[[int, int], bool] = lambda doc, page: False,
) -> Packet:
    """Render `docs`, shuffle their order, scan the pages `scan(doc index, page index)` chooses
    (with a fax header `stamp(packet page number)` in a text layer over the scan, when given)."""
    rng = random.Random(seed)
    order = list(range(len(docs)))
    if shuffle:
        rng.shuffle(order)
    packet = pdfium.PdfDocument.new()
    sources: list[str] = []
    scanned: list[bool] = []
    for doc_index in order:
        rendered = pdfium.PdfDocument(render_doc(docs[doc_index]))
        for page_index in range(len(rendered)):
            page = rendered[page_index]
            textpage = page.get_textpage()
            sources.append(textpage.get_text_range())
            textpage.close()
            if scan(doc_index, page_index):
                header = stamp(len(sources))
                flip = upside_down(doc_index, page_index)
                scanned_page = scan_page(page, rng, dpi=dpi, noise=noise, stamp=header, upside_down=flip)
                image_pdf = pdfium.PdfDocument(scanned_page)
                packet.import_pages(image_pdf)
                image_pdf.close()
                scanned.append(True)
            else:
                packet.import_pages(rendered, [page_index])
                scanned.append(False)
            page.close()
        rendered.close()
    packet.save(str(path))
    packet.close()
    return Packet(path, sources, scanned)


def normalized(text: str) -> str:
    return " ".join(text.split())


def character_accuracy(source: str, read: str) -> float:
    """1 - (edit distance / source characters), whitespace runs counted as one space."""
    a, b = normalized(source), normalized(read)
    if not a:
        return 1.0 if not b else 0.0
    return max(0.0, 1.0 - Levenshtein.distance(a, b) / len(a))
