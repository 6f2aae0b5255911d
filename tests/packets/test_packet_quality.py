"""The question the engine asks: does this span rest on low-confidence or unreadable text?"""

from __future__ import annotations

from imr.models import (
    CaseFile,
    CriterionResult,
    Evidence,
    ItemRequest,
    PacketIntake,
    Record,
    RecordPage,
    SearchScope,
)
from imr.packets import absence_doubt, decisive_doubt, evidence_doubt, page_at, text_doubt
from imr.packets.quality import page_doubt

TEXT = "Page one was read well.\n\f\nPage two: functional improvement noted.\n\f\n"


def _record() -> Record:
    return Record(
        id="r2",
        text=TEXT,
        pages=[
            RecordPage(page=7, start=0, end=23, source="text_layer"),
            RecordPage(page=8, start=26, end=65, source="ocr", confidence=91.0, low_confidence=[(36, 46)]),
            RecordPage(page=9, start=68, end=68, source="unreadable", problem="blank page: no text or marks"),
        ],
    )


def _case(threshold: float = 75.0) -> CaseFile:
    return CaseFile(
        records=[_record(), Record(id="r1", text="Typed record.")],
        items=[ItemRequest(request="Acupuncture x6")],
        intake=PacketIntake(packet="p.pdf", pages=3, confidence_threshold=threshold),
    )


def test_page_at_maps_an_offset_to_its_packet_page() -> None:
    record = _record()
    assert [page_at(record, o).page for o in (0, 22, 30, 64)] == [7, 7, 8, 8]  # type: ignore[union-attr]
    assert page_at(Record(id="x", text="no map"), 3) is None


def test_text_layer_and_well_read_words_are_not_doubtful() -> None:
    record = _record()
    assert text_doubt(record, 0, 10) is None
    assert text_doubt(record, 48, 60) is None  # "improvement": read with good confidence


def test_a_low_confidence_word_is_doubtful_and_named() -> None:
    reason = text_doubt(_record(), 36, 60)
    assert reason is not None and "'functional'" in reason and "page 8" in reason and "r2" in reason


def test_a_page_below_the_threshold_is_doubtful_everywhere_on_it() -> None:
    assert text_doubt(_record(), 48, 60, threshold=95) is not None
    assert evidence_doubt(_case(95), Evidence(record="r2", start=48, end=60, text="improvement")) is not None
    assert evidence_doubt(_case(75), Evidence(record="r2", start=48, end=60, text="improvement")) is None


def test_an_unreadable_page_is_doubtful() -> None:
    reason = page_doubt(_record().pages[2])
    assert reason is not None and "page 9 could not be read (blank page" in reason


def test_records_without_a_page_map_are_never_doubtful() -> None:
    assert evidence_doubt(_case(), Evidence(record="r1", start=0, end=5, text="Typed")) is None


def test_an_absence_is_doubtful_when_a_searched_record_has_unread_pages() -> None:
    assert absence_doubt(_case(), ["r1"]) is None
    reason = absence_doubt(_case(), ["r2"])
    assert reason is not None and "9" in reason


def test_decisive_doubt_looks_only_at_decisive_criteria() -> None:
    spans = [Evidence(record="r2", start=36, end=46, text="functional")]
    quiet = CriterionResult(id="frequency", result="met", evidence=spans, decisive=False)
    loud = CriterionResult(id="functional_improvement", result="met", evidence=spans, decisive=True)
    absent = CriterionResult(
        id="documented",
        result="not_met",
        decisive=True,
        searched=SearchScope(concept="outcome.functional_improvement", records=["r2"]),
    )
    assert decisive_doubt(_case(), [quiet]) is None
    assert "functional_improvement" in (decisive_doubt(_case(), [quiet, loud]) or "")
    assert "absence" in (decisive_doubt(_case(), [absent]) or "")
