"""The PDF letter: pages, text, DRAFT marking, page furniture, deterministic bytes, a PNG of page 1."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from imr.knowledge import load_knowledge
from imr.letters import LetterContext, render_pdf

KNOWLEDGE = load_knowledge()

PDFTOPPM = Path("/usr/bin/pdftoppm")  # Debian poppler-utils


def _pages_text(pdf: bytes) -> list[str]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()


@pytest.fixture
def mixed_pdf(mixed_context: LetterContext) -> bytes:
    return render_pdf(mixed_context, knowledge=KNOWLEDGE)


def test_pdf_has_pages_items_and_draft_marking(mixed_pdf: bytes, mixed_context: LetterContext) -> None:
    assert mixed_pdf.startswith(b"%PDF-")
    pages = _pages_text(mixed_pdf)
    assert len(pages) >= 1
    text = " ".join(" ".join(pages).split())
    for item in mixed_context.determination.items:
        assert f"{item.request}: {item.decision.value if item.decision else ''}" in text
    assert "DRAFT" in text
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        assert "Case CM15-0000001" in page


def test_signed_pdf_has_no_draft_marking(signed_context: LetterContext) -> None:
    text = " ".join(_pages_text(render_pdf(signed_context, knowledge=KNOWLEDGE)))
    assert "DRAFT" not in text
    assert "Acupuncture 15 visits: Overturned" in " ".join(text.split())


def test_same_letter_same_bytes(mixed_context: LetterContext, mixed_pdf: bytes) -> None:
    assert render_pdf(mixed_context, knowledge=KNOWLEDGE) == mixed_pdf


def test_page_one_renders_to_png(mixed_pdf: bytes, tmp_path: Path) -> None:
    assert PDFTOPPM.exists(), "pdftoppm is missing: apt-get install -y poppler-utils"
    source = tmp_path / "letter.pdf"
    source.write_bytes(mixed_pdf)
    subprocess.run(
        [
            str(PDFTOPPM),
            "-png",
            "-r",
            "40",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(source),
            str(tmp_path / "p1"),
        ],
        check=True,
    )
    png = (tmp_path / "p1.png").read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 5_000
