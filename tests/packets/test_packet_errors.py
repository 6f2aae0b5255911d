"""Bad packets get a clear error naming the file; blank and unreadable pages are listed, not dropped."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
from packet_fixtures import NEEDS_OCR, Packet, build_packet, case_documents, text_case
from PIL import Image

from imr.errors import PacketError
from imr.packets import intake_packet


def test_an_encrypted_packet_says_a_password_is_needed(demo_text_packet: Packet, tmp_path: Path) -> None:
    locked = tmp_path / "locked.pdf"
    with pikepdf.open(demo_text_packet.path) as document:
        document.save(locked, encryption=pikepdf.Encryption(owner="o-secret", user="u-secret"))
    with pytest.raises(PacketError, match="encrypted") as caught:
        intake_packet(locked)
    assert "locked.pdf" in str(caught.value)


def test_a_truncated_packet_is_not_a_readable_pdf(demo_text_packet: Packet, tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(demo_text_packet.path.read_bytes()[:400])
    with pytest.raises(PacketError, match="not a readable PDF") as caught:
        intake_packet(broken)
    assert "broken.pdf" in str(caught.value)


def test_a_missing_packet_is_named(tmp_path: Path) -> None:
    with pytest.raises(PacketError, match="file not found"):
        intake_packet(tmp_path / "nowhere.pdf")


def test_a_packet_naming_no_disputed_item_says_what_it_found(tmp_path: Path) -> None:
    docs = case_documents(text_case("EX-ACU-0001"))[2:]  # the records only
    packet = build_packet(docs, tmp_path / "records-only.pdf", scan=lambda d, p: False)
    with pytest.raises(PacketError, match="no disputed item") as caught:
        intake_packet(packet.path)
    assert "PR-2 / progress report (p. 1)" in str(caught.value)


def _with_page(packet: Path, image: Image.Image, out: Path) -> Path:
    """`packet` with a scanned page of `image` inserted after its first page."""
    import pypdfium2 as pdfium

    buffer = io.BytesIO()
    image.save(buffer, "PDF", resolution=100)
    document = pdfium.PdfDocument(str(packet))
    extra = pdfium.PdfDocument(buffer.getvalue())
    document.import_pages(extra, index=1)
    document.save(str(out))
    document.close()
    extra.close()
    return out


@NEEDS_OCR
def test_blank_and_unreadable_pages_are_listed_with_their_reason(
    demo_text_packet: Packet, tmp_path: Path
) -> None:
    blank = _with_page(demo_text_packet.path, Image.new("L", (850, 1100), 255), tmp_path / "blank.pdf")
    scribble = Image.new("L", (850, 1100), 255)
    scribble.paste(0, (100, 100, 750, 400))  # a black box: marks, no words
    marked = _with_page(blank, scribble, tmp_path / "marked.pdf")  # page 2 the box, page 3 blank
    case = intake_packet(marked)
    assert case.intake is not None
    unreadable = {p.page: p.reason for p in case.intake.unreadable_pages}
    assert set(unreadable) == {2, 3}
    assert "no readable text" in unreadable[2]
    assert unreadable[3].startswith("blank page")
    holders = [r for r in case.records if any(p.page in (2, 3) for p in r.pages)]
    assert holders and all(p.problem for r in holders for p in r.pages if p.page in (2, 3))
    assert {u.record for u in case.intake.unreadable_pages} == {holders[0].id}
