"""A born-digital packet: every page from its text layer, documents found, typed, dated, signed."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from packet_fixtures import Packet, build_packet, case_documents, normalized, text_case

from imr.intake import parse_case_file
from imr.intake.records import PAGE_BREAK
from imr.models import CaseFile
from imr.packets import intake_packet


def test_every_page_is_in_exactly_one_record_at_its_offsets(demo_text_packet: Packet) -> None:
    case = intake_packet(demo_text_packet.path)
    numbers = sorted(p.page for r in case.records for p in r.pages)
    assert numbers == list(range(1, len(demo_text_packet.source_pages) + 1))
    for record in case.records:
        assert record.text is not None
        for page in record.pages:
            assert page.source == "text_layer" and page.confidence is None
            source = demo_text_packet.source_pages[page.page - 1]
            assert normalized(record.text[page.start : page.end]) == normalized(source)
        assert PAGE_BREAK.join(record.text[p.start : p.end] for p in record.pages) == record.text
    assert case.intake is not None
    assert (case.intake.pages, case.intake.text_layer_pages, case.intake.ocr_pages) == (5, 5, 0)


def test_documents_are_typed_dated_and_signed_as_the_case_says(demo_text_packet: Packet) -> None:
    case = intake_packet(demo_text_packet.path)
    kinds = sorted(r.kind for r in case.records)
    assert kinds == ["imr_application", "progress_report", "progress_report", "ur_decision", "ur_decision"]
    reports = sorted(
        (r for r in case.records if r.kind == "progress_report"), key=lambda r: r.date or dt.date.min
    )
    assert [r.date for r in reports] == [dt.date(2015, 3, 10), dt.date(2015, 5, 12)]
    assert {r.author for r in reports} == {"Physical Medicine and Rehabilitation"}
    assert all(r.title and "PROGRESS REPORT" in r.title.upper() for r in reports)
    assert all(r.packet == "demo-text.pdf" for r in case.records)


def test_disputes_come_from_the_application_and_the_ur_letter(demo_text_packet: Packet) -> None:
    source = text_case("CM15-0104417")
    case = intake_packet(demo_text_packet.path)
    assert [i.request for i in case.items] == [i["request"] for i in source["items"]]
    assert [i.ur_decision for i in case.items] == [i["ur_decision"] for i in source["items"]]
    assert [i.ur_modified_to for i in case.items] == [i.get("ur_modified_to") for i in source["items"]]
    assert all((i.model_extra or {}).get("claims_administrator_guideline") for i in case.items)
    assert case.ur is not None and case.ur.date == dt.date(2015, 5, 20)
    assert case.ur.claims_administrator == "Golden State Claims Services"
    assert case.date_of_injury == dt.date(2013, 4, 9)
    assert case.request_date == dt.date(2015, 5, 12)
    assert case.case_id == "CM15-0104417"
    assert case.worker is not None and (case.worker.age, case.worker.sex) == (52, "female")


def test_the_case_file_round_trips_through_the_contract(demo_text_packet: Packet) -> None:
    case = intake_packet(demo_text_packet.path)
    again = parse_case_file(json.loads(case.model_dump_json(exclude_none=True)))
    assert again == CaseFile.model_validate(json.loads(case.model_dump_json()))
    assert again.records[0].pages == case.records[0].pages


def test_a_multi_page_document_stays_one_record(tmp_path: Path) -> None:
    source = text_case("EX-ACU-0001")
    docs = case_documents(source)
    docs[2].paragraphs = docs[2].paragraphs * 8  # a long progress report: several pages
    packet = build_packet(docs, tmp_path / "long.pdf", shuffle=False, scan=lambda d, p: False)
    case = intake_packet(packet.path)
    assert len(packet.source_pages) > 4
    assert len(case.records) == 3
    long_record = case.records[2]
    assert [p.page for p in long_record.pages] == list(range(3, len(packet.source_pages) + 1))


def test_continuation_pages_without_footers_join_the_document_before(tmp_path: Path) -> None:
    docs = case_documents(text_case("EX-ACU-0001"))
    for doc in docs:
        doc.footers = False
    docs[2].paragraphs = docs[2].paragraphs * 8
    packet = build_packet(docs, tmp_path / "no-footers.pdf", shuffle=False, scan=lambda d, p: False)
    case = intake_packet(packet.path)
    assert [r.kind for r in case.records] == ["imr_application", "ur_decision", "progress_report"]
