"""Reading records: inline text, .txt files, PDFs with and without a text layer, and bad input;
one bad record never stops the others."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from imr.errors import RecordReadError
from imr.facts import extract_facts
from imr.intake.records import read_record
from imr.knowledge import load_knowledge
from imr.models.case import CaseFile, Record

KNOWLEDGE = load_knowledge()


def make_pdf(path: Path, pages: list[str | None]) -> Path:
    """A PDF with one page per entry: text drawn as text, or (None) only a rectangle, no text layer."""
    pdf = canvas.Canvas(str(path), pagesize=letter)
    for page in pages:
        if page is None:
            pdf.rect(72, 72, 200, 200, fill=1)
        else:
            pdf.drawString(72, 700, page)
        pdf.showPage()
    pdf.save()
    return path


def case(records: list[dict[str, str]]) -> CaseFile:
    return CaseFile.model_validate({"records": records, "items": [{"request": "Acupuncture 6 visits"}]})


def test_inline_text_is_read_as_is() -> None:
    assert read_record(Record(id="r1", text="Neck pain.")).text == "Neck pain."


def test_text_file_relative_to_base_dir(tmp_path: Path) -> None:
    (tmp_path / "note.txt").write_text("Denies numbness.", encoding="utf-8")
    assert read_record(Record(id="r1", path="note.txt"), base_dir=tmp_path).text == "Denies numbness."


def test_windows_1252_file_is_read_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "note.txt").write_bytes("Pain 5/10 – better".encode("cp1252"))
    assert read_record(Record(id="r1", path="note.txt"), base_dir=tmp_path).warnings


def test_binary_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "x.bin").write_bytes(b"\x00\x01\x02" * 10)
    with pytest.raises(RecordReadError, match="binary"):
        read_record(Record(id="r1", path="x.bin"), base_dir=tmp_path)


def test_pdf_text_is_read_per_page(tmp_path: Path) -> None:
    make_pdf(tmp_path / "a.pdf", ["Page one: neck pain.", "Page two: denies numbness."])
    read = read_record(Record(id="r1", path="a.pdf"), base_dir=tmp_path)
    assert [read.text[s:].split("\n")[0].strip() for s in read.page_starts] == [
        "Page one: neck pain.",
        "Page two: denies numbness.",
    ]


def test_pdf_facts_carry_their_page(tmp_path: Path) -> None:
    make_pdf(tmp_path / "a.pdf", ["Neck pain.", "She denies numbness."])
    facts = extract_facts(case([{"id": "r1", "path": "a.pdf"}]), base_dir=tmp_path, knowledge=KNOWLEDGE)
    assert facts.negated("finding.numbness_tingling")[0].page == 2


def test_pdf_without_text_layer_says_ocr_is_needed_and_which_record(tmp_path: Path) -> None:
    make_pdf(tmp_path / "scan.pdf", [None, None])
    with pytest.raises(RecordReadError, match=r"record r9 .*scan\.pdf.*OCR is needed"):
        read_record(Record(id="r9", path="scan.pdf"), base_dir=tmp_path)


def test_pdf_with_one_scanned_page_warns_for_that_page(tmp_path: Path) -> None:
    make_pdf(tmp_path / "mixed.pdf", ["Neck pain.", None])
    assert read_record(Record(id="r1", path="mixed.pdf"), base_dir=tmp_path).warnings == [
        "mixed.pdf: page(s) 2 have no text layer; OCR is needed for them"
    ]


def test_broken_pdf_is_a_record_error(tmp_path: Path) -> None:
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    with pytest.raises(RecordReadError, match="cannot open the PDF"):
        read_record(Record(id="r1", path="bad.pdf"), base_dir=tmp_path)


def test_bad_records_become_warnings_and_the_rest_are_read(tmp_path: Path) -> None:
    make_pdf(tmp_path / "scan.pdf", [None])
    facts = extract_facts(
        case(
            [
                {"id": "scan", "path": "scan.pdf"},
                {"id": "gone", "path": "missing.txt"},
                {"id": "empty", "text": "  \n "},
                {"id": "good", "text": "She denies numbness."},
            ]
        ),
        base_dir=tmp_path,
        knowledge=KNOWLEDGE,
    )
    assert ([w.record for w in facts.warnings], [f.record for f in facts.facts]) == (
        ["scan", "gone", "empty"],
        ["good"],
    )


def test_scan_warning_names_ocr(tmp_path: Path) -> None:
    make_pdf(tmp_path / "scan.pdf", [None])
    facts = extract_facts(case([{"id": "scan", "path": "scan.pdf"}]), base_dir=tmp_path, knowledge=KNOWLEDGE)
    assert "OCR is needed" in facts.warnings[0].message


def test_non_english_record_is_warned_about() -> None:
    text = "El paciente refiere dolor cervical intenso desde hace tres meses, con irradiación al brazo " * 5
    facts = extract_facts(case([{"id": "es", "text": text}]), knowledge=KNOWLEDGE)
    assert any("English" in w.message for w in facts.warnings)


def test_garbled_record_is_warned_about() -> None:
    text = "The request is not medically necessary. â¿¿ Pain 5/10."
    assert any(
        "garbled" in w.message
        for w in extract_facts(case([{"id": "g", "text": text}]), knowledge=KNOWLEDGE).warnings
    )


def test_ascii_text_never_matches_ftfys_garbling_measure() -> None:
    # Why ASCII records skip ftfy (slow to import): each alternative of its badness pattern needs a
    # character outside ASCII. Checked on the pattern itself, so an ftfy that changes it fails here.
    from re import _constants as sre  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]

    from ftfy.badness import BADNESS_RE

    def only_non_ascii(op: object, av: object) -> bool:
        if op is sre.LITERAL:
            return isinstance(av, int) and av >= 128
        if op is sre.IN and isinstance(av, list):
            return all((o is sre.LITERAL and a >= 128) or (o is sre.RANGE and a[0] >= 128) for o, a in av)
        return False

    [(op, (_, branches))] = list(_parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags))
    assert op is sre.BRANCH and len(branches) > 10
    for branch in branches:
        assert any(only_non_ascii(o, a) for o, a in branch), branch
    assert BADNESS_RE.search("Pain 5/10\x85") and not BADNESS_RE.search("Pain 5/10.")


def test_symbols_only_record_is_warned_about() -> None:
    assert (
        extract_facts(case([{"id": "s", "text": "#### ---- 1234 ////"}]), knowledge=KNOWLEDGE)
        .warnings[0]
        .message.startswith("the record has no words")
    )


def test_megabyte_record_is_read_whole() -> None:
    block = "Examination showed tenderness and muscle spasm. She denies numbness. Pain 7/10.\n"
    text = block * (1_000_000 // len(block))
    facts = extract_facts(case([{"id": "big", "text": text}]), knowledge=KNOWLEDGE)
    assert len(facts.negated("finding.numbness_tingling")) == text.count("denies numbness")
