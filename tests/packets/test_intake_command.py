"""`imr intake`: case files written, several packets to a folder, bad packets reported while the
others are read, pages that need a look listed, and the same on a Dask cluster."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pypdfium2 as pdfium
from packet_fixtures import NEEDS_OCR, Packet
from PIL import Image
from typer.testing import CliRunner

from imr.cli import app
from imr.intake import load_case_file


def test_one_packet_to_a_case_file_that_imr_decide_reads(demo_text_packet: Packet, tmp_path: Path) -> None:
    out = tmp_path / "cases" / "demo.json"
    out.parent.mkdir()
    result = CliRunner().invoke(app, ["intake", str(demo_text_packet.path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    case = load_case_file(out)
    packet = case.records[0].packet
    assert packet is not None and not Path(packet).is_absolute()  # relative to the case file
    assert (out.parent / packet).resolve() == demo_text_packet.path.resolve()
    decided = CliRunner().invoke(app, ["decide", str(out)])
    assert decided.exit_code in (0, 3), decided.output
    assert len(json.loads(decided.stdout)["items"]) == 4


def test_a_batch_goes_on_past_bad_packets(demo_text_packet: Packet, tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7 not really")
    text = tmp_path / "notes.pdf"
    text.write_text("plain text with a pdf name")
    result = CliRunner().invoke(
        app, ["intake", str(broken), str(demo_text_packet.path), str(text), "-o", str(tmp_path / "out")]
    )
    assert result.exit_code == 2
    assert "broken.pdf: not a readable PDF" in result.stderr
    assert "notes.pdf: not a readable PDF" in result.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["CM15-0104417.json"]


def test_several_packets_print_one_case_file_per_line(demo_text_packet: Packet) -> None:
    result = CliRunner().invoke(app, ["intake", str(demo_text_packet.path), str(demo_text_packet.path)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2 and all(json.loads(line)["case_id"] == "CM15-0104417" for line in lines)


def test_pages_that_need_a_look_are_listed_and_exit_3(tmp_path: Path, demo_text_packet: Packet) -> None:

    if NEEDS_OCR.args[0]:
        return  # no Tesseract here: nothing to list (the OCR tests say so)
    blank = io.BytesIO()
    Image.new("L", (850, 1100), 255).save(blank, "PDF", resolution=100)
    document = pdfium.PdfDocument(str(demo_text_packet.path))
    document.import_pages(pdfium.PdfDocument(blank.getvalue()))
    packet = tmp_path / "with-blank.pdf"
    document.save(str(packet))
    document.close()
    result = CliRunner().invoke(app, ["intake", str(packet), "-o", str(tmp_path / "case.json")])
    assert result.exit_code == 3
    assert "with-blank.pdf: page 6 not read: blank page" in result.stderr


def test_a_packet_becomes_a_draft_letter_with_what_the_packet_says(
    demo_text_packet: Packet, tmp_path: Path
) -> None:
    """The letter of an intake case file: UR's date, the parties and, per item, the guideline UR
    cited, as the packet's UR letter says them; the worksheet beside it."""
    case = tmp_path / "case.json"
    assert CliRunner().invoke(app, ["intake", str(demo_text_packet.path), "-o", str(case)]).exit_code == 0
    out = tmp_path / "letters"
    options = ["-f", "md", "--worksheet", "--letter-date", "2015-06-01", "-o", str(out)]
    decided = CliRunner().invoke(app, ["decide", str(case), *options])
    assert decided.exit_code in (0, 3), decided.output
    letter = (out / "CM15-0104417.md").read_text()
    lines = [line.strip() for line in letter.splitlines()]
    assert "Utilization review decision date: 5/20/2015" in lines
    assert "Claims administrator: Golden State Claims Services" in lines
    assert lines.count("Claims Administrator guideline: MTUS Chronic Pain Medical Treatment Guidelines.") == 4
    assert "sustained an industrial injury on 4/9/2013" in letter  # the summary, written from the records
    assert "REVIEWER WORKSHEET" in (out / "CM15-0104417-worksheet.md").read_text()


def test_a_case_file_that_cannot_be_written_is_one_line_and_the_other_packets_go_on(
    demo_text_packet: Packet, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    (out / "CM15-0104417.json").mkdir(parents=True)  # the first target is a folder: IsADirectoryError
    packets = [str(demo_text_packet.path)] * 2
    result = CliRunner().invoke(app, ["intake", *packets, "-o", str(out), "--workers", "1"])
    assert result.exit_code == 2, result.output
    [error] = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert "demo-text.pdf" in error and "cannot write" in error and "CM15-0104417.json" in error
    assert load_case_file(out / "CM15-0104417-2.json").case_id == "CM15-0104417"
