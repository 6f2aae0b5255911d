"""The parts of reading a packet: hOCR to text, headings to kinds, dates and authors, page marks,
and the disputes of the UR letter and the application."""

from __future__ import annotations

import datetime as dt

from imr.knowledge import load_knowledge
from imr.packets.disputes import application_items, read_disputes, ur_action, ur_requests
from imr.packets.hocr import parse_hocr
from imr.packets.kinds import cue_kind, document_author, document_date, document_kinds, heading_kind
from imr.packets.pages import PacketPage
from imr.packets.split import page_mark, split_documents

HOCR = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><body>
<div class='ocr_page' title='bbox 0 0 100 100'>
 <p class='ocr_par'>
  <span class='ocr_textfloat'><span class='ocrx_word' title='bbox 1 1 2 2; x_wconf 96'>MRI</span>
   <span class='ocrx_word' title='bbox 1 1 2 2; x_wconf 90'>REPORT</span></span>
 </p>
 <p class='ocr_par'>
  <span class='ocr_line'><span class='ocrx_word' title='x_wconf 95'>The</span>
   <span class='ocrx_word' title='x_wconf 40'>physi-</span></span>
  <span class='ocr_line'><span class='ocrx_word' title='x_wconf 93'>cian</span>
   <span class='ocrx_word' title='x_wconf 91'>wrote.</span></span>
 </p>
</div></body></html>"""

KINDS = document_kinds(load_knowledge())


def test_hocr_becomes_page_text_with_word_confidences() -> None:
    read = parse_hocr(HOCR)
    assert read.text == "MRI REPORT\n\nThe physician wrote."
    words = [(read.text[w.start : w.end], w.confidence) for w in read.words]
    assert words == [("MRI", 96), ("REPORT", 90), ("The", 95), ("physi", 40), ("cian", 93), ("wrote.", 91)]
    assert read.low_spans(60) == [(16, 21)]
    assert read.confidence is not None and 80 < read.confidence < 90


def test_headings_name_the_kind_and_body_lines_do_not() -> None:
    assert heading_kind("PRIMARY TREATING PHYSICIAN'S PROGRESS REPORT\nDate of service: 1/2/2015", KINDS) == (
        "progress_report",
        "PRIMARY TREATING PHYSICIAN'S PROGRESS REPORT",
    )
    assert heading_kind("Request for Authorization\nDWC Form RFA", KINDS)[0] == "rfa"  # type: ignore[index]
    assert heading_kind("MRI OF THE LUMBAR SPINE WITHOUT CONTRAST", KINDS)[0] == "imaging"  # type: ignore[index]
    assert heading_kind("ELECTRODIAGNOSTIC CONSULTATION", KINDS)[0] == "electrodiagnostic"  # type: ignore[index]
    assert heading_kind("URINE DRUG SCREEN RESULTS", KINDS)[0] == "lab"  # type: ignore[index]
    assert heading_kind("OPERATIVE REPORT", KINDS)[0] == "operative_report"  # type: ignore[index]
    assert heading_kind("PHYSICAL THERAPY DAILY NOTE", KINDS)[0] == "therapy_note"  # type: ignore[index]
    assert heading_kind("LAW OFFICES OF A. SMITH", KINDS)[0] == "attorney_letter"  # type: ignore[index]
    body = "she has had acupuncture treatments with some relief of her neck pain and would like more"
    assert heading_kind(body, KINDS) is None
    assert cue_kind("Subjective complaints: pain. Objective findings: none. Work status: TTD.", KINDS) == (
        "progress_report"
    )
    assert cue_kind("A letter about nothing in particular.", KINDS) == "other"


def test_the_document_date_is_not_the_date_of_injury_or_birth() -> None:
    text = "PROGRESS REPORT\nDate of injury: 04/09/2013\nDOB: 1/2/1970\nDate of service: March 10, 2015\n"
    assert document_date(text) == dt.date(2015, 3, 10)
    assert document_date("RFA\nDate of request: 05/12/2015", "rfa") == dt.date(2015, 5, 12)
    assert document_date("UR letter\nDate of request: 05/12/2015") is None


def test_the_author_is_read_from_a_signature_label() -> None:
    text = "Body text.\nElectronically signed by: Maria Lopez, MD    Date: 3/10/2015\n"
    assert document_author(text) == "Maria Lopez, MD"
    assert document_author("No signature here.") is None


def test_page_marks_continue_documents() -> None:
    assert page_mark("... Page 2 of 3") == (2, 3)
    assert page_mark("Paqe 1/2") == (1, 2)
    assert page_mark("Page 4 of 3") is None
    pages = [
        PacketPage(1, "PRIMARY TREATING PHYSICIAN'S PROGRESS REPORT\nbody\nPage 1 of 2", "text_layer"),
        PacketPage(2, "PRIMARY TREATING PHYSICIAN'S PROGRESS REPORT\nmore\nPage 2 of 2", "text_layer"),
        PacketPage(3, "", "unreadable", problem="blank page: no text or marks"),
        PacketPage(4, "MRI OF THE KNEE\nImpression: normal.", "text_layer"),
        PacketPage(5, "continued findings without a heading", "text_layer"),
    ]
    documents = split_documents(pages, KINDS)
    assert [(d.kind, [p.number for p in d.pages]) for d in documents] == [
        ("progress_report", [1, 2, 3]),
        ("imaging", [4, 5]),
    ]


UR_LETTER = """UTILIZATION REVIEW DETERMINATION
Date of decision: 03/13/2015
Request 1: Deep tissue massage 12 sessions, neck, thoracic and
lower back
Decision: Modified
Modified to: 6 sessions
Guideline cited: MTUS Chronic Pain Medical Treatment
Guidelines, Massage therapy, page 60

