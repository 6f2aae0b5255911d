"""Scanned and mixed packets: OCR where a page has no text layer, its confidence kept, the case
read as from the text, and `imr decide` on the packet agreeing with `imr decide` on the text case."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from packet_fixtures import NEEDS_OCR, Packet, build_packet, case_documents, character_accuracy, text_case

from imr.engine import draft
from imr.intake import parse_case_file
from imr.knowledge import load_knowledge
from imr.packets import IntakeSettings, OcrSettings, intake_packet, text_doubt

pytestmark = NEEDS_OCR
FAST = IntakeSettings(ocr=OcrSettings(jobs=1))


def _decisions(case_data: object) -> list[tuple[object, bool]]:
    determination = draft(case_data, load_knowledge())  # type: ignore[arg-type]
    return [(i.decision, i.needs_review) for i in determination.items]


def test_scanned_pages_are_read_by_ocr_with_their_confidence(acupuncture_scanned_packet: Packet) -> None:
    case = intake_packet(acupuncture_scanned_packet.path, FAST)
    assert case.intake is not None and case.intake.ocr_pages == 3 and case.intake.text_layer_pages == 0
    assert case.intake.mean_ocr_confidence is not None and case.intake.mean_ocr_confidence > 75
    for record in case.records:
        assert record.text is not None
        for page in record.pages:
            assert page.source == "ocr"
            assert page.confidence is not None and 0 < page.confidence <= 100
            read = record.text[page.start : page.end]
            accuracy = character_accuracy(acupuncture_scanned_packet.source_pages[page.page - 1], read)
            assert accuracy > 0.95, (page.page, accuracy, read)
            for start, end in page.low_confidence:
                assert page.start <= start < end <= page.end


def test_the_scanned_case_reads_as_the_text_case(acupuncture_scanned_packet: Packet) -> None:
    source = text_case("EX-ACU-0001")
    case = intake_packet(acupuncture_scanned_packet.path, FAST)
    assert sorted(r.kind for r in case.records) == ["imr_application", "progress_report", "ur_decision"]
    assert [i.request for i in case.items] == [i["request"] for i in source["items"]]
    assert case.ur is not None and case.ur.date == dt.date.fromisoformat(source["ur"]["date"])
    assert _decisions(case) == _decisions(parse_case_file(source))


def test_a_mixed_packet_ocrs_only_the_scanned_pages(seed_mixed_packet: Packet) -> None:
    case = intake_packet(seed_mixed_packet.path, FAST)
    sources = {p.page: p.source for r in case.records for p in r.pages}
    assert [sources[n] == "ocr" for n in sorted(sources)] == seed_mixed_packet.scanned
    ur = next(r for r in case.records if r.kind == "ur_decision")
    assert all(p.source == "ocr" for p in ur.pages)
    source = text_case("seed-000")
    assert [i.ur_decision for i in case.items] == [i["ur_decision"] for i in source["items"]]
    assert case.ur is not None and case.ur.date == dt.date(2015, 3, 13)
    assert _decisions(case) == _decisions(parse_case_file(source))


def test_a_page_with_a_fax_header_over_a_scan_is_ocrd(tmp_path: Path) -> None:
    """A fax machine's header line in a text layer above a scanned page is not the page's text."""
    docs = case_documents(text_case("EX-ACU-0001"))
    packet = build_packet(
        docs,
        tmp_path / "stamped.pdf",
        shuffle=False,
        scan=lambda d, p: d == 2,
        stamp=lambda number: f"FAX 555-0100  p. {number}",
    )
    case = intake_packet(packet.path, FAST)
    report = next(r for r in case.records if r.kind == "progress_report")
    assert report.pages[0].source == "ocr"
    assert report.text is not None and "acupuncture" in report.text.lower()


def test_low_confidence_text_is_doubtful_and_good_text_is_not(tmp_path: Path) -> None:
    docs = case_documents(text_case("EX-ACU-0001"))
    packet = build_packet(
        docs, tmp_path / "noisy.pdf", shuffle=False, scan=lambda d, p: d == 2, dpi=120, noise=0.03, seed=11
    )
    strict = IntakeSettings(ocr=OcrSettings(jobs=1), page_confidence=99.5, word_confidence=90)
    case = intake_packet(packet.path, strict)
    report = next(r for r in case.records if r.kind == "progress_report")
    page = report.pages[0]
    assert page.source == "ocr" and page.confidence is not None and page.confidence < 99.5
    assert case.intake is not None and case.intake.low_confidence_pages == [page.page]
    reason = text_doubt(report, page.start, page.start + 10, threshold=99.5)
    assert reason is not None and f"page {page.page}" in reason and report.id in reason
    application = next(r for r in case.records if r.kind == "imr_application")
    assert text_doubt(application, 0, 20, threshold=99.5) is None  # born digital: nothing to doubt


def test_an_upside_down_page_is_read_again_turned_round(tmp_path: Path) -> None:
    docs = case_documents(text_case("EX-ACU-0001"))
    packet = build_packet(
        docs,
        tmp_path / "upside-down.pdf",
        shuffle=False,
        scan=lambda d, p: d == 2,
        upside_down=lambda d, p: d == 2,
    )
    case = intake_packet(packet.path, FAST)
    report = next(r for r in case.records if r.kind == "progress_report")
    page = report.pages[0]
    assert page.source == "ocr" and page.confidence is not None and page.confidence > 75
    assert report.text is not None
    assert character_accuracy(packet.source_pages[2], report.text[page.start : page.end]) > 0.95
