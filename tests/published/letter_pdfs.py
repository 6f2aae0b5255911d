"""PDF letters for tests, made from text with reportlab (and encrypted with pikepdf)."""

from __future__ import annotations

from pathlib import Path

import pikepdf
from reportlab.lib.pagesizes import LETTER
from reportlab.pdfgen import canvas

_LINES_PER_PAGE = 60


def text_pdf(text: str, path: Path) -> Path:
    """A PDF showing `text` line by line (Courier 9 pt), a new page every 60 lines."""
    pdf = canvas.Canvas(str(path), pagesize=LETTER)
    _, height = LETTER
    lines = text.replace("\r\n", "\n").split("\n")
    for start in range(0, len(lines), _LINES_PER_PAGE):
        y = height - 40
        for line in lines[start : start + _LINES_PER_PAGE]:
            if line.strip():
                pdf.setFont("Courier", 9)
                pdf.drawString(30, y, line.rstrip())
            y -= 11
        pdf.showPage()
    pdf.save()
    return path


def image_only_pdf(path: Path) -> Path:
    """A PDF with drawings and no text layer, like a scan."""
    pdf = canvas.Canvas(str(path), pagesize=LETTER)
    pdf.rect(50, 50, 300, 400, fill=1)
    pdf.showPage()
    pdf.save()
    return path


def encrypted_pdf(text: str, path: Path) -> Path:
    """A text PDF that needs a password to open."""
    plain = text_pdf(text, path.with_suffix(".plain.pdf"))
    with pikepdf.open(plain) as document:
        document.save(path, encryption=pikepdf.Encryption(owner="owner-secret", user="user-secret"))
    plain.unlink()
    return path