Request 2: Flexeril 5mg #60
Decision: Non-certified
Guideline cited: MTUS Chronic Pain, Muscle relaxants

Request 3: Follow-up visit
Decision: Certified
"""


def test_ur_requests_with_wrapped_lines_decisions_and_guidelines() -> None:
    requests = ur_requests(UR_LETTER)
    assert [r.request for r in requests] == [
        "Deep tissue massage 12 sessions, neck, thoracic and lower back",
        "Flexeril 5mg #60",
        "Follow-up visit",
    ]
    assert [r.decision for r in requests] == ["modified", "non-certified", "certified"]
    assert requests[0].modified_to == "6 sessions"
    assert requests[0].guideline == "MTUS Chronic Pain Medical Treatment Guidelines, Massage therapy, page 60"
    assert [ur_action(v) for v in ("Denied", "Not medically necessary", "Partially certified")] == [
        "non-certified",
        "non-certified",
        "modified",
    ]


def test_the_application_lists_the_disputed_items_as_ocr_reads_them() -> None:
    text = (
        "APPLICATION FOR INDEPENDENT MEDICAL REVIEW\nDisputed treatment(s): :\nT. MRI, cervical spine\n"
        '"2. Flexeril 5mg #60\n\n3..Deep tissue massage\n12 sessions\nSignature: on file\n'
    )
    assert application_items(text) == [
        "MRI, cervical spine",
        "Flexeril 5mg #60",
        "Deep tissue massage 12 sessions",
    ]


def _document(kind: str, text: str):  # type: ignore[no-untyped-def]
    from imr.packets.split import PacketDocument

    return PacketDocument(kind, None, [PacketPage(1, text, "text_layer")])


def test_disputed_items_are_the_application_list_with_the_ur_decisions() -> None:
    application = _document(
        "imr_application",
        "APPLICATION FOR INDEPENDENT MEDICAL REVIEW\nDate of injury: 11/06/2008\nExpedited review: Yes\n"
        "Disputed treatment(s):\n1. Flexeril-5mg #60\n2. Acupuncture 15 visits\n",
    )
    disputes = read_disputes([application, _document("ur_decision", UR_LETTER)], ur_dates=[None])
    assert [(i.request, i.ur_decision) for i in disputes.items] == [
        ("Flexeril 5mg #60", "non-certified"),
        ("Acupuncture 15 visits", None),
    ]
    assert disputes.ur_date == dt.date(2015, 3, 13)
    assert disputes.date_of_injury == dt.date(2008, 11, 6)
    assert disputes.expedited is True
    assert any("Acupuncture 15 visits" in w and "does not list" in w for w in disputes.warnings)
    assert any("massage" in w and "does not dispute" in w for w in disputes.warnings)


def test_without_an_application_every_request_ur_did_not_certify_is_disputed() -> None:
    disputes = read_disputes([_document("ur_decision", UR_LETTER)], ur_dates=[None])
    assert [i.ur_decision for i in disputes.items] == ["modified", "non-certified"]
    assert disputes.items[0].ur_modified_to == "6 sessions"
    assert (disputes.items[0].model_extra or {})["claims_administrator_guideline"].startswith("MTUS Chronic")


def test_the_document_kinds_are_the_projects_shared_vocabulary() -> None:
    from imr.knowledge import load_knowledge
    from imr.packets.kinds import document_kinds

    assert {k.name for k in document_kinds(load_knowledge())} == {
        "imr_application",
        "ur_decision",
        "rfa",
        "progress_report",
        "consultation",
        "imaging",
        "electrodiagnostic",
        "operative_report",
        "therapy_note",
        "lab",
        "attorney_letter",
        "other",
    }
